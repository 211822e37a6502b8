/**
 * Reconciliation use cases: queueing one (from the API or after a bank
 * connector's run), reading results and their exceptions, resolving an
 * exception. The matching itself is src/domains/reconciliation.
 */
import type { Knex } from 'knex';
import { parseDecimal } from '../../domains/payments/decimal';
import {
  MAX_DATE_WINDOW_DAYS,
  type ReconExceptionStatus,
  type ReconRules,
} from '../../domains/reconciliation/rules';
import { queueReconciliation } from '../../domains/reconciliation/store';
import { connectorRowId, reconcileConfig } from '../../domains/reconciliation/config';
import { appendLog } from '../../runs/store';
import type { RunModel } from '../../models/run.model';
import type { Logger } from '../../logger';
import { ConnectorModel } from '../../models/connector.model';
import { ReconciliationModel, ReconExceptionModel } from '../../models/reconciliation.model';
import { TransactionModel } from '../../models/transaction.model';
import { SettlementModel } from '../../models/settlement.model';
import type { Publisher } from '../../pubsub/events';
import type { RunHub } from '../../runs/store';
import { keysetPage, pageRequest, type PageRequest } from '../pagination';
import { fail, invalid, invalidState, notFound } from '../user-errors';

export interface RunReconciliationInput {
  cycleDate: string;
  pgConnectorId?: number | null;
  bankConnectorId?: number | null;
  amountTolerance?: string | null;
  amountTolerancePercent?: number | null;
  dateWindowDays?: number | null;
  dryRun?: boolean | null;
}

export interface ExceptionFilter {
  status?: ReconExceptionStatus | null;
  resolved?: boolean | null;
}

/** Which side of a reconciliation a connector can be. */
export function sideOf(connector: Pick<ConnectorModel, 'kind' | 'config'>): 'pg' | 'bank' | null {
  if (connector.kind === 'PG_API') return 'pg';
  if (connector.kind === 'BANK_SFTP' || connector.kind === 'BANK_API') return 'bank';
  if (connector.kind === 'PG_DATABASE') {
    return connector.config?.entity === 'settlement' ? 'bank' : 'pg';
  }
  return null;
}

/** A resolution note's longest length (the column's CHECK). */
export const MAX_NOTE_LENGTH = 2000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Rules from input, checked: a bad one is INVALID_INPUT at its field. */
export function rulesOf(
  input: {
    amountTolerance?: unknown;
    amountTolerancePercent?: number | null;
    dateWindowDays?: number | null;
  },
  field: string[] = ['input'],
): ReconRules {
  const tolerance = parseDecimal(input.amountTolerance ?? '0');
  if (!tolerance.ok) invalid(`amountTolerance ${tolerance.message}`, [...field, 'amountTolerance']);
  if (tolerance.ok && tolerance.value.startsWith('-')) {
    invalid('amountTolerance must not be negative', [...field, 'amountTolerance']);
  }
  const percent = input.amountTolerancePercent ?? 0;
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    invalid('amountTolerancePercent must be between 0 and 100', [
      ...field,
      'amountTolerancePercent',
    ]);
  }
  const days = input.dateWindowDays ?? 1;
  if (!Number.isInteger(days) || days < 0 || days > MAX_DATE_WINDOW_DAYS) {
    invalid(`dateWindowDays must be between 0 and ${MAX_DATE_WINDOW_DAYS}`, [
      ...field,
      'dateWindowDays',
    ]);
  }
  return {
    amountTolerance: (tolerance as { value: string }).value,
    amountTolerancePercent: percent,
    dateWindowDays: days,
  };
}

/** The columns of an exception the CSV download reads. */
const EXCEPTION_ROW_COLUMNS = [
  'id',
  'status',
  'transactionIds',
  'settlementIds',
  'pgTransactionId',
  'bankReference',
  'pgAmount',
  'bankAmount',
  'difference',
  'detail',
  'resolvedBy',
  'resolvedAt',
  'resolutionNote',
] as const;

export type ExceptionRow = Pick<ReconExceptionModel, (typeof EXCEPTION_ROW_COLUMNS)[number]>;

/**
 * Reconciliations with their run's state, in one statement: a result and the
 * status saying it is complete are read from one snapshot.
 */
function withJob(db: Knex) {
  return ReconciliationModel.query(db).select(
    'reconciliations.*',
    db.raw(
      `(SELECT json_build_object('status', r.status, 'triggeredBy', r.triggered_by,
                'errorMessage', r.error_message, 'startedAt', r.started_at,
                'completedAt', r.completed_at)
          FROM runs r WHERE r.id = reconciliations.run_id) AS job`,
    ),
  );
}

export interface ReconciliationServiceDeps {
  db: Knex;
  publisher?: Publisher;
  logger?: Logger;
}

export class ReconciliationService {
  constructor(private readonly deps: ReconciliationServiceDeps) {}

  private get db() {
    return this.deps.db;
  }

  private get hub(): RunHub {
    return { logger: this.deps.logger, publisher: this.deps.publisher };
  }

  /** Queues a reconciliation and returns it at once, QUEUED. */
  async run(input: RunReconciliationInput, triggeredBy: string): Promise<ReconciliationModel> {
    if (!DATE.test(input.cycleDate)) invalid('cycleDate must be a date', ['input', 'cycleDate']);
    const rules = rulesOf(input);
    const pgConnectorId = await this.pick('pg', input.pgConnectorId, 'pgConnectorId');
    const bankConnectorId = await this.pick('bank', input.bankConnectorId, 'bankConnectorId');
    return this.db.transaction(async (trx) => {
      const queued = await queueReconciliation(trx, this.hub, {
        cycleDate: input.cycleDate,
        pgConnectorId,
        bankConnectorId,
        rules,
        dryRun: input.dryRun ?? false,
        triggeredBy,
      });
      if (queued === 'active') {
        return invalidState(
          'a reconciliation of this cycle and connector pair is already queued or running',
          ['input', 'cycleDate'],
        );
      }
      return queued.reconciliation;
    });
  }

  /** The connector of one side: the one given (checked), or the only one there is. */
  private async pick(side: 'pg' | 'bank', id: number | null | undefined, field: string) {
    const what =
      side === 'pg'
        ? 'a PG_API or PG_DATABASE (entity transaction) connector'
        : 'a BANK_SFTP, BANK_API or PG_DATABASE (entity settlement) connector';
    if (id != null) {
      const connector = await ConnectorModel.query(this.db).findById(id);
      if (!connector) return notFound('no connector with this id', ['input', field]);
      if (sideOf(connector) !== side) invalid(`${field} must be ${what}`, ['input', field]);
      return connector.id;
    }
    const candidates = (
      await ConnectorModel.query(this.db)
        .whereIn(
          'kind',
          side === 'pg' ? ['PG_API', 'PG_DATABASE'] : ['BANK_SFTP', 'BANK_API', 'PG_DATABASE'],
        )
        .select('id', 'kind', 'config')
    ).filter((connector) => sideOf(connector) === side);
    if (candidates.length !== 1) {
      invalid(
        candidates.length === 0
          ? `there is no ${what}`
          : `there are ${candidates.length} of ${what.replace(/^a /, '')}s: give ${field}`,
        ['input', field],
      );
    }
    return candidates[0]!.id;
  }

  async get(id: number): Promise<ReconciliationModel | undefined> {
    return withJob(this.db).findById(id);
  }

  async getMany(ids: readonly number[]): Promise<Map<number, ReconciliationModel>> {
    const rows = await withJob(this.db).whereIn('id', [...new Set(ids)]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The reconciliations of these runs (a run event's), by run id. */
  async byRuns(runIds: readonly number[]): Promise<Map<number, ReconciliationModel>> {
    const rows = await withJob(this.db).whereIn('runId', [...new Set(runIds)]);
    return new Map(rows.map((row) => [row.runId, row]));
  }

  /**
   * The stored result of a cycle (the connector ids narrow it); before the
   * first one is stored, the latest non-dry reconciliation of the cycle, so
   * a queued or failed one is seen. Several pairs without ids: the newest.
   */
  async forCycle(
    cycleDate: string,
    pgConnectorId: number | null,
    bankConnectorId: number | null,
  ): Promise<ReconciliationModel | undefined> {
    const query = withJob(this.db)
      .where({ cycleDate, dryRun: false })
      .orderBy([
        { column: 'current', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    if (pgConnectorId !== null) query.where('pgConnectorId', pgConnectorId);
    if (bankConnectorId !== null) query.where('bankConnectorId', bankConnectorId);
    return query;
  }

  list(
    first: number | null | undefined,
    after: string | null | undefined,
    cycleDate: string | null,
  ) {
    const page = pageRequest(first, after);
    return keysetPage(() => {
      const query = withJob(this.db);
      if (cycleDate) query.where('cycleDate', cycleDate);
      return query;
    }, page);
  }

  /** A page of one result's exceptions, in the order they were found. */
  exceptions(reconciliationId: number, page: PageRequest, filter: ExceptionFilter) {
    return keysetPage(
      () => {
        const query = ReconExceptionModel.query(this.db).where({ reconciliationId });
        if (filter.status) query.where('status', filter.status);
        if (filter.resolved === true) query.whereNotNull('resolvedAt');
        if (filter.resolved === false) query.whereNull('resolvedAt');
        return query;
      },
      page,
      'asc',
    );
  }

  async exception(id: number): Promise<ReconExceptionModel | undefined> {
    return ReconExceptionModel.query(this.db).findById(id);
  }

  /**
   * Every exception of a result, in batches (the CSV download): plain rows of
   * the columns the file has, not models, so a download of a million makes
   * less garbage (the V8 heap between collections is what its memory is).
   */
  async *allExceptions(reconciliationId: number, batchSize = 2000) {
    let lastId = 0;
    for (;;) {
      const rows = (await this.db('reconExceptions')
        .select(...EXCEPTION_ROW_COLUMNS)
        .where({ reconciliationId })
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(batchSize)) as ExceptionRow[];
      yield* rows;
      if (rows.length < batchSize) return;
      lastId = rows[rows.length - 1]!.id;
    }
  }

  /** Transactions by id, one statement for any number of exceptions. */
  async transactionsByIds(ids: readonly number[]): Promise<Map<number, TransactionModel>> {
    const rows = await TransactionModel.query(this.db).whereIn('id', [...new Set(ids)]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async settlementsByIds(ids: readonly number[]): Promise<Map<number, SettlementModel>> {
    const rows = await SettlementModel.query(this.db).whereIn('id', [...new Set(ids)]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * After a sync run ended well: queues the reconciliations it makes due. A
   * bank connector with `config.reconcile` queues each cycle date whose
   * window holds a value date the run wrote, once its gateway connector has
   * transactions of that date; a gateway connector's run queues, for each
   * bank connector reconciling with it, each cycle date the run wrote that
   * already has settlements in its window. One already queued or running
   * for the same (cycle, pair) is left to run. Each queued one is noted in
   * the sync run's log.
   */
  async queueAfterRun(run: RunModel): Promise<number> {
    if (run.jobKind !== 'SYNC') return 0;
    const ended = await this.db('runs').where({ id: run.id }).first('status');
    if (!ended || !['SUCCESS', 'PARTIAL_SUCCESS'].includes(ended.status as string)) return 0;
    const connector = await ConnectorModel.query(this.db).findById(run.connectorId);
    if (!connector) return 0;
    const due: { cycleDate: string; pgId: number; bank: ConnectorModel }[] = [];
    const side = sideOf(connector);
    if (side === 'bank') {
      const parsed = reconcileConfig.safeParse(connector.config?.reconcile);
      if (!parsed.success) return 0;
      const pgId = connectorRowId(parsed.data.with)!;
      const { rows } = (await this.db.raw(
        `SELECT DISTINCT to_char(s.value_date - k, 'YYYY-MM-DD') AS cycle_date
           FROM settlements s CROSS JOIN generate_series(0, ?::int) AS k
          WHERE s.run_id = ? AND s.connector_id = ?
            AND EXISTS (SELECT 1 FROM transactions t
                         WHERE t.connector_id = ? AND t.cycle_date = s.value_date - k)
          ORDER BY 1`,
        [parsed.data.dateWindowDays, run.id, connector.id, pgId],
      )) as { rows: { cycle_date: string }[] };
      for (const row of rows) due.push({ cycleDate: row.cycle_date, pgId, bank: connector });
    } else if (side === 'pg') {
      const banks = (
        await ConnectorModel.query(this.db)
          .whereIn('kind', ['BANK_SFTP', 'BANK_API', 'PG_DATABASE'])
          .whereRaw(`config -> 'reconcile' ->> 'with' IS NOT NULL`)
      ).filter((bank) => {
        const parsed = reconcileConfig.safeParse(bank.config?.reconcile);
        return (
          sideOf(bank) === 'bank' &&
          parsed.success &&
          connectorRowId(parsed.data.with) === connector.id
        );
      });
      for (const bank of banks) {
        const window = reconcileConfig.parse(bank.config.reconcile).dateWindowDays;
        const { rows } = (await this.db.raw(
          `SELECT DISTINCT to_char(t.cycle_date, 'YYYY-MM-DD') AS cycle_date
             FROM transactions t
            WHERE t.run_id = ? AND t.connector_id = ?
              AND EXISTS (SELECT 1 FROM settlements s
                           WHERE s.connector_id = ?
                             AND s.value_date BETWEEN t.cycle_date AND t.cycle_date + ?::int)
            ORDER BY 1`,
          [run.id, connector.id, bank.id, window],
        )) as { rows: { cycle_date: string }[] };
        for (const row of rows) due.push({ cycleDate: row.cycle_date, pgId: connector.id, bank });
      }
    }
    let queued = 0;
    for (const { cycleDate, pgId, bank } of due) {
      const settings = reconcileConfig.parse(bank.config.reconcile);
      const outcome = await this.db.transaction(async (trx) => {
        if (!(await ConnectorModel.query(trx).findById(pgId))) return 'no-gateway' as const;
        return queueReconciliation(trx, this.hub, {
          cycleDate,
          pgConnectorId: pgId,
          bankConnectorId: bank.id,
          rules: {
            amountTolerance: settings.amountTolerance,
            amountTolerancePercent: settings.amountTolerancePercent,
            dateWindowDays: settings.dateWindowDays,
          },
          dryRun: false,
          triggeredBy: `run ${run.id} of ${connector.name}`,
        });
      });
      const what = `reconciliation of ${cycleDate} (${bank.name} with connector ${pgId})`;
      const message =
        outcome === 'no-gateway'
          ? `${what} not queued: its gateway connector does not exist`
          : outcome === 'active'
            ? `${what} not queued: one is already queued or running`
            : `queued the ${what}`;
      if (typeof outcome === 'object') queued += 1;
      await appendLog(this.db, run.id, { level: 'INFO', message });
    }
    return queued;
  }

  /** Marks an exception worked: who, when, why. Once only. */
  async resolve(id: number, note: string, resolvedBy: string): Promise<ReconExceptionModel> {
    const text = note.trim();
    if (!text) invalid('note must not be empty', ['input', 'note']);
    if (text.length > MAX_NOTE_LENGTH) {
      invalid(`note must be at most ${MAX_NOTE_LENGTH} characters`, ['input', 'note']);
    }
    return this.db.transaction(async (trx) => {
      const exception = await ReconExceptionModel.query(trx).findById(id).forUpdate();
      if (!exception) return notFound('no reconciliation exception with this id', ['input', 'id']);
      const reconciliation = await ReconciliationModel.query(trx).findById(
        exception.reconciliationId,
      );
      if (reconciliation?.dryRun) {
        invalidState("a dry run's exceptions are not resolved; run it for real", ['input', 'id']);
      }
      if (exception.resolvedAt) {
        fail(
          'INVALID_STATE',
          `already resolved by ${exception.resolvedBy} at ${exception.resolvedAt.toISOString()}`,
          ['input', 'id'],
        );
      }
      return ReconExceptionModel.query(trx).patchAndFetchById(id, {
        resolvedBy,
        resolvedAt: new Date(),
        resolutionNote: text,
      });
    });
  }
}
