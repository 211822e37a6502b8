/**
 * npm run bench:events [-- --events 20000 --keys 1000 --concurrency 16]
 *
 * Outbound event delivery against a receiver in its own process on loopback
 * (bench/webhook-receiver.ts, which checks every signature):
 *
 *  1. baseline    bare HTTP: the same number of signed POSTs of the same
 *                 bodies with undici, `--concurrency` at once, no database;
 *  2. dispatcher  the hub's dispatcher (src/events/dispatcher.ts): `--events`
 *                 CREDENTIAL_ISSUED events committed to the outbox over
 *                 `--keys` course ids, one webhook; timed from start until
 *                 every delivery is DELIVERED in the database (fan-out,
 *                 claims, leases, order per key, outcomes written).
 *
 * Postgres is embedded in a temp dir, or the server in DATABASE_URL.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import pLimit from 'p-limit';
import { Agent, request } from 'undici';
import { createDb } from '../src/db/knex';
import { migrateLatest } from '../src/db/migrate';
import { eventMessage, signatureHeader } from '../src/events/dispatcher';
import { recordEvents } from '../src/events/outbox';
import { createLogger } from '../src/logger';
import { setOutboundPolicy } from '../src/security/outbound';
import { SecretBox } from '../src/security/secret-box';
import { createServices } from '../src/services';
import { BenchChild } from './support/child';
import { benchDatabase } from './support/postgres';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    keys: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '16' },
  },
});
const EVENTS = Number(args.events);
const KEYS = Number(args.keys);
const CONCURRENCY = Number(args.concurrency);
const TARGET = 2_000;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function payload(n: number) {
  return {
    userId: `learner${n}@example.org`,
    learner: `learner${n}@example.org`,
    courseId: `course-${n % KEYS}`,
    courseName: 'Introduction to Programming',
    certificateId: randomBytes(16).toString('base64url'),
    externalId: `c${n}`,
    firstName: 'Asha',
    lastName: 'Rao',
    issuanceDate: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
    completionDate: null,
    expirationDate: null,
    status: 'ISSUED',
  };
}

async function main(): Promise<void> {
  const logger = createLogger({
    level: process.env.LOG_LEVEL ?? 'warn',
    destination: pino.destination(2),
  });
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const receiver = await BenchChild.start('webhook-receiver.ts', { WEBHOOK_SECRET: secret });
  const url = `http://127.0.0.1:${String(receiver.ready.port)}/hook`;
  const database = await benchDatabase('tributary-bench-events');
  const db = createDb({ url: database.url, poolMax: 10, logger });
  setOutboundPolicy({ allowPrivateTargets: true });
  try {
    await migrateLatest(db);
    const pgVersion = (
      (await db.raw('SHOW server_version')) as { rows: { server_version: string }[] }
    ).rows[0].server_version;
    console.log(
      `Tributary events benchmark: ${fmt(EVENTS)} events over ${fmt(KEYS)} keys, ` +
        `${CONCURRENCY} requests in flight per webhook, ${os.cpus().length} CPUs, ` +
        `Node ${process.version}, Postgres ${pgVersion}`,
    );

    // 1. Bare HTTP: the same bodies, signed, with the same concurrency.
    const bodies = Array.from({ length: EVENTS }, (_, n) =>
      JSON.stringify(
        eventMessage({
          id: n + 1,
          type: 'CREDENTIAL_ISSUED',
          key: `course-${n % KEYS}`,
          payload: payload(n),
          createdAt: new Date(),
        }),
      ),
    );
    const agent = new Agent();
    const limit = pLimit(CONCURRENCY);
    const bareStarted = performance.now();
    await Promise.all(
      bodies.map((body) =>
        limit(async () => {
          const res = await request(url, {
            method: 'POST',
            dispatcher: agent,
            headers: {
              'content-type': 'application/json',
              'x-tributary-signature': signatureHeader(secret, body),
            },
            body,
          });
          await res.body.dump();
          if (res.statusCode !== 204) throw new Error(`receiver answered ${res.statusCode}`);
        }),
      ),
    );
    const bareMs = performance.now() - bareStarted;
    await agent.close();
    const bare = await receiver.request<{ received: number; verified: number }>({ type: 'stats' });
    await receiver.request({ type: 'reset' });

    // 2. The dispatcher: events committed, then sent until all are DELIVERED.
    const services = createServices({
      db,
      logger,
      secretBox: new SecretBox(randomBytes(32)),
      dispatcher: { concurrencyPerWebhook: CONCURRENCY },
    });
    await services.webhooks.create({ url, events: ['CREDENTIAL_ISSUED'], secret });
    for (let at = 0; at < EVENTS; at += 5_000) {
      const page = Array.from({ length: Math.min(5_000, EVENTS - at) }, (_, i) => ({
        type: 'CREDENTIAL_ISSUED' as const,
        key: `course-${(at + i) % KEYS}`,
        payload: payload(at + i),
      }));
      await db.transaction((trx) => recordEvents(trx, page));
    }
    const started = performance.now();
    services.dispatcher.start();
    for (;;) {
      const [{ n }] = (await db('deliveries').where({ status: 'DELIVERED' }).count('* as n')) as {
        n: number;
      }[];
      if (Number(n) >= EVENTS) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ms = performance.now() - started;
    await services.dispatcher.stop();
    const hub = await receiver.request<{ received: number; verified: number; distinct: number }>({
      type: 'stats',
    });

    const rows = [
      [
        'baseline: bare HTTP (undici, no DB)',
        fmt(bare.received),
        fmt(bareMs / 1000, 2),
        fmt((bare.received * 1000) / bareMs),
        `${fmt(bare.verified)} signatures valid`,
      ],
      [
        'dispatcher: outbox -> webhook, DELIVERED',
        fmt(EVENTS),
        fmt(ms / 1000, 2),
        fmt((EVENTS * 1000) / ms),
        `${fmt(hub.received)} requests, ${fmt(hub.distinct)} events, ${fmt(hub.verified)} signatures valid`,
      ],
    ];
    const widths = [0, 1, 2, 3, 4].map((i) =>
      Math.max(
        ...[['phase', 'deliveries', 'seconds', 'per second', 'receiver'], ...rows].map(
          (r) => r[i].length,
        ),
      ),
    );
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
        .join('  ');
    console.log('');
    console.log(line(['phase', 'deliveries', 'seconds', 'per second', 'receiver']));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of rows) console.log(line(row));
    const rate = (EVENTS * 1000) / ms;
    console.log('');
    console.log(
      `dispatcher / bare HTTP:  ${fmt(rate / ((bare.received * 1000) / bareMs), 2)}x; ` +
        `dispatcher ${fmt(rate)} deliveries/s (target >= ${fmt(TARGET)}/s: ${rate >= TARGET ? 'met' : 'NOT met'})`,
    );
  } finally {
    await db.destroy();
    await database.drop();
    await receiver.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
