import WebSocket from 'ws';
import { SharedMessages } from './shared-send';

/**
 * A socket that records what is sent on it (the ws API's `send(data, cb)`,
 * `readyState`, `bufferedAmount`); `buffered` bytes stay unwritten until
 * `flush(error?)` calls back.
 */
function socket(buffered = 0) {
  const sent: string[] = [];
  const callbacks: ((error?: Error) => void)[] = [];
  const ws = {
    readyState: WebSocket.OPEN as number,
    bufferedAmount: 0,
    send(data: string, cb?: (error?: Error) => void) {
      sent.push(data);
      this.bufferedAmount = buffered;
      if (cb) callbacks.push(cb);
    },
  };
  const flush = (error?: Error) => {
    ws.bufferedAmount = 0;
    for (const cb of callbacks.splice(0)) cb(error);
  };
  return { ws, sent, flush, as: ws as unknown as WebSocket };
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
    const senders = sockets.map(({ as }, i) => messages.sender(as, ids[i]));
    const waits = senders.map((send) => send(result));
    const payloadSerialisations = stringify.mock.calls.filter(([value]) => value === result);
    stringify.mockRestore();
    expect(payloadSerialisations).toHaveLength(1);
    // Written at once: nothing to wait for.
    expect(waits).toEqual([undefined, undefined, undefined]);
    for (const [i, { sent }] of sockets.entries()) {
      // graphql-ws: stringifyMessage({ id, type: 'next', payload }).
      expect(sent).toEqual([JSON.stringify({ id: ids[i], type: 'next', payload: result })]);
    }
  });

  it('keeps the subscriptions of one socket apart', () => {
    const messages = new SharedMessages();
    const { as, sent } = socket();
    const other = { data: { runProgress: { status: 'SUCCESS' } } };
    void messages.sender(as, '2')(other);
    void messages.sender(as, '1')(result);
    expect(sent).toEqual([
      JSON.stringify({ id: '2', type: 'next', payload: other }),
      JSON.stringify({ id: '1', type: 'next', payload: result }),
    ]);
  });

  it('sends nothing on a socket that is not open', () => {
    const messages = new SharedMessages();
    const { ws, as, sent } = socket();
    ws.readyState = WebSocket.CLOSING;
    expect(messages.sender(as, '1')(result)).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('makes the subscription wait while the socket has not taken the message', async () => {
    const messages = new SharedMessages();
    const slow = socket(512);
    const send = messages.sender(slow.as, '1');
    let written = false;
    void send(result)!.then(() => (written = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toBe(false);
    slow.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toBe(true);

    const failing = send(result)!;
    slow.flush(new Error('EPIPE'));
    await expect(failing).rejects.toThrow('EPIPE');
  });
});
