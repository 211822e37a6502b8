import type { AnchorBatchModel, AnchorGroupModel } from '../models/anchor-batch.model';
import type { IssuerModel, LearnerModel } from '../models/credential.model';
import type DataLoader from 'dataloader';
import type { Logger } from '../logger';
import type { ConnectorModel } from '../models/connector.model';
import type { RunModel } from '../models/run.model';
import type { Caller } from '../services/access/api-token.service';
import type { Services } from '../services';
import type { SkipCount } from './progress.type';
import type { RunStatus, RunType } from '../models/run.model';
import type { RunLevelResult } from '../services/runs/run-batches';

/** One connector's page of runs (Connector.runs): the parent, the page and the filters. */
export interface ConnectorRunsKey {
  parentId: number;
  limit: number;
  cursorId: number | null;
  status?: RunStatus | null;
  type?: RunType | null;
  types?: RunType[] | null;
}

/**
 * One read of a connector's runs for RunBatchReader.levelFor: a page (with
 * its count when `count`), or its newest sync or TEST run.
 */
export type RunLevelKey =
  (ConnectorRunsKey & { count?: boolean }) | { parentId: number; latest: 'sync' | 'test' };

/** Per-request batch loaders: a page of N connectors costs a constant number of queries. */
export interface Loaders {
  connector: DataLoader<number, ConnectorModel | undefined>;
  run: DataLoader<number, RunModel | undefined>;
  /** When each connector's secrets were last written; absent: none stored. */
  secretsUpdatedAt: DataLoader<number, Date | undefined>;
  /** Each connector's last sync run (TEST runs excluded). */
  lastRun: DataLoader<number, RunModel | undefined>;
  /**
   * Every read of a level of connectors' runs (pages with or without their
   * count, the newest sync or TEST run) in one statement per batch.
   */
  runLevel: DataLoader<RunLevelKey, RunLevelResult, string>;
  /** A page of each connector's runs (`limit + 1` rows), through runLevel. */
  connectorRuns: DataLoader<ConnectorRunsKey, RunModel[], string>;
  /** How many runs of each connector match (Connector.runs totalCount), one grouped count. */
  connectorRunCount: DataLoader<ConnectorRunsKey, number, string>;
  /** Each connector's saved cursors by stream; null before the first checkpoint. */
  syncState: DataLoader<number, Record<string, unknown> | null>;
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
  /**
   * Over WebSocket: drops this client, which fell too far behind its
   * subscriptions (closes its socket with 4008). Absent over HTTP.
   */
  dropSlowSubscriber?: () => void;
  /** This request's id (X-Request-Id), in its log lines, errors and audit row. */
  requestId?: string;
  /** Aborted when the HTTP client goes away before the answer (a long connection test). */
  signal?: AbortSignal;
  /**
   * Over HTTP: the database snapshot the bearer token was checked in, before
   * anything of the answer was read; the response cache's key
   * (src/server/response-cache.ts). Absent over WebSocket.
   */
  readSnapshot?: string;
}
