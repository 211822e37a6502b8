/**
 * Reconciliations as stored: queueing one (a RECONCILE run on the shared job
 * queue and its row), and switching a computed result in as the stored one.
 * Plain functions, the knex handle (or a transaction) first.
 */
import type { Knex } from 'knex';
import { ReconciliationModel } from '../../models/reconciliation.model';
import type { RunModel } from '../../models/run.model';
import { enqueueRun, type RunHub } from '../../runs/store';
import type { EngineResult } from './engine';
import {
  DRY_RUN_TTL_DAYS,
  RECON_RULES,
  RECON_STATUSES,
  reconJobKey,
  type ReconRules,
} from './rules';

type Db = Knex | Knex.Transaction;

export interface NewReconciliation {
  cycleDate: string;
  pgConnectorId: number;
  bankConnectorId: number;
  rules: ReconRules;
  dryRun: boolean;
  triggeredBy: string;
}

/**
 * Queues a reconciliation: a QUEUED run of job kind RECONCILE (on the bank
 * connector) and its row. 'active' when one of the same (cycle, pair) is
 * already queued or running: nothing is written then.
 */
export async function queueReconciliation(
  trx: Knex.Transaction,
  hub: RunHub,
  input: NewReconciliation,
): Promise<{ reconciliation: ReconciliationModel; run: RunModel } | 'active'> {
  const run = await enqueueRun(trx, hub, {
    connectorId: input.bankConnectorId,
    type: 'MANUAL',
    jobKind: 'RECONCILE',
    jobKey: reconJobKey(input.cycleDate, input.pgConnectorId, input.bankConnectorId),
    triggeredBy: input.triggeredBy,
  });
  if (typeof run === 'string') return 'active';
  const reconciliation = await ReconciliationModel.query(trx).insertAndFetch({
    runId: run.id,
    cycleDate: input.cycleDate,
    pgConnectorId: input.pgConnectorId,
    bankConnectorId: input.bankConnectorId,
    amountTolerance: input.rules.amountTolerance,
    amountTolerancePercent: input.rules.amountTolerancePercent,
    dateWindowDays: input.rules.dateWindowDays,
    dryRun: input.dryRun,
    expiresAt: input.dryRun ? new Date(Date.now() + DRY_RUN_TTL_DAYS * 86_400_000) : null,
  });
  return { reconciliation, run };
}

/** Removes dry-run results past their expiry (their matches and exceptions cascade). */
export async function purgeExpiredDryRuns(db: Db): Promise<number> {
  return db('reconciliations').where('expiresAt', '<', db.fn.now()).delete();
}

/** Every status and rule, zero where the result has none, in the contract's order. */
function summaryOf(result: EngineResult) {
  const byStatus = RECON_STATUSES.map((status) => {
    if (status === 'MATCHED') {
      return { status, count: result.matchedCount, amount: result.matchedAmount };
    }
    const found = result.byStatus.find((entry) => entry.status === status);
    return { status, count: found?.count ?? 0, amount: found?.amount ?? '0' };
  });
  const byRule = RECON_RULES.map((rule) => {
    const found = result.byRule.find((entry) => entry.rule === rule);
    return { rule, count: found?.count ?? 0, amount: found?.amount ?? '0' };
  });
  return { byStatus, byRule };
}

/**
 * Writes the summary of a computed result and, unless it is a dry run,
 * makes it the stored result of its (cycle, pair): the resolutions of the
 * previous stored result carry over to the exceptions that are still the
 * same (status and records), and the previous result is removed. Inside the
 * transaction that wrote the result, so readers see the old or the new.
 */
export async function storeResult(
  trx: Knex.Transaction,
  reconciliation: ReconciliationModel,
  result: EngineResult,
): Promise<{ replaced: number | null; resolutionsKept: number }> {
  const { byStatus, byRule } = summaryOf(result);
  await trx('reconciliations')
    .where({ id: reconciliation.id })
    .update({
      pgCount: result.pgCount,
      bankCount: result.bankCount,
      matchedCount: result.matchedCount,
      exceptionCount: result.exceptionCount,
      pgAmount: result.pgAmount,
      bankAmount: result.bankAmount,
      matchedAmount: result.matchedAmount,
      byStatus: JSON.stringify(byStatus),
      byRule: JSON.stringify(byRule),
    });
  if (reconciliation.dryRun) return { replaced: null, resolutionsKept: 0 };
  const previous = (await trx('reconciliations')
    .where({
      cycleDate: reconciliation.cycleDate,
      pgConnectorId: reconciliation.pgConnectorId,
      bankConnectorId: reconciliation.bankConnectorId,
      current: true,
    })
    .forUpdate()
    .first('id')) as { id: number } | undefined;
  let resolutionsKept = 0;
  if (previous) {
    const { rowCount } = (await trx.raw(
      `UPDATE recon_exceptions n
          SET resolved_by = o.resolved_by, resolved_at = o.resolved_at,
              resolution_note = o.resolution_note
         FROM recon_exceptions o
        WHERE n.reconciliation_id = ? AND o.reconciliation_id = ?
          AND o.resolved_at IS NOT NULL AND o.signature = n.signature`,
      [reconciliation.id, previous.id],
    )) as { rowCount: number | null };
    resolutionsKept = rowCount ?? 0;
    await trx('reconciliations').where({ id: previous.id }).delete();
  }
  await trx('reconciliations').where({ id: reconciliation.id }).update({ current: true });
  return { replaced: previous ? Number(previous.id) : null, resolutionsKept };
}
