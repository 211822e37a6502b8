import WebSocket from 'ws';

/** A graphql-ws message as sent on the wire. */
export interface WireMessage {
  type: string;
  id?: string;
  payload?: any;
}

/**
 * A bare graphql-transport-ws connection: every message the server sends is
 * kept in order, and the close code is exposed, so tests can see exactly what
 * the server does (where graphql-ws's client would retry or hide it).
 */
export class RawSocket {
  readonly messages: WireMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly socket: WebSocket;
  private waiters: (() => void)[] = [];

  private constructor(url: string) {
    this.socket = new WebSocket(url, 'graphql-transport-ws');
    this.socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as WireMessage);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => {
      this.socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString('utf8') });
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    this.socket.on('error', () => {});
  }

  /** Opens the socket; with a token, sends connection_init and waits for the ack. */
  static async open(url: string, token?: string | null): Promise<RawSocket> {
    const raw = new RawSocket(url);
    await new Promise<void>((resolve, reject) => {
      raw.socket.once('open', () => resolve());
      raw.socket.once('error', reject);
    });
    if (token !== undefined) {
      raw.send({
        type: 'connection_init',
        payload: token === null ? {} : { authorization: `Bearer ${token}` },
      });
      const ack = await raw.waitFor((m) => m.type === 'connection_ack', 5_000).catch(() => null);
      if (!ack) {
        const closed = await Promise.race([raw.closed, new Promise((r) => setTimeout(r, 100))]);
        throw Object.assign(new Error('no connection_ack'), { closed });
      }
    }
    return raw;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(message: WireMessage | string): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  subscribe(id: string, query: string, variables: Record<string, unknown> = {}): void {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
  }

  /** The first message (kept so far or still to come) that `match` accepts. */
  async waitFor(match: (m: WireMessage) => boolean, ms = 5_000): Promise<WireMessage> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error('socket closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no such message in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The close code, or null when the socket is still open after `ms`. */
  async closeCodeWithin(ms: number): Promise<number | null> {
    const result = await Promise.race([
      this.closed,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), ms)),
    ]);
    return result ? result.code : null;
  }

  close(): void {
    this.socket.close();
  }
}
