import type { Knex } from 'knex';
import { RunModel } from '../../models/run.model';
import type { RunFilter } from './run.service';

/** A connector's sync runs (a literal, so the planner can use the partial index on them). */
const SYNC_JOBS = "runs.job_kind = 'SYNC'";

/** One read of RunBatchReader.levelFor: a page of each connector's runs, or its newest. */
export type RunLevelRead =
  | {
      kind: 'page';
      limit: number;
      cursorId: number | null;
      filter: Omit<RunFilter, 'connectorId'>;
      /** Count the runs matching `filter` too (the page's totalCount). */
      count: boolean;
    }
  | { kind: 'latest'; which: 'sync' | 'test' };

/** A read of levelFor for the connectors in `ids`. */
export type RunLevelPart = RunLevelRead & { ids: readonly number[] };

export interface RunLevelResult {
  rows: RunModel[];
  /** The count of a page part with `count`; null otherwise. */
  total: number | null;
}

/**
 * Reads for a whole page of parents at once, behind the API's per-request
 * DataLoaders (schema/loaders.ts) and its per-event subscription loaders: one
 * statement for the runs, run counts or cursors of 50 connectors, not 50.
 */
export class RunBatchReader {
  constructor(private readonly db: Knex) {}

  /** Runs by id, in one query (missing ones absent). */
  async getMany(ids: readonly number[]): Promise<Map<number, RunModel>> {
    const rows = await RunModel.query(this.db).findByIds(ids as number[]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The saved cursors of each connector, by stream, in one query (none saved: absent). */
  async syncStates(connectorIds: readonly number[]): Promise<Map<number, Record<string, unknown>>> {
    const rows: { connectorId: number; stream: string; cursor: unknown; updatedAt: Date }[] =
      await this.db('syncState')
        .whereIn('connectorId', connectorIds as number[])
        .select('connectorId', 'stream', 'cursor', 'updatedAt')
        .orderBy(['connectorId', 'stream']);
    const byConnector = new Map<number, Record<string, unknown>>();
    for (const row of rows) {
      const streams = byConnector.get(row.connectorId) ?? {};
      streams[row.stream] = { cursor: row.cursor, updatedAt: row.updatedAt.toISOString() };
      byConnector.set(row.connectorId, streams);
    }
    return byConnector;
  }

  /**
   * Several reads of a level of connectors' runs in ONE statement (a UNION ALL
   * of LATERAL subqueries, one per part): pages of runs with their filters,
   * cursor and, when asked, their totalCount, and the newest sync or TEST
   * run (`lastRun`, `lastTest`). The dashboard's page of 50 connectors asks
   * for `runs(first: 5) { totalCount }` and `lastRun`, which is one round
   * trip instead of three. For each part: connector id -> its rows (newest
   * first, `limit + 1` of a page, one or none for the newest) and its count
   * (null when not asked).
   */
  async levelFor(parts: readonly RunLevelPart[]): Promise<Map<number, RunLevelResult>[]> {
    if (parts.length === 0) return [];
    const selects = parts.map((part, grp) => {
      // Sync runs only: a reconciliation (job kind RECONCILE) is its bank connector's run but
      // no sync of it; it is listed by `reconciliations`.
      const inner = RunModel.query(this.db)
        .whereRaw('runs.connector_id = parent.id')
        .whereRaw(SYNC_JOBS)
        .orderBy('runs.id', 'desc');
      let counted: Knex.QueryBuilder | null = null;
      if (part.kind === 'latest') {
        if (part.which === 'test') inner.where('runs.type', 'TEST');
        else inner.whereNot('runs.type', 'TEST');
        inner.limit(1);
      } else {
        const filtered = (query: Knex.QueryBuilder) => {
          if (part.filter.status) query.where('runs.status', part.filter.status);
          if (part.filter.type) query.where('runs.type', part.filter.type);
          if (part.filter.types) query.whereIn('runs.type', part.filter.types);
          return query;
        };
        const rows = filtered(inner.toKnexQuery()).limit(part.limit + 1);
        if (part.cursorId !== null) rows.where('runs.id', '<', part.cursorId);
        if (part.count) {
          counted = filtered(
            this.db('runs')
              .count({ total: '*' })
              .whereRaw('runs.connector_id = parent.id')
              .whereRaw(SYNC_JOBS),
          );
        }
        return this.levelSelect(grp, part.ids, rows, counted);
      }
      return this.levelSelect(grp, part.ids, inner.toKnexQuery(), counted);
    });
    const rows = (await this.db
      .select('level.*')
      .from(this.db.raw(`(${selects.map(() => '?').join(' UNION ALL ')}) as level`, selects))
      .orderBy([
        { column: 'level.grp' },
        { column: 'level.parentId' },
        { column: 'level.id', order: 'desc' },
      ])) as ({ grp: number; parentId: number; total: number | null } & Record<string, unknown>)[];
    const results = parts.map(() => new Map<number, RunLevelResult>());
    for (const row of rows) {
      const { grp, parentId, total } = row;
      // The row's last three columns (deleted last first: the object stays a fast one).
      delete (row as Partial<typeof row>).total;
      delete (row as Partial<typeof row>).parentId;
      delete (row as Partial<typeof row>).grp;
      const byConnector = results[grp];
      let found = byConnector.get(parentId);
      if (!found) byConnector.set(parentId, (found = { rows: [], total }));
      // A connector with no run in its page still has a row: for its count.
      if (row.id !== null) found.rows.push(RunModel.fromDatabaseJson(row));
    }
    return results;
  }

  /** One part of levelFor: every connector of `ids`, its runs (LEFT JOIN: none is a row of nulls). */
  private levelSelect(
    grp: number,
    ids: readonly number[],
    rows: Knex.QueryBuilder,
    counted: Knex.QueryBuilder | null,
  ): Knex.Raw {
    return this.db.raw(
      `SELECT page.*, ?::int AS grp, parent.id AS parent_id, ${counted ? 'counted.total' : 'NULL::bigint AS total'}
       FROM unnest(?::bigint[]) AS parent(id)
       LEFT JOIN LATERAL (?) AS page ON true
       ${counted ? 'LEFT JOIN LATERAL (?) AS counted ON true' : ''}`,
      counted ? [grp, ids as number[], rows, counted] : [grp, ids as number[], rows],
    );
  }

  /** How many runs of each connector match `filter`, in one grouped query (none: absent). */
  async countsFor(
    connectorIds: readonly number[],
    filter: Omit<RunFilter, 'connectorId'>,
  ): Promise<Map<number, number>> {
    const query = this.db('runs')
      .select('connectorId')
      .count({ count: '*' })
      .whereIn('connectorId', connectorIds as number[])
      .whereRaw(SYNC_JOBS)
      .groupBy('connectorId');
    if (filter.status) query.where('status', filter.status);
    if (filter.type) query.where('type', filter.type);
    if (filter.types) query.whereIn('type', filter.types);
    const rows = (await query) as unknown as { connectorId: number; count: number }[];
    return new Map(rows.map((row) => [row.connectorId, Number(row.count)]));
  }
}
