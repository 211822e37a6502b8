/**
 * The RECONCILE job handler: what a worker does with a claimed
 * reconciliation run. The engine's statements and the switch of the stored
 * result run in one transaction with the run's end and the
 * RECONCILIATION_COMPLETED outbox row, so a result is all there or not at
 * all. A heartbeat on another connection keeps the run alive and learns of
 * cancellation, which stops the work at the next statement.
 */
import type { Knex } from 'knex';
import { recordEvents } from '../../events/outbox';
import type { Logger } from '../../logger';
import { ReconciliationModel } from '../../models/reconciliation.model';
import type { RunModel } from '../../models/run.model';
import type { Publisher } from '../../pubsub/events';
import { appendLog, finishRun, heartbeat, recordProgress, type RunHub } from '../../runs/store';
import { reconcileCycle } from './engine';
import { purgeExpiredDryRuns, storeResult } from './store';

export interface ReconciliationJobDeps {
  db: Knex;
  logger: Logger;
  publisher?: Publisher;
  /** How often a running reconciliation proves it is alive [5000]. */
  heartbeatMs?: number;
}

/** Why the work stopped before its end. */
class Stopped extends Error {
  constructor(readonly reason: 'cancel' | 'shutdown' | 'gone') {
    super(`reconciliation stopped (${reason})`);
  }
}

export class ReconciliationJob {
  constructor(private readonly deps: ReconciliationJobDeps) {}

  private get hub(): RunHub {
    return { logger: this.deps.logger, publisher: this.deps.publisher };
  }

  /** Executes one claimed RECONCILE run to its end; never throws. */
  async execute(run: RunModel, shutdown?: AbortSignal): Promise<void> {
    const { db, logger } = this.deps;
    let stop: Stopped['reason'] | null = null;
    const onShutdown = () => (stop ??= 'shutdown');
    shutdown?.addEventListener('abort', onShutdown, { once: true });
    const beat = setInterval(() => {
      heartbeat(db, run.id).then(
        (liveness) => {
          if (liveness === 'cancel-requested') stop ??= 'cancel';
          if (liveness === 'gone') stop ??= 'gone';
        },
        (error: unknown) => logger.warn({ err: error, runId: run.id }, 'heartbeat failed'),
      );
    }, this.deps.heartbeatMs ?? 5_000);
    const started = Date.now();
    try {
      const reconciliation = await ReconciliationModel.query(db).findOne({ runId: run.id });
      if (!reconciliation) throw new Error(`run ${run.id} has no reconciliation`);
      await purgeExpiredDryRuns(db);
      await recordProgress(db, run.id, { phase: 'PROCESSING' });
      // Where the time goes: each statement's duration, for the run log.
      const steps: [string, number][] = [];
      let mark = performance.now();
      const timed = (step: string) => {
        const now = performance.now();
        steps.push([step, now - mark]);
        mark = now;
      };
      await db.transaction(async (trx) => {
        const result = await reconcileCycle(
          trx,
          {
            reconciliationId: reconciliation.id,
            cycleDate: reconciliation.cycleDate,
            pgConnectorId: reconciliation.pgConnectorId,
            bankConnectorId: reconciliation.bankConnectorId,
            rules: {
              amountTolerance: reconciliation.amountTolerance,
              amountTolerancePercent: reconciliation.amountTolerancePercent,
              dateWindowDays: reconciliation.dateWindowDays,
            },
          },
          (step) => {
            timed(step);
            if (stop) throw new Stopped(stop);
          },
        );
        timed('end');
        clearInterval(beat);
        const stored = await storeResult(trx, reconciliation, result);
        if (!reconciliation.dryRun) {
          await recordEvents(trx, [
            {
              type: 'RECONCILIATION_COMPLETED',
              key: `${reconciliation.pgConnectorId}:${reconciliation.bankConnectorId}`,
              payload: {
                reconciliationId: reconciliation.id,
                cycleDate: reconciliation.cycleDate,
                pgConnectorId: reconciliation.pgConnectorId,
                bankConnectorId: reconciliation.bankConnectorId,
                pgCount: result.pgCount,
                bankCount: result.bankCount,
                matchedCount: result.matchedCount,
                exceptionCount: result.exceptionCount,
                pgAmount: result.pgAmount,
                bankAmount: result.bankAmount,
                matchedAmount: result.matchedAmount,
              },
            },
          ]);
        }
        await appendLog(trx, run.id, {
          level: 'DEBUG',
          message: `time by step (ms): ${steps
            .slice(1)
            .map(([, ms], i) => `${steps[i]![0]} ${Math.round(ms)}`)
            .join(', ')}`,
        });
        const seconds = ((Date.now() - started) / 1000).toFixed(2);
        const ended = await finishRun(trx, this.hub, run.id, {
          status: 'SUCCESS',
          counters: {
            recordsTotal: result.pgCount + result.bankCount,
            recordsFetched: result.pgCount + result.bankCount,
            recordsCreated: result.matchedCount,
            recordsUpdated: 0,
            recordsSkipped: 0,
            recordsFailed: result.exceptionCount,
            pagesFetched: 0,
          },
          log: {
            level: 'INFO',
            message:
              `reconciled ${reconciliation.cycleDate} in ${seconds} s: ` +
              `${result.matchedCount} of ${result.pgCount} transactions matched, ` +
              `${result.exceptionCount} exceptions` +
              (reconciliation.dryRun
                ? ' (dry run: kept apart)'
                : stored.replaced
                  ? `; replaced the previous result, ${stored.resolutionsKept} resolutions kept`
                  : ''),
          },
        });
        // Reaped meanwhile (our heartbeat stalled): this result is not the run's to store.
        if (!ended) throw new Stopped('gone');
      });
    } catch (error) {
      await this.fail(run, error);
    } finally {
      clearInterval(beat);
      shutdown?.removeEventListener('abort', onShutdown);
    }
  }

  private async fail(run: RunModel, error: unknown): Promise<void> {
    const { db, logger } = this.deps;
    if (error instanceof Stopped && error.reason === 'gone') return;
    const cancelled = error instanceof Stopped && error.reason === 'cancel';
    const message =
      error instanceof Stopped
        ? error.reason === 'cancel'
          ? 'cancelled while running; nothing was stored'
          : 'interrupted by shutdown; nothing was stored'
        : `reconciliation failed: ${error instanceof Error ? error.message : String(error)}`;
    if (!(error instanceof Stopped)) logger.error({ err: error, runId: run.id }, message);
    try {
      await db.transaction(async (trx) => {
        await finishRun(trx, this.hub, run.id, {
          status: cancelled ? 'CANCELLED' : 'FAILED',
          errorMessage: message,
          log: { level: cancelled ? 'INFO' : 'ERROR', message },
        });
      });
    } catch (finishError) {
      logger.error({ err: finishError, runId: run.id }, 'could not record the end of a run');
      await appendLog(db, run.id, { level: 'ERROR', message }).catch(() => undefined);
    }
  }
}
