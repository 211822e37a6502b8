/**
 * A subscriber that stops reading its socket is dropped with close code 4008
 * ("subscriber too slow") once more events wait for it than the notifier's
 * per-subscriber buffer holds, while a subscriber on the same events that
 * reads them keeps receiving every one. Real sockets: the slow client is a
 * raw graphql-transport-ws WebSocket that pauses reading, so the hub's
 * writes back up through the kernel's buffers into its send queue.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { EVENTS_CHANNEL } from '../../src/pubsub/events';
import { WS_SUBSCRIBER_TOO_SLOW } from '../../src/server/app';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '../support/wait';

const BUFFER = 8;
/** Aliases make each message about 20 KB, so that the loopback socket's buffers fill in a few hundred events. */
const FIELDS = Array.from(
  { length: 200 },
  (_, i) =>
    `p${i}: progress { phase recordsProcessed recordsTotal fraction ratePerSecond etaSeconds }`,
).join('\n');
const QUERY = `subscription { runProgress { status at ${FIELDS} } }`;

describe('a slow subscriber', () => {
  let app: TestApp;
  let healthy: Client | undefined;
  let slow: WebSocket | undefined;

  beforeAll(async () => {
    app = await startTestApp({
      notifierBufferSize: BUFFER,
      ops: { maxAliases: 1000, maxCost: 1_000_000, maxTokens: 100_000 },
    });
  });
  afterAll(async () => {
    slow?.terminate();
    await healthy?.dispose();
    await app.close();
  });

  /** `count` progress events of distinct runs (none supersedes another), in one statement. */
  let nextRun = 1;
  async function publish(count: number): Promise<void> {
    const first = nextRun;
    nextRun += count;
    await app.db.raw(
      `select pg_notify(?, json_build_object(
         'type', 'run', 'runId', g, 'connectorId', 1, 'status', 'RUNNING', 'phase', 'PROCESSING',
         'statusChanged', false, 'startedAt', null, 'at', to_json(now()),
         'counters', json_build_object('recordsTotal', 1000, 'recordsFetched', g, 'recordsCreated', g,
           'recordsUpdated', 0, 'recordsSkipped', 0, 'recordsFailed', 0, 'pagesFetched', 1))::text)
         from generate_series(?::int, ?::int) g`,
      [EVENTS_CHANNEL, first, first + count - 1],
    );
  }

  it('is closed with 4008 while a subscriber that reads receives every event', async () => {
    // The process's own listeners (token revocation) count too.
    const before = app.notifier.subscriberCount;
    // The slow one: graphql-transport-ws by hand, then it stops reading.
    slow = new WebSocket(app.wsUrl, 'graphql-transport-ws');
    const socket = slow;
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const acked = new Promise((resolve) =>
      socket.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    socket.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${app.adminToken}` },
      }),
    );
    expect(await acked).toEqual({ type: 'connection_ack' });
    socket.send(JSON.stringify({ id: 'slow', type: 'subscribe', payload: { query: QUERY } }));
    await waitFor('the slow subscriber', () => app.notifier.subscriberCount === before + 1);
    socket.pause();

    // The healthy one: a graphql-ws client that reads everything.
    let received = 0;
    const errors: unknown[] = [];
    healthy = createClient({
      url: app.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${app.adminToken}` },
    });
    healthy.subscribe(
      { query: QUERY },
      {
        next: (result) => {
          if (result.errors) errors.push(result.errors);
          received += 1;
        },
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    await waitFor('the healthy subscriber', () => app.notifier.subscriberCount === before + 2);

    // A few events at a time (fewer than the buffer), each batch read by the
    // healthy subscriber before the next, until the slow one is dropped.
    let published = 0;
    const dropped = () => app.notifier.subscriberCount === before + 1;
    while (!dropped()) {
      if (published > 5_000) throw new Error('the slow subscriber was never dropped');
      await publish(4);
      published += 4;
      await waitFor(
        `${published} events at the healthy subscriber`,
        () => received === published,
        10_000,
        5,
      );
    }
    expect(published).toBeGreaterThan(BUFFER);
    expect(app.logLines.join('\n')).toContain('subscriber too slow; dropping it');

    // The healthy one goes on receiving.
    await publish(3);
    published += 3;
    await waitFor('the events after the drop', () => received === published);
    expect(errors).toEqual([]);

    // The slow one, reading again, finds its socket closed with the code.
    socket.resume();
    await expect(closed).resolves.toEqual({
      code: WS_SUBSCRIBER_TOO_SLOW,
      reason: 'subscriber too slow',
    });
    expect(WS_SUBSCRIBER_TOO_SLOW).toBe(4008);
  });
});
