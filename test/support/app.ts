import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { ConnectorDefinition, ConnectorKind } from '../../src/connectors/types';
import { defaultOpsConfig, type OpsConfig } from '../../src/config';
import { createDb, type Db } from '../../src/db/knex';
import { createLogger } from '../../src/logger';
import { PgNotifier } from '../../src/pubsub/notifier';
import { buildTributarySchema } from '../../src/schema/build';
import { SecretBox } from '../../src/security/secret-box';
import { createApp } from '../../src/server/app';
import type { ResponseCacheStats } from '../../src/server/response-cache';
import { createServices, type ServiceDeps, type Services } from '../../src/services';
import { createTestDatabase, type TestDatabase } from './db';

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string }; path?: string[] }[];
  /** The raw response text, for leak scans. */
  text: string;
}

export interface TestApp {
  url: string;
  wsUrl: string;
  adminToken: string;
  db: Db;
  database: TestDatabase;
  services: Services;
  /** This app's LISTEN/NOTIFY notifier (started). */
  notifier: PgNotifier;
  /** Every log line the app wrote, as JSON text. */
  logLines: string[];
  /** Every GraphQL response text this harness received. */
  responses: string[];
  /** The GraphQL response cache's counters; undefined when it is off. */
  responseCache?: ResponseCacheStats;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * Start this app's cron scheduler, with a PgNotifier so connector changes
   * reach it at once. Off by default: other tests see no scheduled runs.
   */
  scheduler?: boolean | { resyncMs?: number };
  /**
   * Start the worker that executes queued runs (with a PgNotifier, so a
   * queued run wakes it at once). Off by default: runs stay QUEUED.
   */
  worker?: boolean | { heartbeatMs?: number; runStaleMs?: number; reapEveryMs?: number };
  /** The secret key, so two apps on one database can read each other's secrets. */
  secretKey?: Buffer;
  /** Anchoring: batching period, chain, key, rate limit of the public routes. */
  anchor?: {
    batchMs?: number;
    chain?: { rpcUrl: string; confirmations: number };
    key?: string;
    retryBaseMs?: number;
    verifyRateLimitPerMinute?: number;
  };
  /** Connector kinds the worker syncs with, in place of the registry's (engine tests). */
  kinds?: (kind: ConnectorKind) => ConnectorDefinition;
  /** An existing database to serve (a second process on the same data); default: a fresh one. */
  database?: TestDatabase;
  /** Request limits and operability switches over config.ts's defaults. */
  ops?: Partial<OpsConfig>;
  /** Express's trust proxy (TRUST_PROXY). */
  trustProxy?: boolean | number | string;
  /** The environment's admin token (TRIBUTARY_ADMIN_TOKEN); default: a fresh random one. */
  adminToken?: string;
  /**
   * Start the event dispatcher (webhooks and sinks), with these timings over
   * its defaults. Off by default: events stay in the outbox.
   */
  dispatcher?: boolean | ServiceDeps['dispatcher'];
  /** Event sinks besides webhooks (the Kafka sink's tests). */
  sinks?: ServiceDeps['sinks'];
}

/**
 * The real server (HTTP + WebSocket) on a loopback port, against a fresh
 * database of its own, with its log captured in memory.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const logLines: string[] = [];
  const responses: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const db = createDb({ url: database.url, poolMax: 5, logger });
  // One admin token per database, as replicas share TRIBUTARY_ADMIN_TOKEN: a second app on
  // the same data (options.database) gets the same one (a new value revokes the old).
  const adminToken =
    options.adminToken ??
    `test-admin-${createHash('sha256').update(database.url).digest('hex').slice(0, 32)}`;
  const workerOptions = typeof options.worker === 'object' ? options.worker : {};
  // LISTEN/NOTIFY, as in main.ts: subscriptions, and the scheduler and worker when started.
  const notifier = new PgNotifier({ url: database.url, logger });
  await notifier.start();
  const services = createServices({
    notifier,
    schedulerResyncMs:
      typeof options.scheduler === 'object' ? options.scheduler.resyncMs : undefined,
    db,
    logger,
    secretBox: new SecretBox(options.secretKey ?? randomBytes(32)),
    adminToken,
    ...workerOptions,
    anchorKey: options.anchor?.key,
    chain: options.anchor?.chain,
    anchorBatchMs: options.anchor?.batchMs ?? 200,
    anchorRetryBaseMs: options.anchor?.retryBaseMs,
    kinds: options.kinds,
    sinks: options.sinks,
    dispatcher: typeof options.dispatcher === 'object' ? options.dispatcher : undefined,
  });
  const app = await createApp({
    db,
    logger,
    services,
    schema: await buildTributarySchema(),
    verifyRateLimitPerMinute: options.anchor?.verifyRateLimitPerMinute ?? 1_000,
    ops: { ...defaultOpsConfig(), ...options.ops },
    trustProxy: options.trustProxy,
  });
  services.anchors.start();
  const { port } = await app.listen(0, '127.0.0.1');
  if (options.scheduler) await services.scheduler.start();
  if (options.worker) services.worker.start();
  if (options.dispatcher) services.dispatcher.start();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    adminToken,
    db,
    database,
    services,
    notifier,
    logLines,
    responses,
    responseCache: app.responseCache,
    async gql(query, variables = {}, token = adminToken) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token !== null) headers.authorization = `Bearer ${token}`;
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      responses.push(text);
      const body = text ? JSON.parse(text) : {};
      return { status: res.status, data: body.data, errors: body.errors, text };
    },
    async close() {
      await services.scheduler.stop();
      await services.worker.stop(2_000);
      await services.dispatcher.stop();
      await services.anchors.stop();
      await app.close();
      await notifier.stop();
      await db.destroy();
      if (ownDatabase) await database.drop();
    },
  };
}
