import type { Knex } from 'knex';
import { RunLogModel, type LogLevel } from '../../models/run-log.model';
import { RunModel, type RunStatus, type RunType } from '../../models/run.model';
import { likePattern, pageRequest, keysetPage, toConnection } from '../pagination';
import { invalid } from '../user-errors';

/** One UTC day of finished sync runs (RunActivityDay in the schema). */
export interface RunActivityDay {
  day: Date;
  succeeded: number;
  partial: number;
  failed: number;
  cancelled: number;
  recordsSynced: number;
}

export interface RunFilter {
  connectorId?: number | null;
  status?: RunStatus | null;
  type?: RunType | null;
  /** Only runs of one of these types. */
  types?: RunType[] | null;
}

export interface LogFilter {
  level?: LogLevel | null;
  /** Part of an external id, case-insensitive. */
  search?: string | null;
}

export interface SkippedFilter {
  reason?: string | null;
  /** Part of an external id, case-insensitive. */
  search?: string | null;
}

export interface SkippedRow {
  id: number;
  externalId: string | null;
  reason: string;
  message: string;
  raw: unknown;
  at: Date;
}

/** The longest search accepted: a bound on what one request may ask the database to match. */
const SEARCH_MAX = 500;

function externalIdSearch(search: string | null | undefined): string | null {
  const text = search?.trim();
  if (!text) return null;
  if (text.length > SEARCH_MAX) invalid(`search is at most ${SEARCH_MAX} characters`, ['search']);
  return likePattern(text);
}

/** Reading runs and their logs. */
export class RunService {
  constructor(private readonly db: Knex) {}

  async get(id: number): Promise<RunModel | undefined> {
    return RunModel.query(this.db).findById(id);
  }

  async list(
    first: number | null | undefined,
    after: string | null | undefined,
    filter: RunFilter,
  ) {
    const page = pageRequest(first, after);
    const filtered = () => {
      // Sync runs: reconciliations (job kind RECONCILE) are listed by `reconciliations`.
      const query = RunModel.query(this.db).where('jobKind', 'SYNC');
      if (filter.connectorId != null) query.where('connectorId', filter.connectorId);
      if (filter.status) query.where('status', filter.status);
      if (filter.type) query.where('type', filter.type);
      if (filter.types) query.whereIn('type', filter.types);
      return query;
    };
    return keysetPage(filtered, page);
  }

  /**
   * Finished sync runs (TEST and reconciliations excluded) per UTC day of `completed_at`, for the
   * last `days` days including today, oldest first, days without runs as zeros.
   */
  async activity(days: number, now = new Date()): Promise<RunActivityDay[]> {
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const DAY = 86_400_000;
    const since = new Date(today - (days - 1) * DAY);
    const rows = (await this.db('runs')
      .select(this.db.raw(`to_char(completed_at at time zone 'UTC', 'YYYY-MM-DD') as day`))
      .select(this.db.raw(`count(*) filter (where status = 'SUCCESS')::int as succeeded`))
      .select(this.db.raw(`count(*) filter (where status = 'PARTIAL_SUCCESS')::int as partial`))
      .select(this.db.raw(`count(*) filter (where status = 'FAILED')::int as failed`))
      .select(this.db.raw(`count(*) filter (where status = 'CANCELLED')::int as cancelled`))
      .select(this.db.raw(`coalesce(sum(records_created + records_updated), 0)::float8 as synced`))
      .whereNot('type', 'TEST')
      .where('jobKind', 'SYNC')
      .whereNotNull('completed_at')
      .where('completed_at', '>=', since)
      .groupByRaw('1')) as {
      day: string;
      succeeded: number;
      partial: number;
      failed: number;
      cancelled: number;
      synced: number;
    }[];
    const byDay = new Map(rows.map((row) => [row.day, row]));
    return Array.from({ length: days }, (_, i) => {
      const day = new Date(since.getTime() + i * DAY);
      const row = byDay.get(day.toISOString().slice(0, 10));
      return {
        day,
        succeeded: row?.succeeded ?? 0,
        partial: row?.partial ?? 0,
        failed: row?.failed ?? 0,
        cancelled: row?.cancelled ?? 0,
        recordsSynced: row?.synced ?? 0,
      };
    });
  }

  /** Per-reason counts of skipped records, for each run (runs with none: absent). */
  async skipCounts(
    runIds: readonly number[],
  ): Promise<Map<number, { reason: string; count: number }[]>> {
    // count(*) is int8, parsed as a number (db/knex.ts).
    const rows = (await this.db('skipped_records')
      .select('runId', 'reason')
      .count({ count: '*' })
      .whereIn('runId', runIds as number[])
      .groupBy('runId', 'reason')
      .orderBy([{ column: 'runId' }, { column: 'reason' }])) as unknown as {
      runId: number;
      reason: string;
      count: number;
    }[];
    const byRun = new Map<number, { reason: string; count: number }[]>();
    for (const row of rows) {
      const list = byRun.get(row.runId) ?? [];
      list.push({ reason: row.reason, count: row.count });
      byRun.set(row.runId, list);
    }
    return byRun;
  }

  /** A run's log, oldest first (the order it was written). */
  async logs(
    runId: number,
    first: number | null | undefined,
    after: string | null | undefined,
    filter: LogFilter = {},
  ) {
    const page = pageRequest(first, after, 50);
    const search = externalIdSearch(filter.search);
    const filtered = () => {
      const query = RunLogModel.query(this.db).where('runId', runId);
      if (filter.level) query.where('level', filter.level);
      if (search) query.whereILike('externalId', search);
      return query;
    };
    // Logs read forwards: the cursor's id is the last one seen.
    return keysetPage(filtered, page, 'asc');
  }

  /** What a run skipped or failed, in the order it happened. */
  async skipped(
    runId: number,
    first: number | null | undefined,
    after: string | null | undefined,
    filter: SkippedFilter = {},
  ) {
    const page = pageRequest(first, after, 50);
    const search = externalIdSearch(filter.search);
    const filtered = () => {
      const query = this.db('skippedRecords').where('runId', runId);
      if (filter.reason) query.where('reason', filter.reason);
      if (search) query.whereILike('externalId', search);
      return query;
    };
    const rowsQuery = filtered()
      .select('id', 'externalId', 'reason', 'message', 'raw', 'at')
      .orderBy('id', 'asc')
      .limit(page.limit + 1);
    if (page.cursorId !== null) rowsQuery.where('id', '>', page.cursorId);
    const rows = (await rowsQuery) as { id: number }[];
    const count = async () => {
      const [row] = await filtered().count<{ count: number }[]>('* as count');
      return Number(row.count);
    };
    return toConnection(rows, page, count, (row) => row);
  }

  /**
   * Every skipped record of a run (filtered as `skipped` is), oldest first,
   * read in keyset batches so a download of any size holds one batch in memory.
   */
  async *allSkipped(
    runId: number,
    filter: SkippedFilter = {},
    batchSize = 1000,
  ): AsyncGenerator<SkippedRow> {
    const search = externalIdSearch(filter.search);
    let lastId = 0;
    for (;;) {
      const query = this.db('skippedRecords')
        .where('runId', runId)
        .where('id', '>', lastId)
        .select('id', 'externalId', 'reason', 'message', 'raw', 'at')
        .orderBy('id', 'asc')
        .limit(batchSize);
      if (filter.reason) query.where('reason', filter.reason);
      if (search) query.whereILike('externalId', search);
      const rows = (await query) as SkippedRow[];
      yield* rows;
      if (rows.length < batchSize) return;
      lastId = rows[rows.length - 1].id;
    }
  }

  /** The saved cursors of a connector, by stream; null before its first checkpoint. */
  async syncState(connectorId: number): Promise<Record<string, unknown> | null> {
    const rows: { stream: string; cursor: unknown; updatedAt: Date }[] = await this.db('syncState')
      .where({ connectorId })
      .select('stream', 'cursor', 'updatedAt');
    if (rows.length === 0) return null;
    return Object.fromEntries(
      rows.map((row) => [
        row.stream,
        { cursor: row.cursor, updatedAt: row.updatedAt.toISOString() },
      ]),
    );
  }
}
