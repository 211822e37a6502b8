/**
 * Each shared execution result (src/server/shared-subscribe.ts) serialised
 * once per process, not once per subscriber.
 *
 * graphql-ws sends a result as `JSON.stringify({ id, type: 'next', payload })`
 * for every subscriber: 500 subscribers of one run on a hub serialise the same
 * payload 500 times per event (a fifth of the CPU a delivery costs; the rest
 * is the socket write). Here `onNext` gives graphql-ws a stand-in payload that
 * serialises to a fixed placeholder, and the socket's `send` replaces the
 * whole placeholder message, matched exactly (same subscription id, same
 * bytes), by the message with the payload serialised once per result. What
 * the client receives is byte for byte what graphql-ws would have sent.
 */
import type { ExecutionResult } from 'graphql';
import type WebSocket from 'ws';

/** What the stand-in serialises to: a string no payload object serialises to. */
const PLACEHOLDER = '\u0000shared-payload';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);

/** graphql-ws requires an object payload; JSON.stringify asks it for its JSON. */
const STAND_IN = Object.freeze({ toJSON: () => PLACEHOLDER });

type Send = WebSocket['send'];

export class SharedMessages {
  /** A result's payload as graphql-ws would serialise it, once per result object. */
  private readonly payloads = new WeakMap<ExecutionResult, string>();
  /** Per socket: placeholder message -> the message to send in its place. */
  private readonly pending = new WeakMap<WebSocket, Map<string, string>>();

  /**
   * For graphql-ws's `onNext`: the payload to hand back for `result` (an
   * error-free result) on subscription `id` of `socket`.
   */
  next(socket: WebSocket, id: string, result: ExecutionResult): object {
    let payload = this.payloads.get(result);
    if (payload === undefined) {
      payload = JSON.stringify(result);
      this.payloads.set(result, payload);
    }
    // JSON.stringify({ id, type: 'next', payload }) for either payload, key order included.
    const head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
    this.pendingOf(socket).set(`${head}${PLACEHOLDER_JSON}}`, `${head}${payload}}`);
    return STAND_IN;
  }

  private pendingOf(socket: WebSocket): Map<string, string> {
    let pending = this.pending.get(socket);
    if (pending) return pending;
    pending = new Map();
    this.pending.set(socket, pending);
    const send = socket.send.bind(socket) as (data: unknown, ...rest: unknown[]) => void;
    const messages = pending;
    socket.send = ((data: unknown, ...rest: unknown[]) => {
      if (typeof data === 'string') {
        const message = messages.get(data);
        if (message !== undefined) {
          messages.delete(data);
          return send(message, ...rest);
        }
      }
      return send(data, ...rest);
    }) as Send;
    return pending;
  }
}
