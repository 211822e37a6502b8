import 'reflect-metadata';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { applySeedConnectors, SeedConfigError } from './bootstrap/seed-connectors';
import { ConfigError, loadConfig, type Config } from './config';
import { lowerCpuPriority } from './cpu-priority';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded';
import { createDb } from './db/knex';
import { migrateLatest } from './db/migrate';
import { createLogger, type Logger } from './logger';
import { PgNotifier } from './pubsub/notifier';
import { resolveRuntimeSecrets } from './runtime-secrets';
import { buildTributarySchema } from './schema/build';
import { setOutboundPolicy } from './security/outbound';
import { SecretBox } from './security/secret-box';
import { createApp } from './server/app';
import { FileBlobStore } from './blobs/blob-store';
import { createServices } from './services';
import { shutdownWithin, type ShutdownResult } from './shutdown';
import type { EventSink } from './events/sink';
import { createKafkaSink, KafkaClientMissing } from './events/kafka-sink';

/** start: config -> database -> migrations -> server -> scheduler. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  // A signal while the hub starts stops it once it has started, what it started included
  // (installShutdown takes over); without this, one during the embedded cluster's start
  // ended the process at once and left the cluster running.
  const early: { signal?: NodeJS.Signals } = {};
  const onEarlySignal = (signal: NodeJS.Signals) => {
    if (early.signal) return;
    early.signal = signal;
    logger.info({ signal }, 'shutting down once started');
  };
  process.on('SIGINT', onEarlySignal);
  process.on('SIGTERM', onEarlySignal);
  // Where events go besides webhooks: Kafka when KAFKA_BROKERS is set. Its client is an
  // optional dependency, loaded only then; missing, the start stops here and says what to install.
  const sinks: EventSink[] = [];
  if (config.kafka) {
    try {
      sinks.push(await createKafkaSink({ ...config.kafka, logger }));
    } catch (error) {
      if (error instanceof KafkaClientMissing) {
        console.error(error.message);
        process.exit(1);
      }
      throw error;
    }
    logger.info(
      { brokers: config.kafka.brokers, topic: config.kafka.topic },
      'events also go to Kafka',
    );
  }
  // Where connectors may connect: no loopback/private targets unless allowed (security/outbound.ts).
  setOutboundPolicy({ allowPrivateTargets: config.allowPrivateTargets });
  config.dataDir = path.resolve(config.dataDir);
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });

  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dir: config.dataDir,
      port: config.embeddedPgPort,
      logger: logger.child({ source: 'embedded-postgres' }),
      // SIGINT and SIGTERM are this process's (installShutdown): the cluster stops as its last stage.
      signalsOwned: true,
    });
    databaseUrl = embedded.url;
    logger.info(
      { port: config.embeddedPgPort, dataDir: config.dataDir },
      'embedded Postgres started',
    );
  }
  const secrets = await resolveRuntimeSecrets(config);
  const db = createDb({ url: databaseUrl, poolMax: config.dbPoolMax, logger });
  const applied = await migrateLatest(db);
  logger.info({ applied }, 'migrations applied');

  // LISTEN/NOTIFY between replicas: connector changes reach every scheduler.
  const notifier = new PgNotifier({ url: databaseUrl, logger });
  await notifier.start();
  const services = createServices({
    sinks,
    dispatcher: { concurrencyPerWebhook: config.events.concurrencyPerWebhook },
    notifier,
    db,
    logger,
    secretBox: new SecretBox(secrets.secretKey),
    adminToken: secrets.adminToken,
    workerConcurrency: config.workerConcurrency,
    progressPerSecond: config.runProgressPerSecond,
    // A run beats 12 times and is looked at 4 times per stale period: a live
    // run is never reaped, a dead one is within 1.25 periods.
    runStaleMs: config.runStaleSeconds * 1000,
    heartbeatMs: (config.runStaleSeconds * 1000) / 12,
    reapEveryMs: (config.runStaleSeconds * 1000) / 4,
    anchorKey: secrets.anchorKey,
    chain: config.chainRpcUrl
      ? { rpcUrl: config.chainRpcUrl, confirmations: config.chainConfirmations }
      : undefined,
    anchorBatchMs: config.anchorBatchSeconds * 1000,
    blobs: new FileBlobStore(path.join(config.dataDir, 'blobs')),
  });
  // Secrets sealed before they were bound to their connector are sealed again, bound.
  await services.connectors.resealUnbound();
  // The seed's NSDC_*/UDEMY_*/JAIMIN_* variables become connectors (see bootstrap/seed-connectors.ts).
  try {
    await applySeedConnectors(process.env, services.connectors, logger);
  } catch (error) {
    if (error instanceof SeedConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // The seed's SYNC_WEBHOOK_URLS / WEBHOOK_SECRET become webhooks (all event types).
  if (config.events.webhookUrls.length) {
    try {
      const created = await services.webhooks.ensureFromEnv(
        config.events.webhookUrls,
        config.events.webhookSecret!,
      );
      logger.info(
        { created, configured: config.events.webhookUrls.length },
        'SYNC_WEBHOOK_URLS applied',
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`SYNC_WEBHOOK_URLS: ${reason}`);
      process.exit(1);
    }
  }
  // After the embedded cluster started: Postgres keeps the priority it started with.
  lowerCpuPriority(config.hubNice, logger);
  const app = await createApp({
    db,
    logger,
    services,
    schema: await buildTributarySchema(),
    verifyRateLimitPerMinute: config.verifyRateLimitPerMinute,
    trustProxy: config.trustProxy,
    ops: config.ops,
  });
  const { port } = await app.listen(config.port, config.host);
  logger.info({ url: `http://${config.host}:${port}/graphql` }, 'Tributary is listening');
  if (secrets.newAdminToken) announceAdminToken(secrets.newAdminToken, config.dataDir);

  if (config.workerConcurrency > 0) services.worker.start();
  // Events out: a process that executes runs also sends events (several share the work).
  if (config.workerConcurrency > 0) services.dispatcher.start();
  services.anchors.start();
  if (config.schedulerEnabled) await services.scheduler.start();
  else logger.info('scheduler not started (SCHEDULER_ENABLED=false); startScheduler starts it');

  // Stages stop in order, the steps of one stage together; whatever is still
  // pending at SHUTDOWN_TIMEOUT_MS is named in the log and the process exits.
  installShutdown(logger, early, onEarlySignal, () =>
    shutdownWithin(
      [
        [
          // Stops listening, tells subscribers 1001, closes idle connections;
          // connection tests in flight end as interrupted so their requests answer.
          {
            name: 'http',
            stop: () => (services.connectors.stopTests(), app.close()),
            pending: () => app.pending(),
          },
          { name: 'scheduler', stop: () => services.scheduler.stop() },
          {
            // Runs in flight are stopped at once and recorded as interrupted.
            name: 'worker',
            stop: () => services.worker.stop(0),
            pending: () => ({ runs: services.worker.activeCount }),
          },
          { name: 'anchoring', stop: () => services.anchors.stop() },
          {
            // Deliveries in flight finish (10 s at most) and are recorded; then the sinks close.
            name: 'events',
            stop: async () => {
              await services.dispatcher.stop();
              await Promise.all(sinks.map((sink) => sink.close()));
            },
            pending: () => ({ deliveries: services.dispatcher.activeCount }),
          },
        ],
        [{ name: 'notifier', stop: () => notifier.stop() }],
        [{ name: 'database pool', stop: () => db.destroy() }],
        ...(embedded ? [[{ name: 'embedded Postgres', stop: () => embedded.stop() }]] : []),
      ],
      config.ops.shutdownTimeoutMs,
      logger,
    ),
  );
}

/** Printed once, outside the structured log, the first time the token exists. */
function announceAdminToken(token: string, dataDir: string): void {
  process.stdout.write(
    [
      '',
      '  Admin token (shown once; kept in ' + path.join(dataDir, 'admin-token') + '):',
      `    ${token}`,
      '  Use it as `Authorization: Bearer <token>`.',
      '',
      '',
    ].join('\n'),
  );
}

function installShutdown(
  logger: Logger,
  early: { signal?: NodeJS.Signals },
  onEarlySignal: (signal: NodeJS.Signals) => void,
  stop: () => Promise<ShutdownResult>,
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop()
      // Flushed before exit: the last lines say what did not finish.
      .then(({ complete }) => logger.flush(() => process.exit(complete ? 0 : 1)))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.off('SIGINT', onEarlySignal);
  process.off('SIGTERM', onEarlySignal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (early.signal) onSignal(early.signal);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
