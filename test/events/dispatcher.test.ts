/**
 * The dispatcher against a real receiver and a sink: fan-out per webhook and
 * sink, order per key, retries of a sink's batch while it refuses.
 */
import type { EventSink, OutboxEventMessage } from '../../src/events/sink';
import { recordEvents } from '../../src/events/outbox';
import { startTestApp, type TestApp } from '../support/app';
import { startReceiver, type Receiver } from '../support/webhook-receiver';
import { waitFor } from '../support/wait';

class RecordingSink implements EventSink {
  readonly name = 'test:sink';
  readonly sent: OutboxEventMessage[][] = [];
  refuse = 0;
  async send(events: readonly OutboxEventMessage[]): Promise<void> {
    if (this.refuse > 0) {
      this.refuse -= 1;
      throw new Error('broker unavailable');
    }
    this.sent.push([...events]);
  }
  async close(): Promise<void> {}
}

describe('the event dispatcher', () => {
  let app: TestApp;
  let receiver: Receiver;
  const sink = new RecordingSink();
  let secret = '';

  beforeAll(async () => {
    app = await startTestApp({
      dispatcher: { backoffBaseMs: 50, backoffMaxMs: 200, pollMs: 50 },
      sinks: [sink],
    });
    receiver = await startReceiver(() => secret);
    ({ secret } = await app.services.webhooks.create({
      url: receiver.url,
      events: ['CREDENTIAL_ISSUED', 'RUN_COMPLETED'],
    }));
  });
  afterAll(async () => {
    await receiver?.close();
    await app?.close();
  });

  it('delivers every event once per webhook and per sink, signed, in order per key', async () => {
    sink.refuse = 2;
    const events = Array.from({ length: 60 }, (_, i) => ({
      type: 'CREDENTIAL_ISSUED' as const,
      key: `course-${i % 3}`,
      payload: { n: i },
    }));
    await app.db.transaction((trx) => recordEvents(trx, events));
    // Not for the webhook (it does not take RUN_FAILED), but for the sink.
    await app.db.transaction((trx) =>
      recordEvents(trx, [{ type: 'RUN_FAILED', key: null, payload: { n: 60 } }]),
    );
    await waitFor('60 webhook deliveries', () => receiver.received.length >= 60);
    await waitFor('61 sink deliveries', () => sink.sent.flat().length >= 61);

    expect(receiver.received.every((r) => r.signed)).toBe(true);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(60);
    for (const key of ['course-0', 'course-1', 'course-2']) {
      const ns = receiver.received.filter((r) => r.key === key).map((r) => r.data.n as number);
      expect(ns).toEqual([...ns].sort((a, b) => a - b));
      expect(ns).toHaveLength(20);
    }
    const sent = sink.sent.flat();
    expect(sent.map((m) => m.data.n)).toEqual(Array.from({ length: 61 }, (_, i) => i));
    const deliveries = await waitFor('every delivery recorded DELIVERED', async () => {
      const rows = await app.db('deliveries').select('sink', 'status', 'attempts');
      return rows.every((d) => d.status === 'DELIVERED') && rows;
    });
    expect(deliveries).toHaveLength(121);
    // The sink refused twice: what it refused was sent again, nothing twice after it took it.
    expect(sink.refuse).toBe(0);
    const sinkAttempts = deliveries.filter((d) => d.sink === 'test:sink').map((d) => d.attempts);
    expect(Math.max(...sinkAttempts)).toBeGreaterThanOrEqual(2);
    expect(sinkAttempts.reduce((a, b) => a + b - 1, 0)).toBeGreaterThanOrEqual(2);
  });

  it('keeps a sink delivery PENDING past the webhook attempt limit while its broker refuses', async () => {
    // A webhook delivery is DEAD after 8 attempts; a sink's outage is the hub's own
    // event bus being away, so its deliveries keep retrying until it is back.
    sink.refuse = 12;
    const before = sink.sent.flat().length;
    await app.db.transaction((trx) =>
      recordEvents(trx, [{ type: 'RUN_FAILED', key: 'outage', payload: { n: 'outage' } }]),
    );
    const pending = await waitFor('a sink delivery past 8 attempts', async () => {
      const row = await app
        .db('deliveries')
        .where({ sink: 'test:sink' })
        .orderBy('id', 'desc')
        .first();
      return row && row.attempts >= 9 && row;
    });
    expect(pending.status).toBe('PENDING');
    await waitFor('the sink takes it', () => sink.sent.flat().length > before);
    const delivered = await waitFor('DELIVERED', async () => {
      const row = await app.db('deliveries').where({ id: pending.id }).first();
      return row.status === 'DELIVERED' && row;
    });
    expect(delivered.attempts).toBe(13);
    expect(await app.db('deliveries').where({ status: 'DEAD' }).count('* as n')).toEqual([
      { n: 0 },
    ]);
  });
});
