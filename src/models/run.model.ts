import { Model } from 'objection';

// Each list is the one declaration of its values: the migrations' CHECKs and the
// GraphQL enums are tested against them (test/enums.test.ts).

export const RUN_TYPES = [
  'SCHEDULED',
  'MANUAL',
  'TEST',
  'BACKFILL',
  'RETRY',
  'WEBHOOK',
  'REMAP',
] as const;
export type RunType = (typeof RUN_TYPES)[number];

export const RUN_STATUSES = [
  'QUEUED',
  'RUNNING',
  'SUCCESS',
  'PARTIAL_SUCCESS',
  'FAILED',
  'CANCELLED',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_PHASES = [
  'QUEUED',
  'AUTHENTICATING',
  'FETCHING',
  'PROCESSING',
  'ANCHORING',
  'FINALIZING',
  'DONE',
] as const;
export type RunPhase = (typeof RUN_PHASES)[number];

/** What a worker does with a claimed run (see src/runs/store.ts). */
export const JOB_KINDS = ['SYNC'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** Which stored records a REMAP run maps again. */
export interface RemapFilter {
  /** Only this entity type; absent = every type the kind syncs. */
  entityType?: string;
  /** Only FAILED records. */
  failedOnly?: boolean;
  /** Only orders whose billing email is this (case-insensitive): registerLearner's claim. */
  email?: string;
}

export class RunModel extends Model {
  static override tableName = 'runs';
  static override jsonAttributes = ['checkpoints', 'remapFilter'];

  id!: number;
  connectorId!: number;
  type!: RunType;
  jobKind!: JobKind;
  status!: RunStatus;
  phase!: RunPhase;
  attempt!: number;
  retryOf!: number | null;
  windowFrom!: Date | null;
  windowTo!: Date | null;
  scheduledFor!: Date | null;
  recordsTotal!: number | null;
  recordsFetched!: number;
  recordsCreated!: number;
  recordsUpdated!: number;
  recordsSkipped!: number;
  recordsFailed!: number;
  pagesFetched!: number;
  /** A windowed run's own checkpoints, by stream (the connector's cursors stay as they are). */
  checkpoints!: Record<string, unknown> | null;
  /** A REMAP run's choice of stored records (src/sync/remap.ts); null for every other type. */
  remapFilter!: RemapFilter | null;
  errorMessage!: string | null;
  triggeredBy!: string;
  instanceId!: string | null;
  heartbeatAt!: Date | null;
  cancelRequested!: boolean;
  createdAt!: Date;
  startedAt!: Date | null;
  completedAt!: Date | null;
}
