/**
 * A hub for the read-path and fan-out benchmarks, in its own process: the
 * same services and server as src/main.ts (GraphQL over HTTP and WebSocket,
 * LISTEN/NOTIFY), on a loopback port, with a worker only when HUB_WORKER=1.
 * It counts the SQL statements its pool sends (knex `query` events) and
 * answers its parent over IPC: `stats` (statements, HTTP requests served,
 * subscribers, events it published, CPU time).
 *
 * Env: DATABASE_URL, ADMIN_TOKEN, SECRET_KEY (hex), HUB_WORKER, DB_POOL_MAX,
 * RUN_PROGRESS_PER_SECOND, GRAPHQL_RESPONSE_CACHE (false: the response cache off),
 * HUB_NICE (as src/main.ts: by default 10 without a worker, 0 with one).
 */
import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { lowerCpuPriority } from '../src/cpu-priority';
import { createDb } from '../src/db/knex';
import { createLogger } from '../src/logger';
import { PgNotifier } from '../src/pubsub/notifier';
import { buildTributarySchema } from '../src/schema/build';
import { SecretBox } from '../src/security/secret-box';
import { setOutboundPolicy } from '../src/security/outbound';
import { createApp } from '../src/server/app';
import { createServices } from '../src/services';
import { serveParent } from './support/child';

async function main(): Promise<void> {
  // The benchmark's issuer listens on loopback.
  setOutboundPolicy({ allowPrivateTargets: true });
  const url = process.env.DATABASE_URL!;
  const logger = createLogger({ level: 'warn' });
  const db = createDb({ url, poolMax: Number(process.env.DB_POOL_MAX ?? 10), logger });
  let statements = 0;
  db.on('query', () => {
    statements += 1;
  });
  const notifier = new PgNotifier({ url, logger });
  await notifier.start();
  const services = createServices({
    notifier,
    db,
    logger,
    secretBox: new SecretBox(Buffer.from(process.env.SECRET_KEY!, 'hex')),
    adminToken: process.env.ADMIN_TOKEN,
    workerConcurrency: 1,
    ...(process.env.RUN_PROGRESS_PER_SECOND
      ? { progressPerSecond: Number(process.env.RUN_PROGRESS_PER_SECOND) }
      : {}),
  });
  const app = await createApp({
    db,
    logger,
    services,
    schema: await buildTributarySchema(),
    // The load generator is one client with one token: no per-token rate limit here.
    ops: loadConfig({
      GRAPHQL_RATE_LIMIT_PER_MINUTE: '1000000',
      // bench:api runs one hub with the response cache and one without.
      GRAPHQL_RESPONSE_CACHE: process.env.GRAPHQL_RESPONSE_CACHE,
    }).ops,
  });
  let requests = 0;
  app.httpServer.on('request', () => {
    requests += 1;
  });
  // As src/main.ts does with the same settings: an API replica yields the CPU to workers.
  const nice = lowerCpuPriority(
    loadConfig({
      WORKER_CONCURRENCY: process.env.HUB_WORKER === '1' ? '1' : '0',
      HUB_NICE: process.env.HUB_NICE,
    }).hubNice,
    logger,
  );
  const { port } = await app.listen(0, '127.0.0.1');
  if (process.env.HUB_WORKER === '1') services.worker.start();

  serveParent(async (message) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage();
      return {
        statements,
        requests,
        subscribers: notifier.subscriberCount,
        published: notifier.stats.published,
        cpuMs: (cpu.user + cpu.system) / 1000,
        cacheHits: app.responseCache?.hits ?? 0,
        cacheMisses: app.responseCache?.misses ?? 0,
      };
    }
    throw new Error(`unknown request ${message.type}`);
  });
  process.on('SIGTERM', () => {
    void (async () => {
      await services.worker.stop(2_000);
      await app.close();
      await notifier.stop();
      await db.destroy();
      process.exit(0);
    })();
  });
  process.send?.({ type: 'ready', port, nice });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
