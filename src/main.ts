import 'reflect-metadata';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { applySeedConnectors, SeedConfigError } from './bootstrap/seed-connectors';
import { ConfigError, loadConfig, type Config } from './config';
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
    notifier,
    db,
    logger,
    secretBox: new SecretBox(secrets.secretKey),
    adminToken: secrets.adminToken,
    workerConcurrency: config.workerConcurrency,
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
  const app = await createApp({
    db,
    logger,
    services,
    schema: await buildTributarySchema(),
    verifyRateLimitPerMinute: config.verifyRateLimitPerMinute,
    trustProxy: config.trustProxy,
  });
  const { port } = await app.listen(config.port, config.host);
  logger.info({ url: `http://${config.host}:${port}/graphql` }, 'Tributary is listening');
  if (secrets.newAdminToken) announceAdminToken(secrets.newAdminToken, config.dataDir);

  if (config.workerConcurrency > 0) services.worker.start();
  services.anchors.start();
  if (config.schedulerEnabled) await services.scheduler.start();
  else logger.info('scheduler not started (SCHEDULER_ENABLED=false); startScheduler starts it');

  installShutdown(logger, async () => {
    await services.scheduler.stop();
    await services.worker.stop();
    await services.anchors.stop();
    await app.close();
    await notifier.stop();
    await db.destroy();
    await embedded?.stop();
  });
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

function installShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
