import type { AnchorBatchModel, AnchorGroupModel } from '../models/anchor-batch.model';
import type { IssuerModel, LearnerModel } from '../models/credential.model';
import type DataLoader from 'dataloader';
import type { Logger } from '../logger';
import type { ConnectorModel } from '../models/connector.model';
import type { RunModel } from '../models/run.model';
import type { Caller } from '../services/access/api-token.service';
import type { Services } from '../services';
import type { SkipCount } from './progress.type';

/** Per-request batch loaders: a page of N connectors costs a constant number of queries. */
export interface Loaders {
  connector: DataLoader<number, ConnectorModel | undefined>;
  /** When each connector's secrets were last written; absent: none stored. */
  secretsUpdatedAt: DataLoader<number, Date | undefined>;
  /** Each connector's last sync run (TEST runs excluded). */
  lastRun: DataLoader<number, RunModel | undefined>;
  /** Each connector's last TEST run. */
  lastTest: DataLoader<number, RunModel | undefined>;
  /** Per-reason skipped-record counts of each run (RunStats.skipped). */
  skipCounts: DataLoader<number, SkipCount[]>;
  issuer: DataLoader<number, IssuerModel | undefined>;
  learner: DataLoader<number, LearnerModel | undefined>;
  anchorBatch: DataLoader<number, AnchorBatchModel | undefined>;
  anchorGroup: DataLoader<number, AnchorGroupModel | undefined>;
}

export interface Context {
  caller: Caller;
  services: Services;
  loaders: Loaders;
  logger: Logger;
  /** This request's id (X-Request-Id), in its log lines, errors and audit row. */
  requestId?: string;
  /** Aborted when the HTTP client goes away before the answer (a long connection test). */
  signal?: AbortSignal;
}
