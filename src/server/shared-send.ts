/**
 * Each shared execution result (src/server/shared-subscribe.ts) serialised
 * once per process and written straight to every subscriber's socket.
 *
 * graphql-ws sends a result as `JSON.stringify({ id, type: 'next', payload })`
 * for every subscriber, through its own chain of promises per message (the
 * `for await` over the subscription, `onNext`, the message's validation and
 * serialisation, a promise per socket write): 1,000 subscribers of one run
 * pay it 1,000 times per event, as much CPU as the socket writes themselves.
 * Here the payload is serialised once per result, and the message of each
 * subscriber (its own id around the shared payload) is written to its socket
 * at once, byte for byte what graphql-ws would have sent.
 *
 * Backpressure is kept: graphql-ws pulls a subscription's next event only once
 * the previous message was written; so does a `DirectNext` that returns a
 * promise when the socket could not take the message at once (the kernel's
 * buffer full), and the subscriber's events then wait in the notifier's
 * bounded buffer, which drops it when it falls too far behind.
 */
import type { ExecutionResult } from 'graphql';
import WebSocket from 'ws';

/**
 * Sends an error-free result as the `next` message of one subscription;
 * a promise when the write has not completed yet (wait for it before the next).
 */
export type DirectNext = (result: ExecutionResult) => Promise<void> | undefined;

export class SharedMessages {
  /** A result's payload as graphql-ws would serialise it, once per result object. */
  private readonly payloads = new WeakMap<ExecutionResult, string>();

  /** The `next` messages of subscription `id` on `socket`, sent directly. */
  sender(socket: WebSocket, id: string): DirectNext {
    // JSON.stringify({ id, type: 'next', payload }), key order included.
    const head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
    return (result) => {
      // As graphql-ws (use/ws): nothing is sent on a socket that is not open.
      if (socket.readyState !== WebSocket.OPEN) return undefined;
      let payload = this.payloads.get(result);
      if (payload === undefined) {
        payload = JSON.stringify(result);
        this.payloads.set(result, payload);
      }
      let settle: ((error?: Error) => void) | undefined;
      socket.send(`${head}${payload}}`, (error) => settle?.(error));
      // Written to the kernel at once (the usual case): nothing to wait for;
      // a failed write closes the socket, which ends its subscriptions.
      if (socket.bufferedAmount === 0) return undefined;
      return new Promise<void>((resolve, reject) => {
        settle = (error) => (error ? reject(error) : resolve());
      });
    };
  }
}
