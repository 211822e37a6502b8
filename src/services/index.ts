import type { Knex } from 'knex';
import type { Logger } from '../logger';
import type { HubEventSource, Publisher } from '../pubsub/events';
import { Scheduler } from '../scheduler/scheduler';
import type { SecretBox } from '../security/secret-box';
import { ApiTokenService } from './access/api-token.service';
import { ConnectorService } from './connectors/connector.service';
import { RunService } from './runs/run.service';
import { RunCommands } from './runs/run-commands';
import { CredentialService } from './credentials/credential.service';
import { RunExecutor } from '../sync/executor';
import { Worker } from '../scheduler/worker';

export interface ServiceDeps {
  db: Knex;
  logger: Logger;
  secretBox: SecretBox;
  adminToken?: string;
  /** Cross-process events (PgNotifier); without it nothing is published or heard. */
  notifier?: Publisher & HubEventSource;
  /** The scheduler's full-resync period; default 30 s. */
  schedulerResyncMs?: number;
  /** Runs one process executes at once (WORKER_CONCURRENCY) [4]. */
  workerConcurrency?: number;
  /** A running run's heartbeat period [5 s]. */
  heartbeatMs?: number;
  /** A RUNNING run whose heartbeat is older than this is interrupted [60 s]. */
  runStaleMs?: number;
  /** How often the worker looks for interrupted runs [15 s]. */
  reapEveryMs?: number;
}

/** Every service, built once per process and shared by all requests. */
export function createServices(deps: ServiceDeps) {
  const connectors = new ConnectorService(deps);
  const executor = new RunExecutor({
    db: deps.db,
    logger: deps.logger.child({ source: 'sync' }),
    loadSecrets: (connectorId) => connectors.loadSecrets(connectorId),
    publisher: deps.notifier,
    heartbeatMs: deps.heartbeatMs,
  });
  const scheduler = new Scheduler({
    db: deps.db,
    logger: deps.logger,
    events: deps.notifier,
    resyncMs: deps.schedulerResyncMs,
  });
  return {
    apiTokens: new ApiTokenService(deps.db, deps.adminToken, deps.logger),
    connectors,
    runs: new RunService(deps.db),
    runCommands: new RunCommands({ db: deps.db, publisher: deps.notifier }),
    credentials: new CredentialService(deps.db),
    /** Claims and executes queued runs; built stopped, started by main.ts. */
    worker: new Worker({
      db: deps.db,
      logger: deps.logger.child({ source: 'worker' }),
      executor,
      instanceId: scheduler.instanceId,
      publisher: deps.notifier,
      events: deps.notifier,
      concurrency: deps.workerConcurrency,
      staleAfterMs: deps.runStaleMs,
      reapEveryMs: deps.reapEveryMs,
    }),
    /** Cross-process events: GraphQL subscriptions read from it. Absent: no live updates. */
    notifier: deps.notifier,
    /** This process's cron scheduler; built stopped, started by main.ts. */
    scheduler,
  };
}

export type Services = ReturnType<typeof createServices>;
