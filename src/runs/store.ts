/**
 * The runs store: every change of a run's status goes through here, checked
 * against one table of allowed transitions, and each one leaves the same
 * process log line ("run <transition>") and publishes the same `run` event
 * (runUpdated) once its transaction commits. Plain functions, the knex
 * handle (or a transaction) first.
 *
 * Glossary
 * - job kind: what a worker does with a claimed run (SYNC: the sync engine).
 *   Workers claim by kind, so later kinds of work (reconciliation, event
 *   delivery) reuse claim, heartbeat, reaping, cancellation and progress.
 * - transition: one of TRANSITIONS; `from` are the statuses it may leave,
 *   `to` those it may enter. A transition whose run is not in a `from`
 *   status changes nothing and says so (returns undefined).
 */
import type { Knex } from 'knex';
import { UniqueViolationError } from 'objection';
import type { Logger } from '../logger';
import { RunLogModel, type LogLevel } from '../models/run-log.model';
import {
  RunModel,
  type JobKind,
  type RemapFilter,
  type RunPhase,
  type RunStatus,
  type RunType,
} from '../models/run.model';
import type { Publisher, RunCounters } from '../pubsub/events';
import { runEvent } from './run-events';
import { recordRunEnded } from '../events/emit';

type Db = Knex | Knex.Transaction;

/** Every allowed run transition: the statuses it leaves and enters. */
export const TRANSITIONS = {
  /** A new QUEUED run: manual, cron tick, backfill, retry, webhook, remap. */
  enqueue: { from: [], to: ['QUEUED'] },
  /** A TEST run: executed inline by its caller, so it starts RUNNING. */
  startTest: { from: [], to: ['RUNNING'] },
  claim: { from: ['QUEUED'], to: ['RUNNING'] },
  /** Ends a RUNNING run (a TEST run too), whatever the outcome. */
  finish: { from: ['RUNNING'], to: ['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED', 'CANCELLED'] },
  /** A RUNNING run whose heartbeat went stale: its process died. */
  reap: { from: ['RUNNING'], to: ['FAILED'] },
  /** A QUEUED run cancelled before any worker took it. */
  cancel: { from: ['QUEUED'], to: ['CANCELLED'] },
  /**
   * A RUNNING run asked to stop: it stays RUNNING, with cancelRequested set,
   * until its executor stops at the next page boundary and ends it CANCELLED
   * (finish).
   */
  requestCancel: { from: ['RUNNING'], to: ['RUNNING'] },
} as const satisfies Record<string, { from: readonly RunStatus[]; to: readonly RunStatus[] }>;

export type Transition = keyof typeof TRANSITIONS;

/** Where transitions are told: the process log and the hub's events. */
export interface RunHub {
  logger?: Logger;
  publisher?: Publisher;
}

/** Throws when `transition` may not enter `to` (a programming error, not user input). */
export function assertTransition(transition: Transition, to: RunStatus): void {
  if (!(TRANSITIONS[transition].to as readonly RunStatus[]).includes(to)) {
    throw new Error(`run transition ${transition} cannot end in ${to}`);
  }
}

const fromOf = (transition: Transition) => TRANSITIONS[transition].from as readonly RunStatus[];

/** The one log line and the one event every transition leaves. */
async function told(db: Db, hub: RunHub, transition: Transition, run: RunModel): Promise<void> {
  hub.logger?.info(
    { runId: run.id, connectorId: run.connectorId, transition, status: run.status, type: run.type },
    `run ${transition}`,
  );
  await hub.publisher?.publish(db, runEvent(run, { statusChanged: true }));
}

/** A run that ended (not TEST): the connector's stats and status follow, and its watchers hear. */
async function ended(db: Db, hub: RunHub, run: RunModel): Promise<void> {
  // Other job kinds (a reconciliation) are not the connector's syncs: its stats stay as they are.
  if (run.type === 'TEST' || run.jobKind !== 'SYNC') return;
  await recordOutcome(db, run.connectorId, run.status);
  // RUN_COMPLETED / RUN_FAILED, committed with the run's end (events/emit.ts).
  await recordRunEnded(db, run);
  await hub.publisher?.publish(db, {
    type: 'connector',
    connectorId: run.connectorId,
    deleted: false,
    at: new Date().toISOString(),
  });
}

export interface NewLog {
  level: LogLevel;
  message: string;
  externalId?: string | null;
  data?: Record<string, unknown> | null;
}

export async function appendLog(db: Db, runId: number, log: NewLog): Promise<void> {
  await RunLogModel.query(db).insert({ runId, ...log });
}

// ------------------------------------------------------------------ enqueue

export interface NewRun {
  connectorId: number;
  type: Exclude<RunType, 'TEST'>;
  triggeredBy: string;
  jobKind?: JobKind;
  /** One active run per (job kind, key): a second is refused as 'active'. */
  jobKey?: string | null;
  windowFrom?: Date | null;
  windowTo?: Date | null;
  /** A cron tick's time: (connector, scheduledFor) is unique, so a tick queues once. */
  scheduledFor?: Date | null;
  /** A REMAP run's choice of stored records. */
  remapFilter?: RemapFilter | null;
  /** The run this one retries: a windowed one resumes from its checkpoints. */
  retryOf?:
    | (Pick<RunModel, 'id' | 'attempt' | 'checkpoints'> & Partial<Pick<RunModel, 'remapFilter'>>)
    | null;
}

/** Why no run was queued. */
export type EnqueueRefusal = 'active' | 'tick-taken';

/**
 * Queues a run. Refused, without writing, when the connector already has an
 * active run (the partial unique index) or, for a cron tick, when another
 * replica queued the same tick. Call inside a transaction.
 */
export async function enqueueRun(
  db: Knex.Transaction,
  hub: RunHub,
  input: NewRun,
): Promise<RunModel | EnqueueRefusal> {
  assertTransition('enqueue', 'QUEUED');
  let run: RunModel;
  try {
    // A savepoint, so a refused insert leaves the transaction usable.
    run = await db.transaction(async (sp) =>
      RunModel.query(sp).insertAndFetch({
        connectorId: input.connectorId,
        type: input.type,
        jobKind: input.jobKind ?? 'SYNC',
        jobKey: input.jobKey ?? null,
        status: 'QUEUED',
        phase: 'QUEUED',
        triggeredBy: input.triggeredBy,
        windowFrom: input.windowFrom ?? null,
        windowTo: input.windowTo ?? null,
        scheduledFor: input.scheduledFor ?? null,
        attempt: input.retryOf ? input.retryOf.attempt + 1 : 1,
        retryOf: input.retryOf?.id ?? null,
        checkpoints: input.retryOf?.checkpoints ?? null,
        remapFilter: input.remapFilter ?? input.retryOf?.remapFilter ?? null,
      }),
    );
  } catch (error) {
    if (error instanceof UniqueViolationError) {
      return error.constraint === 'runs_connector_id_scheduled_for_key' ? 'tick-taken' : 'active';
    }
    throw error;
  }
  await appendLog(db, run.id, {
    level: 'INFO',
    message: input.retryOf
      ? `queued as attempt ${run.attempt}, retrying run ${input.retryOf.id}`
      : `queued by ${input.triggeredBy}`,
  });
  await hub.publisher?.publish(db, {
    type: 'run-queued',
    runId: run.id,
    connectorId: run.connectorId,
    at: new Date().toISOString(),
  });
  await told(db, hub, 'enqueue', run);
  return run;
}

/** A TEST run, RUNNING at once: its caller executes it inline and ends it with finishRun. */
export async function startTestRun(
  db: Db,
  hub: RunHub,
  input: { connectorId: number; triggeredBy: string },
): Promise<RunModel> {
  assertTransition('startTest', 'RUNNING');
  const now = new Date();
  const run = await RunModel.query(db).insertAndFetch({
    connectorId: input.connectorId,
    type: 'TEST',
    jobKind: 'SYNC',
    status: 'RUNNING',
    phase: 'AUTHENTICATING',
    triggeredBy: input.triggeredBy,
    startedAt: now,
    heartbeatAt: now,
  });
  await told(db, hub, 'startTest', run);
  return run;
}

// ------------------------------------------------------------------ claim, heartbeat, progress

/**
 * The oldest QUEUED run of one of `jobKinds` that nobody else is claiming,
 * now RUNNING and owned by `instanceId` (FOR UPDATE SKIP LOCKED: several
 * processes never take the same run).
 */
export async function claimRun(
  db: Knex,
  hub: RunHub,
  input: { instanceId: string; jobKinds: readonly JobKind[] },
): Promise<RunModel | undefined> {
  assertTransition('claim', 'RUNNING');
  const next = db('runs')
    .select('id')
    .whereIn('status', fromOf('claim'))
    .whereIn('jobKind', input.jobKinds)
    .whereNot('type', 'TEST')
    .orderBy([{ column: 'createdAt' }, { column: 'id' }])
    .limit(1)
    .forUpdate()
    .skipLocked();
  const [row] = (await db('runs')
    .whereIn('id', next)
    .update({
      status: 'RUNNING',
      phase: 'AUTHENTICATING',
      instanceId: input.instanceId,
      startedAt: db.fn.now(),
      heartbeatAt: db.fn.now(),
    })
    .returning('*')) as Record<string, unknown>[];
  if (!row) return undefined;
  const run = RunModel.fromJson(row, { skipValidation: true });
  await told(db, hub, 'claim', run);
  return run;
}

/**
 * The time a heartbeat records: the statement's clock, not `now()`. Progress
 * is recorded as a page's transaction's last statement, and `now()` there is
 * when that transaction began: a page that took longer than the stale limit
 * (a settlement file written in one transaction) would commit a heartbeat
 * already stale, and a reaper waiting on the row's lock would then fail the
 * run it had just seen finish its page.
 */
const beatNow = (db: Db) => db.raw('clock_timestamp()');

/** What a RUNNING run learns when it proves it is alive. */
export type Liveness = 'alive' | 'cancel-requested' | 'gone';

/** Marks a RUNNING run alive now; 'gone' when it is no longer RUNNING (reaped). */
export async function heartbeat(db: Db, runId: number): Promise<Liveness> {
  const [row] = (await db('runs')
    .where({ id: runId, status: 'RUNNING' })
    .update({ heartbeatAt: beatNow(db) })
    .returning(['cancelRequested'])) as { cancelRequested: boolean }[];
  if (!row) return 'gone';
  return row.cancelRequested ? 'cancel-requested' : 'alive';
}

/**
 * A RUNNING run's counters and phase after a page (inside the page's
 * transaction), and a heartbeat. Progress events are the caller's, throttled.
 * `cursor` (a run without a window) saves a stream's cursor to sync_state in
 * the same statement, only if the run is still RUNNING: one round trip per
 * page for both.
 */
export async function recordProgress(
  db: Db,
  runId: number,
  change: {
    counters?: RunCounters;
    phase: RunPhase;
    /** A windowed run's checkpoint of one stream, kept on the run. */
    checkpoint?: { stream: string; cursor: unknown };
    /** The connector's cursor of one stream (sync_state), saved with the run's progress. */
    cursor?: { connectorId: number; stream: string; cursor: unknown };
  },
): Promise<Liveness> {
  const checkpoints = change.checkpoint
    ? db.raw(`coalesce(checkpoints, '{}'::jsonb) || jsonb_build_object(?::text, ?::jsonb)`, [
        change.checkpoint.stream,
        JSON.stringify(change.checkpoint.cursor),
      ])
    : undefined;
  const update = db('runs')
    .where({ id: runId, status: 'RUNNING' })
    .update({
      ...change.counters,
      phase: change.phase,
      heartbeatAt: beatNow(db),
      ...(checkpoints ? { checkpoints } : {}),
    })
    .returning(['cancelRequested']);
  let row: { cancelRequested: boolean } | undefined;
  if (change.cursor) {
    const { connectorId, stream, cursor } = change.cursor;
    const { sql, bindings } = update.toSQL();
    const { rows } = await db.raw<{ rows: { cancelRequested: boolean }[] }>(
      `WITH run AS (${sql}), state AS (
         INSERT INTO sync_state (connector_id, stream, cursor, run_id, updated_at)
         SELECT ?, ?, ?::jsonb, ?, now() FROM run
         ON CONFLICT (connector_id, stream) DO UPDATE SET
           cursor = excluded.cursor, run_id = excluded.run_id, updated_at = excluded.updated_at
       )
       SELECT cancel_requested AS "cancelRequested" FROM run`,
      [...bindings, connectorId, stream, JSON.stringify(cursor), runId],
    );
    row = rows[0];
  } else {
    [row] = (await update) as { cancelRequested: boolean }[];
  }
  if (!row) return 'gone';
  return row.cancelRequested ? 'cancel-requested' : 'alive';
}

// ------------------------------------------------------------------ ending

export interface RunEnd {
  status: (typeof TRANSITIONS)['finish']['to'][number];
  errorMessage?: string | null;
  /** The final counters (a sync run's); absent: left as they are. */
  counters?: RunCounters;
  /** The run log line saying how it ended; absent: none. */
  log?: NewLog;
}

/**
 * Ends a RUNNING run. Returns undefined, changing nothing, when the run is
 * no longer RUNNING (another process reaped it). Call inside a transaction:
 * the run, its log, the connector's stats and the events commit together.
 */
export async function finishRun(
  db: Knex.Transaction,
  hub: RunHub,
  runId: number,
  end: RunEnd,
): Promise<RunModel | undefined> {
  assertTransition('finish', end.status);
  const [row] = (await db('runs')
    .where({ id: runId })
    .whereIn('status', fromOf('finish'))
    .update({
      ...end.counters,
      status: end.status,
      phase: 'DONE',
      errorMessage: end.errorMessage ?? null,
      completedAt: db.fn.now(),
    })
    .returning('*')) as Record<string, unknown>[];
  if (!row) return undefined;
  const run = RunModel.fromJson(row, { skipValidation: true });
  if (end.log) await appendLog(db, runId, end.log);
  await ended(db, hub, run);
  await told(db, hub, 'finish', run);
  return run;
}

/**
 * Marks RUNNING runs without a heartbeat for `staleSeconds` FAILED
 * ("interrupted"), whichever process ran them. TEST runs are short inline
 * checks with no heartbeat: their caller ends them.
 */
export async function reapRuns(db: Knex, hub: RunHub, staleSeconds: number): Promise<RunModel[]> {
  assertTransition('reap', 'FAILED');
  return db.transaction(async (trx) => {
    const rows = (await trx('runs')
      .whereIn('status', fromOf('reap'))
      .whereNot('type', 'TEST')
      .where('heartbeatAt', '<', trx.raw('now() - make_interval(secs => ?)', [staleSeconds]))
      .update({
        status: 'FAILED',
        phase: 'DONE',
        completedAt: trx.fn.now(),
        errorMessage:
          'interrupted: its process stopped sending heartbeats; the next run resumes from the last checkpoint',
      })
      .returning('*')) as Record<string, unknown>[];
    const runs = rows.map((row) => RunModel.fromJson(row, { skipValidation: true }));
    for (const run of runs) {
      await appendLog(trx, run.id, {
        level: 'ERROR',
        message: 'run FAILED: interrupted (no heartbeat)',
      });
      await ended(trx, hub, run);
      await told(trx, hub, 'reap', run);
    }
    return runs;
  });
}

/** What cancelRun did. */
export type CancelOutcome =
  | { kind: 'cancelled'; run: RunModel }
  | { kind: 'requested'; run: RunModel }
  | { kind: 'ended'; run: RunModel }
  | { kind: 'not-found' };

/**
 * A QUEUED run is cancelled at once; a RUNNING one is asked to stop (it does
 * so at its next page boundary, keeping its checkpoint, and ends with
 * finishRun); an ended one is left as it is.
 */
export async function cancelRun(
  db: Knex.Transaction,
  hub: RunHub,
  runId: number,
): Promise<CancelOutcome> {
  const run = await RunModel.query(db).findById(runId).forUpdate();
  if (!run) return { kind: 'not-found' };
  if ((fromOf('cancel') as readonly string[]).includes(run.status)) {
    assertTransition('cancel', 'CANCELLED');
    const cancelled = await RunModel.query(db).patchAndFetchById(runId, {
      status: 'CANCELLED',
      phase: 'DONE',
      errorMessage: 'cancelled before it started',
      completedAt: new Date(),
    });
    await appendLog(db, runId, { level: 'INFO', message: 'run CANCELLED before it started' });
    await ended(db, hub, cancelled);
    await told(db, hub, 'cancel', cancelled);
    return { kind: 'cancelled', run: cancelled };
  }
  if (fromOf('requestCancel').includes(run.status)) {
    assertTransition('requestCancel', 'RUNNING');
    // Asked once: a second request changes nothing and tells nobody again.
    if (run.cancelRequested) return { kind: 'requested', run };
    const asked = await RunModel.query(db).patchAndFetchById(runId, { cancelRequested: true });
    await appendLog(db, runId, { level: 'INFO', message: 'cancellation requested' });
    await told(db, hub, 'requestCancel', asked);
    return { kind: 'requested', run: asked };
  }
  return { kind: 'ended', run };
}

/** Connector stats and status after a sync run ends (TEST runs never come here). */
export async function recordOutcome(db: Db, connectorId: number, status: RunStatus) {
  const succeeded = status === 'SUCCESS' || status === 'PARTIAL_SUCCESS';
  const failed = status === 'FAILED';
  const cancelled = status === 'CANCELLED';
  await db('connectors')
    .where({ id: connectorId })
    .update({
      totalRuns: db.raw('total_runs + 1'),
      successCount: db.raw(`success_count + ${succeeded ? 1 : 0}`),
      failureCount: db.raw(`failure_count + ${failed ? 1 : 0}`),
      cancelledCount: db.raw(`cancelled_count + ${cancelled ? 1 : 0}`),
      // A paused connector stays paused; otherwise the last sync decides.
      status: db.raw(
        `CASE WHEN status = 'PAUSED' THEN status WHEN ? THEN 'FAILED' WHEN ? THEN 'ACTIVE' ELSE status END`,
        [failed, succeeded],
      ),
      updatedAt: db.fn.now(),
    });
}
