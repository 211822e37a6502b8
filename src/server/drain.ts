import type http from 'node:http';
import type { RequestHandler } from 'express';
import type { WebSocketServer } from 'ws';

/** WebSocket close code 1001: the server is going away. */
const WS_GOING_AWAY = 1001;

export interface DrainOptions {
  /** How long sockets get to answer the close handshake before they are cut [1000]. */
  wsGraceMs?: number;
}

/**
 * Ends every connection of one HTTP server on shutdown without waiting on
 * clients: it stops listening, answers new requests 503, closes idle
 * keep-alive connections at once and busy ones as their response ends, tells
 * WebSocket clients 1001 and cuts the ones that do not answer the close
 * handshake within `wsGraceMs`.
 */
export class Drain {
  private draining = false;
  private inFlight = 0;
  private closed?: Promise<void>;

  constructor(
    private readonly httpServer: http.Server,
    private readonly wsServer: WebSocketServer,
    private readonly options: DrainOptions = {},
  ) {}

  /** First in the chain: counts requests in flight and refuses new ones while draining. */
  readonly middleware: RequestHandler = (_req, res, next) => {
    if (this.draining) {
      res
        .status(503)
        .set('Connection', 'close')
        .json({
          errors: [
            { message: 'the server is shutting down', extensions: { code: 'SERVICE_UNAVAILABLE' } },
          ],
        });
      return;
    }
    this.inFlight += 1;
    res.once('close', () => {
      this.inFlight -= 1;
      // Its connection is idle now: close it rather than wait for the client.
      if (this.draining) setImmediate(() => this.httpServer.closeIdleConnections());
    });
    next();
  };

  get isDraining(): boolean {
    return this.draining;
  }

  /** What it still waits for (named in the shutdown log when the deadline passes). */
  pending(): { requestsInFlight: number; webSockets: number } {
    return { requestsInFlight: this.inFlight, webSockets: this.wsServer.clients.size };
  }

  /** Resolves when the server holds no connection any more; safe to call twice. */
  close(): Promise<void> {
    this.closed ??= this.drain();
    return this.closed;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    const serverClosed = new Promise<void>((resolve) => {
      if (!this.httpServer.listening) return resolve();
      this.httpServer.close(() => resolve());
    });
    this.httpServer.closeIdleConnections();
    const sockets = [...this.wsServer.clients];
    for (const socket of sockets) socket.close(WS_GOING_AWAY, 'the server is shutting down');
    await this.socketsClosed(this.options.wsGraceMs ?? 1_000);
    // Sockets that never answered the close handshake (a client that stopped reading).
    for (const socket of this.wsServer.clients) socket.terminate();
    await serverClosed;
  }

  private socketsClosed(graceMs: number): Promise<void> {
    return new Promise((resolve) => {
      const deadline = Date.now() + graceMs;
      const check = () => {
        if (this.wsServer.clients.size === 0 || Date.now() >= deadline) resolve();
        else setTimeout(check, 20);
      };
      check();
    });
  }
}
