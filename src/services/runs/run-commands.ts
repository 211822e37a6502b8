/**
 * Starting, cancelling and retrying sync runs. Every trigger ends in the same
 * place: a QUEUED row in `runs`, which a worker in some process claims.
 */
import type { Knex } from 'knex';
import { UniqueViolationError } from 'objection';
import { kindCapabilities } from '../../connectors/capabilities';
import { ConnectorModel } from '../../models/connector.model';
import { RunModel, type RunType } from '../../models/run.model';
import type { Publisher } from '../../pubsub/events';
import { recordOutcome } from '../../sync/executor';
import { runEvent } from '../../sync/run-events';
import { invalid, invalidState, notFound } from '../user-errors';
import { appendLog } from './run.store';

/** A backfill covers at most this many days, so one request cannot queue years of work. */
export const MAX_BACKFILL_DAYS = 366;

export interface RunCommandDeps {
  db: Knex;
  publisher?: Publisher;
}

export interface Window {
  from?: Date | null;
  to?: Date | null;
}

export class RunCommands {
  constructor(private readonly deps: RunCommandDeps) {}

  /** A MANUAL run: incremental from the saved cursor, or limited to a window. */
  async runConnector(connectorId: number, window: Window, triggeredBy: string): Promise<RunModel> {
    if (window.from && window.to && window.from > window.to) {
      invalid('from must not be after to', ['input', 'from']);
    }
    return this.enqueue(connectorId, 'MANUAL', triggeredBy, window);
  }

  /** A BACKFILL run over whole days (UTC), leaving the incremental cursor where it is. */
  async backfill(
    connectorId: number,
    from: Date,
    to: Date,
    triggeredBy: string,
  ): Promise<RunModel> {
    const start = startOfDay(from);
    const end = startOfDay(to);
    if (start > end) invalid('from must not be after to', ['input', 'from']);
    const days = (end.getTime() - start.getTime()) / 86_400_000 + 1;
    if (days > MAX_BACKFILL_DAYS) {
      invalid(`a backfill covers at most ${MAX_BACKFILL_DAYS} days; split it`, ['input', 'to']);
    }
    const endOfDay = new Date(end.getTime() + 86_400_000 - 1);
    return this.enqueue(connectorId, 'BACKFILL', triggeredBy, { from: start, to: endOfDay });
  }

  /**
   * A QUEUED run is cancelled at once; a RUNNING one is asked to stop and
   * does so at its next page boundary, keeping its checkpoint.
   */
  async cancel(runId: number): Promise<RunModel> {
    return this.deps.db.transaction(async (trx) => {
      const run = await RunModel.query(trx).findById(runId).forUpdate();
      if (!run) return notFound('no run with this id', ['id']);
      if (run.status === 'QUEUED') {
        const cancelled = await RunModel.query(trx).patchAndFetchById(runId, {
          status: 'CANCELLED',
          phase: 'DONE',
          errorMessage: 'cancelled before it started',
          completedAt: new Date(),
        });
        await appendLog(trx, runId, { level: 'INFO', message: 'run CANCELLED before it started' });
        await recordOutcome(trx, run.connectorId, 'CANCELLED');
        await this.publishStatus(trx, cancelled);
        return cancelled;
      }
      if (run.status === 'RUNNING') {
        const asked = await RunModel.query(trx).patchAndFetchById(runId, { cancelRequested: true });
        await appendLog(trx, runId, { level: 'INFO', message: 'cancellation requested' });
        return asked;
      }
      return invalidState(`the run has already ended (${run.status})`, ['id']);
    });
  }

  /** A RETRY of an ended, unsuccessful run: same window, resuming from the saved checkpoint. */
  async retry(runId: number, triggeredBy: string): Promise<RunModel> {
    const run = await RunModel.query(this.deps.db).findById(runId);
    if (!run) return notFound('no run with this id', ['id']);
    if (run.type === 'TEST') invalidState('a TEST run is repeated with testConnector', ['id']);
    if (!['FAILED', 'CANCELLED', 'PARTIAL_SUCCESS'].includes(run.status)) {
      invalidState(
        `only FAILED, CANCELLED or PARTIAL_SUCCESS runs are retried, not ${run.status}`,
        ['id'],
      );
    }
    return this.enqueue(
      run.connectorId,
      'RETRY',
      triggeredBy,
      { from: run.windowFrom, to: run.windowTo },
      run,
    );
  }

  private async enqueue(
    connectorId: number,
    type: RunType,
    triggeredBy: string,
    window: Window,
    retryOf?: RunModel,
  ): Promise<RunModel> {
    return this.deps.db.transaction(async (trx) => {
      const connector = await ConnectorModel.query(trx).findById(connectorId);
      if (!connector) return notFound('no connector with this id', ['input', 'id']);
      if (connector.status === 'PAUSED') {
        invalidState('the connector is paused; resume it first', ['input', 'id']);
      }
      const can = kindCapabilities(connector.kind);
      if (!can.canSync || (type === 'BACKFILL' && !can.canBackfill)) {
        invalidState(
          `${connector.kind} connectors cannot ${type === 'BACKFILL' ? 'backfill' : 'sync'} yet`,
          ['input', 'id'],
        );
      }
      let run: RunModel;
      try {
        // A savepoint, so a refused insert leaves the transaction usable.
        run = await trx.transaction(async (sp) =>
          RunModel.query(sp).insertAndFetch({
            connectorId,
            type,
            status: 'QUEUED',
            phase: 'QUEUED',
            triggeredBy,
            windowFrom: window.from ?? null,
            windowTo: window.to ?? null,
            attempt: retryOf ? retryOf.attempt + 1 : 1,
            retryOf: retryOf?.id ?? null,
          }),
        );
      } catch (error) {
        if (error instanceof UniqueViolationError) {
          return invalidState('the connector already has a queued or running run', ['input', 'id']);
        }
        throw error;
      }
      await appendLog(trx, run.id, {
        level: 'INFO',
        message: retryOf
          ? `queued as attempt ${run.attempt}, retrying run ${retryOf.id}`
          : `queued by ${triggeredBy}`,
      });
      await this.deps.publisher?.publish(trx, {
        type: 'run-queued',
        runId: run.id,
        connectorId,
        at: new Date().toISOString(),
      });
      await this.publishStatus(trx, run);
      return run;
    });
  }

  private async publishStatus(trx: Knex.Transaction, run: RunModel): Promise<void> {
    await this.deps.publisher?.publish(trx, runEvent(run, { statusChanged: true }));
  }
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
