import type WebSocket from 'ws';
import { SharedMessages } from './shared-send';

/** A socket that records what is sent on it (the ws API's `send(data, cb)`). */
function socket(): { ws: WebSocket; sent: string[] } {
  const sent: string[] = [];
  const ws = {
    send(data: string, cb?: (error?: Error) => void) {
      sent.push(data);
      cb?.();
    },
  } as unknown as WebSocket;
  return { ws, sent };
}

/** What graphql-ws does with onNext's answer (server: emit.next). */
function graphqlWsNext(ws: WebSocket, id: string, payload: object): void {
  ws.send(JSON.stringify({ id, type: 'next', payload }), () => undefined);
}

describe('SharedMessages', () => {
  const result = {
    data: { runProgress: { status: 'RUNNING', note: 'ünïcode "quoted" \u2028', n: [1, 2] } },
  };

  it('sends byte for byte what graphql-ws would, to every subscriber, serialising once', () => {
    const messages = new SharedMessages();
    const stringify = jest.spyOn(JSON, 'stringify');
    const sockets = [socket(), socket(), socket()];
    const ids = ['1', 'a "quoted" \u0000 id', '0f8c-77'];
    for (const [i, { ws }] of sockets.entries()) {
      graphqlWsNext(ws, ids[i], messages.next(ws, ids[i], result));
    }
    const payloadSerialisations = stringify.mock.calls.filter(([value]) => value === result);
    stringify.mockRestore();
    expect(payloadSerialisations).toHaveLength(1);
    for (const [i, { sent }] of sockets.entries()) {
      expect(sent).toEqual([JSON.stringify({ id: ids[i], type: 'next', payload: result })]);
    }
  });

  it('leaves every other message alone, a client-sent placeholder included', () => {
    const messages = new SharedMessages();
    const { ws, sent } = socket();
    graphqlWsNext(ws, '1', messages.next(ws, '1', result));
    ws.send('{"type":"pong"}');
    // The same placeholder again, with nothing pending for it: sent as it is.
    graphqlWsNext(ws, '1', { toJSON: () => '\u0000shared-payload' });
    expect(sent[0]).toBe(JSON.stringify({ id: '1', type: 'next', payload: result }));
    expect(sent[1]).toBe('{"type":"pong"}');
    expect(sent[2]).toBe(
      JSON.stringify({ id: '1', type: 'next', payload: '\u0000shared-payload' }),
    );
  });

  it('keeps the subscriptions of one socket apart', () => {
    const messages = new SharedMessages();
    const { ws, sent } = socket();
    const other = { data: { runProgress: { status: 'SUCCESS' } } };
    const first = messages.next(ws, '1', result);
    const second = messages.next(ws, '2', other);
    graphqlWsNext(ws, '2', second);
    graphqlWsNext(ws, '1', first);
    expect(sent).toEqual([
      JSON.stringify({ id: '2', type: 'next', payload: other }),
      JSON.stringify({ id: '1', type: 'next', payload: result }),
    ]);
  });
});
