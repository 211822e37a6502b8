import { createLogger } from '../logger';
import { createDb, type Db } from '../db/knex';
import { createTestDatabase, type TestDatabase } from '../../test/support/db';
import type { HubEvent, RunCounters } from './events';
import {
  encodeEvent,
  LagBuffer,
  PayloadTooLargeError,
  PgNotifier,
  SubscriberOverflowError,
} from './notifier';

const AT = '2026-01-01T00:00:00.000Z';

const counters = (processed = 0): RunCounters => ({
  recordsTotal: null,
  recordsFetched: processed,
  recordsCreated: processed,
  recordsUpdated: 0,
  recordsSkipped: 0,
  recordsFailed: 0,
  pagesFetched: 0,
});

function runEvent(runId: number, processed: number, statusChanged = false): HubEvent {
  return {
    type: 'run',
    runId,
    connectorId: 1,
    status: statusChanged ? 'SUCCESS' : 'RUNNING',
    phase: 'PROCESSING',
    statusChanged,
    counters: counters(processed),
    startedAt: null,
    at: AT,
  };
}

const connectorEvent = (connectorId: number): HubEvent => ({
  type: 'connector',
  connectorId,
  deleted: false,
  at: AT,
});

/** The next value, or a failure after `ms`. */
async function nextWithin<T>(iterator: AsyncIterator<T>, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      iterator.next(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
      }),
    ]);
    if (result.done) throw new Error('iterator ended');
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('LagBuffer', () => {
  it('drops the oldest superseded progress first, never status changes', () => {
    const buffer = new LagBuffer(3);
    buffer.add(runEvent(1, 1));
    buffer.add(runEvent(2, 1));
    buffer.add(runEvent(1, 2, true));
    buffer.add(runEvent(1, 3)); // over: run 1's progress 1 is superseded
    const kept = [];
    for (let e = buffer.shift(); e; e = buffer.shift()) kept.push(e);
    expect(kept).toEqual(
      [runEvent(2, 1), runEvent(1, 2, true), runEvent(1, 3)].map(expect.objectContaining),
    );
    expect(buffer.dropped).toBe(1);
  });

  it('reports a slow subscriber when nothing waiting is superseded', () => {
    const buffer = new LagBuffer(2);
    expect(buffer.add(runEvent(1, 1))).toBe(true);
    expect(buffer.add(connectorEvent(5))).toBe(true);
    // Run 2's progress supersedes nothing of run 1: three events wait, one over.
    expect(buffer.add(runEvent(2, 1))).toBe(false);
    expect(buffer.dropped).toBe(0);
  });

  it('never drops a status change, and overflows on status changes alone', () => {
    const buffer = new LagBuffer(2);
    expect(buffer.add(runEvent(1, 1, true))).toBe(true);
    expect(buffer.add(runEvent(1, 2, true))).toBe(true);
    expect(buffer.add(runEvent(1, 3, true))).toBe(false);
    expect(buffer.length).toBe(3);
  });
});

describe('encodeEvent', () => {
  it('refuses a payload NOTIFY cannot carry', () => {
    const huge = { ...connectorEvent(1), at: 'x'.repeat(8000) } as HubEvent;
    expect(() => encodeEvent(huge)).toThrow(PayloadTooLargeError);
    expect(() => encodeEvent(huge)).toThrow(/fewer than 8000/);
    expect(encodeEvent(connectorEvent(1))).toContain('"connectorId":1');
  });
});

describe('PgNotifier', () => {
  let database: TestDatabase;
  let db: Db;
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => logLines.push(line) },
  });
  let listener: PgNotifier;
  let publisher: PgNotifier;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, poolMax: 3 });
    listener = new PgNotifier({
      url: database.url,
      logger,
      applicationName: 'notifier-test-listen',
      bufferSize: 5,
      reconnectInitialDelayMs: 50,
      reconnectMaxDelayMs: 500,
    });
    await listener.start();
    // Publishes from its own pool connections: nothing shared with the listener but Postgres.
    publisher = new PgNotifier({ url: database.url, logger });
  });

  afterAll(async () => {
    await listener.stop();
    await db.destroy();
    await database.drop();
  });

  it('delivers an event published on another connection', async () => {
    const events = listener.subscribe();
    const next = events.next();
    await waitFor(() => listener.subscriberCount === 1);
    await publisher.publish(db, connectorEvent(42));
    await expect(next).resolves.toEqual({ done: false, value: connectorEvent(42) });
    await events.return?.();
    expect(listener.subscriberCount).toBe(0);
  });

  it('delivers on commit, and nothing from a rolled-back transaction', async () => {
    const events = listener.subscribe((e) => e.type === 'connector');
    const first = events.next();
    await waitFor(() => listener.subscriberCount === 1);
    await db
      .transaction(async (trx) => {
        await publisher.publish(trx, connectorEvent(1));
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await db.transaction(async (trx) => {
      await publisher.publish(trx, connectorEvent(2));
      // Not delivered before the commit.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(listener.subscriberCount).toBe(1);
    });
    await expect(first).resolves.toEqual({ done: false, value: connectorEvent(2) });
    await events.return?.();
  });

  it('filters per subscriber', async () => {
    const runOne = listener.subscribe((e) => e.type === 'run' && e.runId === 1);
    const runTwo = listener.subscribe((e) => e.type === 'run' && e.runId === 2);
    const one = runOne.next();
    const two = runTwo.next();
    await waitFor(() => listener.subscriberCount === 2);
    await publisher.publish(db, runEvent(2, 10));
    await publisher.publish(db, runEvent(1, 20));
    expect((await one).value).toEqual(runEvent(1, 20));
    expect((await two).value).toEqual(runEvent(2, 10));
    await runOne.return?.();
    await runTwo.return?.();
    expect(listener.subscriberCount).toBe(0);
  });

  it('detaches on return() even while a next() is waiting', async () => {
    const events = listener.subscribe();
    const pending = events.next();
    await waitFor(() => listener.subscriberCount === 1);
    await events.return?.();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(listener.subscriberCount).toBe(0);
  });

  it('drops old progress for a slow subscriber but keeps every status change', async () => {
    const events = listener.subscribe((e) => e.type === 'run' && e.runId === 9);
    const first = events.next();
    await waitFor(() => listener.subscriberCount === 1);
    for (let i = 1; i <= 30; i += 1) await publisher.publish(db, runEvent(9, i, i % 10 === 0));
    await first;
    // Let every notification arrive while nobody reads.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const received: HubEvent[] = [(await first).value];
    for (;;) {
      const next = await Promise.race([
        events.next(),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 200)),
      ]);
      if (!next || next.done) break;
      received.push(next.value);
    }
    await events.return?.();
    const statuses = received.filter((e) => e.type === 'run' && e.statusChanged);
    expect(statuses).toHaveLength(3);
    expect(received.length).toBeLessThan(30);
    // The last counters are there.
    expect(received.at(-1)).toEqual(runEvent(9, 30, true));
  });

  it('gives a new subscriber nothing committed before it subscribed, even when NOTIFY is late', async () => {
    // The race of a client subscribing right after a mutation answered: the
    // mutation's event is committed, but this process has not read it yet.
    // A plain NOTIFY on the LISTEN connection's own socket arrives in the same
    // turn as the publish's answer; the subscriber registered in between must
    // not receive it, and must receive the next one.
    for (let round = 0; round < 20; round += 1) {
      await publisher.publish(db, connectorEvent(1000 + round));
      const events = listener.subscribe((e) => e.type === 'connector');
      const next = events.next();
      await waitFor(() => listener.subscriberCount === 1);
      await publisher.publish(db, connectorEvent(2000 + round));
      await expect(next).resolves.toEqual({ done: false, value: connectorEvent(2000 + round) });
      await events.return?.();
    }
  });

  it('routes by topic: a subscriber of one run sees nothing of another', async () => {
    const one = listener.subscribe(undefined, { topic: 'run:31' });
    const connector = listener.subscribe(undefined, { topic: 'connector:7' });
    const first = one.next();
    const second = connector.next();
    await waitFor(() => listener.subscriberCount === 2);
    await publisher.publish(db, runEvent(30, 1));
    await publisher.publish(db, runEvent(31, 2));
    await publisher.publish(db, connectorEvent(7));
    expect((await first).value).toEqual(runEvent(31, 2));
    expect((await second).value).toEqual(connectorEvent(7));
    await one.return?.();
    await connector.return?.();
  });

  it('drops a subscriber that falls too far behind, through onOverflow', async () => {
    let dropped = 0;
    const events = listener.subscribe(undefined, {
      topic: 'type:connector',
      onOverflow: () => (dropped += 1),
    });
    const first = events.next();
    await waitFor(() => listener.subscriberCount === 1);
    // bufferSize is 5: the first is taken, five wait, the seventh is one too many.
    for (let i = 1; i <= 7; i += 1) await publisher.publish(db, connectorEvent(i));
    await first;
    await waitFor(() => dropped === 1);
    await waitFor(() => listener.subscriberCount === 0);
    expect(dropped).toBe(1);
    expect(logLines.join('\n')).toContain('subscriber too slow; dropping it');
  });

  it('ends a subscriber that falls too far behind with SubscriberOverflowError when it has no onOverflow', async () => {
    const events = listener.subscribe(undefined, { topic: 'type:connector' });
    const first = events.next();
    await waitFor(() => listener.subscriberCount === 1);
    for (let i = 1; i <= 7; i += 1) await publisher.publish(db, connectorEvent(i));
    expect((await first).value).toEqual(connectorEvent(1));
    await waitFor(() => listener.subscriberCount === 0);
    // What was waiting is not handed out: the next call fails, then the iterator is done.
    await expect(events.next()).rejects.toBeInstanceOf(SubscriberOverflowError);
    await expect(events.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('detaches at once when returned while a next() waits, and hands out events in order', async () => {
    const events = listener.subscribe(undefined, { topic: 'type:connector' });
    const first = events.next();
    await waitFor(() => listener.subscriberCount === 1);
    await publisher.publish(db, connectorEvent(1));
    await publisher.publish(db, connectorEvent(2));
    await publisher.publish(db, connectorEvent(3));
    expect((await first).value).toEqual(connectorEvent(1));
    await waitFor(() => listener.subscriberCount === 1);
    expect((await events.next()).value).toEqual(connectorEvent(2));
    expect((await events.next()).value).toEqual(connectorEvent(3));
    const waiting = events.next();
    await expect(events.return!()).resolves.toEqual({ done: true, value: undefined });
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
    expect(listener.subscriberCount).toBe(0);
    expect(listener.subscriptionCount).toBe(0);
    await publisher.publish(db, connectorEvent(4));
    await expect(events.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('re-connects after its LISTEN connection is killed and delivers later events', async () => {
    let reconnected = 0;
    const off = listener.onReconnect(() => {
      reconnected += 1;
    });
    const events = listener.subscribe((e) => e.type === 'connector');
    const next = events.next();
    await waitFor(() => listener.subscriberCount === 1);
    const killed = await db.raw(
      `select pg_terminate_backend(pid) as killed from pg_stat_activity
        where datname = current_database() and application_name = 'notifier-test-listen'`,
    );
    expect(killed.rows).toEqual([{ killed: true }]);
    await waitFor(() => !listener.listening);
    await waitFor(() => listener.listening);
    expect(reconnected).toBe(1);
    expect(logLines.join('\n')).toContain('LISTEN connection lost; reconnecting');
    expect(logLines.join('\n')).toContain('LISTEN connection re-established');
    await publisher.publish(db, connectorEvent(77));
    expect((await next).value).toEqual(connectorEvent(77));
    await publisher.publish(db, connectorEvent(78));
    await expect(nextWithin(events)).resolves.toEqual(connectorEvent(78));
    await events.return?.();
    off();
  });

  it('ends its subscriptions on stop()', async () => {
    const other = new PgNotifier({ url: database.url, logger });
    await other.start();
    const events = other.subscribe();
    const pending = events.next();
    await waitFor(() => other.subscriberCount === 1);
    await other.stop();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(other.subscriberCount).toBe(0);
    expect(other.listening).toBe(false);
  });
});
