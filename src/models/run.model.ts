import { Model } from 'objection';

export type RunType = 'SCHEDULED' | 'MANUAL' | 'TEST' | 'BACKFILL' | 'RETRY' | 'WEBHOOK';
export type RunStatus =
  'QUEUED' | 'RUNNING' | 'SUCCESS' | 'PARTIAL_SUCCESS' | 'FAILED' | 'CANCELLED';
export type RunPhase =
  'QUEUED' | 'AUTHENTICATING' | 'FETCHING' | 'PROCESSING' | 'ANCHORING' | 'FINALIZING' | 'DONE';

export class RunModel extends Model {
  static override tableName = 'runs';

  id!: number;
  connectorId!: number;
  type!: RunType;
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
  errorMessage!: string | null;
  triggeredBy!: string;
  instanceId!: string | null;
  heartbeatAt!: Date | null;
  cancelRequested!: boolean;
  createdAt!: Date;
  startedAt!: Date | null;
  completedAt!: Date | null;
}
