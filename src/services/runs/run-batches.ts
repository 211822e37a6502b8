import type { Knex } from 'knex';
import { RunModel } from '../../models/run.model';
import type { PageRequest } from '../pagination';
import type { RunFilter } from './run.service';

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
   * The same page of runs (newest first, `limit + 1` rows) for each of many
   * connectors, in one statement: a LATERAL subquery per connector id walks
   * the (connector_id, id) index and stops after `limit + 1` rows, so 50
   * connectors cost one round trip, not 50.
   */
  async pagesFor(
    connectorIds: readonly number[],
    page: PageRequest,
    filter: Omit<RunFilter, 'connectorId'>,
  ): Promise<Map<number, RunModel[]>> {
    const inner = RunModel.query(this.db)
      .whereRaw('runs.connector_id = parent.id')
      .orderBy('runs.id', 'desc')
      .limit(page.limit + 1);
    if (filter.status) inner.where('runs.status', filter.status);
    if (filter.type) inner.where('runs.type', filter.type);
    if (filter.types) inner.whereIn('runs.type', filter.types);
    if (page.cursorId !== null) inner.where('runs.id', '<', page.cursorId);
    const rows = await RunModel.query(this.db)
      .select('page.*')
      .from(this.db.raw('unnest(?::bigint[]) as parent(id)', [connectorIds as number[]]))
      .joinRaw('cross join lateral (?) as page', [inner.toKnexQuery()])
      .orderBy([{ column: 'page.connector_id' }, { column: 'page.id', order: 'desc' }]);
    const byConnector = new Map<number, RunModel[]>();
    for (const row of rows) {
      const list = byConnector.get(row.connectorId) ?? [];
      list.push(row);
      byConnector.set(row.connectorId, list);
    }
    return byConnector;
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
      .groupBy('connectorId');
    if (filter.status) query.where('status', filter.status);
    if (filter.type) query.where('type', filter.type);
    if (filter.types) query.whereIn('type', filter.types);
    const rows = (await query) as unknown as { connectorId: number; count: number }[];
    return new Map(rows.map((row) => [row.connectorId, Number(row.count)]));
  }
}
