/**
 * A hub process killed between an event's commit and its delivery (SIGKILL,
 * its requests in flight): a second process on the same database takes the
 * dead one's deliveries over once their lease runs out (RUN_STALE_SECONDS)
 * and sends them, so every event arrives, none more than once more. Both
 * processes start with SYNC_WEBHOOK_URLS / WEBHOOK_SECRET: one webhook.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../../src/db/knex';
import { recordEvents } from '../../src/events/outbox';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { hubFleet } from '../support/hub-process';
import { startReceiver, type Receiver } from '../support/webhook-receiver';
import { waitFor } from '../support/wait';

interface LogLine {
  msg?: string;
  url?: string;
}

const EVENTS = 30;

describe('a hub killed between commit and delivery', () => {
  let database: TestDatabase;
  let db: Db;
  let dataDir: string;
  let receiver: Receiver;
  let hanging = true;
  const adminToken = `test-admin-${randomBytes(16).toString('hex')}`;
  const secretKey = randomBytes(32).toString('hex');
  const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;

  const { spawnServer, listening, gql, killAll } = hubFleet<LogLine>({
    env: () => ({
      DATABASE_URL: database.url,
      TRIBUTARY_SECRET_KEY: secretKey,
      TRIBUTARY_ADMIN_TOKEN: adminToken,
      DATA_DIR: dataDir,
      SYNC_WEBHOOK_URLS: receiver.url,
      WEBHOOK_SECRET: webhookSecret,
      WEBHOOK_CONCURRENCY: '4',
    }),
    adminToken,
    getRun: `query($id: ID!) { run(id: $id) { status } }`,
    runTimeoutMs: 15_000,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, poolMax: 2 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tributary-dispatch-kill-'));
    receiver = await startReceiver(
      () => webhookSecret,
      () => (hanging ? 'hang' : 200),
    );
  });

  afterAll(async () => {
    await killAll();
    await receiver?.close();
    await db?.destroy();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers every event after the restart, none more than twice', async () => {
    const first = await listening(spawnServer('first'));
    const webhooks = (await gql(first, `{ webhooks { url events } }`)).webhooks;
    expect(webhooks).toEqual([
      { url: receiver.url, events: expect.arrayContaining(['CREDENTIAL_ISSUED']) },
    ]);

    const ids = await db.transaction((trx) =>
      recordEvents(
        trx,
        Array.from({ length: EVENTS }, (_, n) => ({
          type: 'CREDENTIAL_ISSUED' as const,
          key: `course-${n % 5}`,
          payload: { n },
        })),
      ),
    );
    // The first process sends and the receiver holds the requests: then it dies.
    await waitFor('requests in flight', () => receiver.received.length >= 4);
    first.process.kill('SIGKILL');
    await first.exited;
    const inFlight = new Set(receiver.received.map((r) => r.id));
    expect((await db('deliveries').where({ status: 'DELIVERED' })).length).toBe(0);
    hanging = false;

    const second = await listening(spawnServer('second'));
    // Started with the same SYNC_WEBHOOK_URLS: still one webhook.
    expect((await gql(second, `{ webhooks { url } }`)).webhooks).toHaveLength(1);
    await waitFor(
      'every delivery DELIVERED',
      async () =>
        (await db('deliveries').where({ status: 'DELIVERED' }).count('* as n'))[0].n === EVENTS,
      20_000,
    );
    const expected = ids.map((id) => Buffer.from(`OutboxEvent:${id}`).toString('base64url'));
    for (const id of expected) {
      const count = receiver.countOf(id);
      // Once, or (sent by the dead process too) once more at most.
      expect(count).toBe(inFlight.has(id) ? 2 : 1);
    }
    expect(receiver.received.every((r) => r.signed)).toBe(true);
    // Per course, the answered deliveries arrived in event order.
    for (let course = 0; course < 5; course += 1) {
      const answered = receiver.received
        .filter((r) => r.answer === 200 && r.key === `course-${course}`)
        .map((r) => r.data.n as number);
      expect(answered).toEqual([...answered].sort((a, b) => a - b));
    }
    const output = [...first.output, ...second.output].join('');
    expect(output).not.toContain(webhookSecret);
  });
});
