import type { Knex } from 'knex';
import { RunLogModel, type LogLevel } from '../../models/run-log.model';
import { RunModel, type RunStatus, type RunType } from '../../models/run.model';

// Plain data-access functions: the knex handle (or a transaction) comes first.

export interface NewRun {
  connectorId: number;
  type: RunType;
  status: RunStatus;
  triggeredBy: string;
  instanceId?: string | null;
}

export async function insertRun(db: Knex, run: NewRun): Promise<RunModel> {
  const running = run.status === 'RUNNING';
  return RunModel.query(db).insertAndFetch({
    ...run,
    phase: running ? 'AUTHENTICATING' : 'QUEUED',
    startedAt: running ? new Date() : null,
    heartbeatAt: running ? new Date() : null,
  });
}

export interface RunEnd {
  status: Extract<RunStatus, 'SUCCESS' | 'PARTIAL_SUCCESS' | 'FAILED' | 'CANCELLED'>;
  errorMessage?: string | null;
}

export async function finishRun(db: Knex, runId: number, end: RunEnd): Promise<RunModel> {
  return RunModel.query(db).patchAndFetchById(runId, {
    status: end.status,
    phase: 'DONE',
    errorMessage: end.errorMessage ?? null,
    completedAt: new Date(),
  });
}

export interface NewLog {
  level: LogLevel;
  message: string;
  externalId?: string | null;
  data?: Record<string, unknown> | null;
}

export async function appendLog(db: Knex, runId: number, log: NewLog): Promise<void> {
  await RunLogModel.query(db).insert({ runId, ...log });
}
