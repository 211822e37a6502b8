import type { Knex } from 'knex';
import type { ConnectorDefinition, ConnectorKind } from '../connectors/types';
import type { Logger } from '../logger';
import type { HubEventSource, Publisher } from '../pubsub/events';
import { Scheduler } from '../scheduler/scheduler';
import type { SecretBox } from '../security/secret-box';
import { ApiTokenService } from './access/api-token.service';
import { AuditService } from './audit/audit.service';
import { HubMetrics } from '../observability/metrics';
import { PgNotifier } from '../pubsub/notifier';
import { loadAnomalies } from './runs/anomalies';
import { ConnectorService } from './connectors/connector.service';
import { InboundWebhookService } from './connectors/inbound-webhook.service';
import { RunService } from './runs/run.service';
import { RunBatchReader } from './runs/run-batches';
import { RunCommands } from './runs/run-commands';
import { CredentialService } from './credentials/credential.service';
import { TransactionService } from './payments/transaction.service';
import { RecordService } from './records/record.service';
import { SettlementService } from './settlements/settlement.service';
import { ReconciliationService } from './reconciliation/reconciliation.service';
import { ReconciliationJob } from '../domains/reconciliation/job';
import { RunExecutor } from '../sync/executor';
import { Worker } from '../scheduler/worker';
import { purgeExpiredPushes } from '../inbound/store';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Wallet } from 'ethers';
import { AnchorService, type ChainSettings } from '../domains/credentials/anchoring/anchor.service';
import { loadKeccak } from '../domains/credentials/anchoring/keccak';
import { VerificationService } from '../anchoring/verification';
import { FileBlobStore, type BlobStore } from '../blobs/blob-store';
import { Dispatcher, type DispatcherOptions } from '../events/dispatcher';
import { EventService } from '../events/event.service';
import type { EventSink } from '../events/sink';
import { WebhookService } from '../events/webhooks';

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
  /** Progress events per run per second at most (RUN_PROGRESS_PER_SECOND) [4]. */
  progressPerSecond?: number;
  /** A running run's heartbeat period [5 s]. */
  heartbeatMs?: number;
  /** A RUNNING run whose heartbeat is older than this is interrupted [60 s]. */
  runStaleMs?: number;
  /** How often the worker looks for interrupted runs [15 s]. */
  reapEveryMs?: number;
  /** The anchor signing key (hex); default: a new key for this process only. */
  anchorKey?: string;
  /** Set: roots go on this chain; unset: they are signed. */
  chain?: ChainSettings;
  /** ANCHOR_BATCH_SECONDS, in ms [5000]. */
  anchorBatchMs?: number;
  /** First retry delay of a PENDING batch [2000]. */
  anchorRetryBaseMs?: number;
  /** Certificate PDFs; default: files under a temporary directory. */
  blobs?: BlobStore;
  /** The connector kinds runs sync with [the registry]; tests bring kinds of their own. */
  kinds?: (kind: ConnectorKind) => ConnectorDefinition;
  /** Where events go besides webhooks (Kafka when KAFKA_BROKERS is set; main.ts). */
  sinks?: EventSink[];
  /** The dispatcher's timing and bounds (tests shorten the backoff). */
  dispatcher?: Partial<
    Omit<DispatcherOptions, 'db' | 'logger' | 'webhooks' | 'sinks' | 'instanceId'>
  >;
}

/** Every service, built once per process and shared by all requests. */
export function createServices(deps: ServiceDeps) {
  // Hashes are the same before it loads (ethers' keccak), only slower.
  void loadKeccak();
  const connectors = new ConnectorService(deps);
  const blobs =
    deps.blobs ??
    new FileBlobStore(path.join(tmpdir(), `tributary-blobs-${randomBytes(6).toString('hex')}`));
  const anchors = new AnchorService({
    db: deps.db,
    logger: deps.logger.child({ source: 'anchoring' }),
    wallet: deps.anchorKey
      ? new Wallet(deps.anchorKey)
      : (Wallet.createRandom() as unknown as Wallet),
    chain: deps.chain,
    batchMs: deps.anchorBatchMs,
    retryBaseMs: deps.anchorRetryBaseMs,
  });
  const metrics = new HubMetrics({
    db: deps.db,
    notifier: deps.notifier instanceof PgNotifier ? deps.notifier : undefined,
  });
  const executor = new RunExecutor({
    db: deps.db,
    logger: deps.logger.child({ source: 'sync' }),
    loadSecrets: (connectorId) => connectors.loadSecrets(connectorId),
    // The same notifier, with the metrics timing the runs this process ends.
    publisher: metrics.watchRuns(deps.notifier),
    heartbeatMs: deps.heartbeatMs,
    progressPerSecond: deps.progressPerSecond,
    services: { blobs, anchors },
    definitions: deps.kinds,
  });
  const scheduler = new Scheduler({
    db: deps.db,
    logger: deps.logger,
    events: deps.notifier,
    resyncMs: deps.schedulerResyncMs,
  });
  const reconciliationJob = new ReconciliationJob({
    db: deps.db,
    logger: deps.logger.child({ source: 'reconciliation' }),
    publisher: deps.notifier,
    heartbeatMs: deps.heartbeatMs,
  });
  const reconciliations = new ReconciliationService({
    db: deps.db,
    publisher: deps.notifier,
    logger: deps.logger.child({ source: 'reconciliation' }),
  });
  const worker = new Worker({
    db: deps.db,
    logger: deps.logger.child({ source: 'worker' }),
    handlers: {
      SYNC: (run, shutdown) => executor.execute(run, shutdown),
      RECONCILE: (run, shutdown) => reconciliationJob.execute(run, shutdown),
    },
    instanceId: scheduler.instanceId,
    publisher: deps.notifier,
    events: deps.notifier,
    concurrency: deps.workerConcurrency,
    staleAfterMs: deps.runStaleMs,
    reapEveryMs: deps.reapEveryMs,
    // A bank or gateway sync that ended well queues the reconciliations it makes due.
    afterRun: async (run) => void (await reconciliations.queueAfterRun(run)),
    // Pushes of WEBHOOK runs that ended unconsumed, once past their retention for a retry.
    housekeeping: () => purgeExpiredPushes(deps.db),
  });
  metrics.activeRuns = () => worker.activeCount;
  const webhooks = new WebhookService({
    db: deps.db,
    secretBox: deps.secretBox,
    logger: deps.logger.child({ source: 'webhooks' }),
  });
  const dispatcher = new Dispatcher({
    // A lease outlives its holder by RUN_STALE_SECONDS, as a run's heartbeat does.
    leaseMs: deps.runStaleMs,
    ...deps.dispatcher,
    db: deps.db,
    logger: deps.logger.child({ source: 'events' }),
    webhooks,
    sinks: deps.sinks,
    instanceId: scheduler.instanceId,
  });
  const runCommands = new RunCommands({
    db: deps.db,
    publisher: deps.notifier,
    logger: deps.logger.child({ source: 'runs' }),
    kinds: deps.kinds,
  });
  return {
    /** Run.anomalies of a page of runs, found together (services/runs/anomalies.ts). */
    anomalies: (runs: Parameters<typeof loadAnomalies>[1]) => loadAnomalies(deps.db, runs),
    /** Prometheus metrics (GET /metrics when METRICS_TOKEN is set). */
    metrics,
    /** The audit log; also hooks db.transaction so mutations' rows commit with their change. */
    audit: new AuditService(deps.db),
    apiTokens: new ApiTokenService(deps.db, deps.adminToken, deps.logger, deps.notifier),
    connectors,
    /** Inbound webhooks: signing secrets and pushed requests that become WEBHOOK runs. */
    inboundWebhooks: new InboundWebhookService({
      db: deps.db,
      secretBox: deps.secretBox,
      logger: deps.logger,
      publisher: deps.notifier,
      kinds: deps.kinds,
    }),
    runs: new RunService(deps.db),
    /** Runs, run pages, counts and cursors of many parents per statement (DataLoaders). */
    runBatches: new RunBatchReader(deps.db),
    runCommands,
    // A newly registered email: the shop orders that failed on it are queued for a REMAP.
    credentials: new CredentialService(deps.db, (trx, learner) =>
      runCommands.remapFailedOrdersOf(trx, learner.email, 'registerLearner'),
    ),
    /** Gateway transactions (PG_API). */
    transactions: new TransactionService(deps.db),
    /** External references: records as received and as mapped, for any connector. */
    records: new RecordService(deps.db),
    /** Bank settlements and the source file ledger. */
    settlements: new SettlementService(deps.db),
    /** Reconciliation of gateway transactions against bank settlements: queueing, results, resolving. */
    reconciliations,
    blobs,
    /** Merkle batches and their anchoring; its timer is started by main.ts. */
    anchors,
    verification: new VerificationService(deps.db, anchors, blobs),
    /** Claims and executes queued runs; built stopped, started by main.ts. */
    worker,
    /** Cross-process events: GraphQL subscriptions read from it. Absent: no live updates. */
    notifier: deps.notifier,
    /** This process's cron scheduler; built stopped, started by main.ts. */
    scheduler,
    /** Webhooks: create, delete, list; their secrets sealed. */
    webhooks,
    /** Sends the outbox's events to webhooks and sinks; built stopped, started by main.ts. */
    dispatcher,
    /** Events with their deliveries, replay, sync health. */
    events: new EventService(deps.db, dispatcher),
  };
}

export type Services = ReturnType<typeof createServices>;
