/**
 * REMAP runs: a connector's stored raw records (external_references.raw)
 * through its kind's pipelines again, with the connector's current settings,
 * nothing fetched. Each of the kind's streams is replaced by one that pages
 * through the stored records of its pipeline's entity type (by id, 100 at a
 * time), so mapping, dedupe, writes, FAILED records, counters and progress
 * are the sync's own: a record mapped as before is a DUPLICATE, one mapped
 * differently an update, a FAILED one that now maps is created (and its
 * reference becomes SYNCED). No cursor moves.
 */
import type { Knex } from 'knex';
import { parseExactJson } from '../connectors/pg-api/json';
import type { ConnectorContext, Page, StreamDefinition } from '../connectors/types';
import type { RemapFilter } from '../models/run.model';

export const REMAP_PAGE_SIZE = 100;

/** The kind's streams as REMAP reads them: one per entity type, in the kind's order. */
export function remapStreams(
  streams: readonly StreamDefinition<unknown>[],
  filter: RemapFilter,
): StreamDefinition<unknown>[] {
  const seen = new Set<string>();
  // Records read by the streams before: the run's total grows stream by stream.
  const read = { before: 0 };
  return streams.map((stream) => ({
    name: stream.name,
    pipeline: stream.pipeline,
    fetch: (ctx: ConnectorContext<unknown>) => {
      const { entityType } = stream.pipeline(ctx).pipeline as { entityType: string };
      if (seen.has(entityType) || (filter.entityType && filter.entityType !== entityType)) {
        return none();
      }
      seen.add(entityType);
      if (!ctx.run) throw new Error('a REMAP stream reads the hub database: ctx.run is required');
      return storedPages(ctx.run.db, ctx.run.connectorId, entityType, filter, ctx.signal, read);
    },
  }));
}

async function* none(): AsyncGenerator<Page> {}

function narrowed(
  db: Knex,
  connectorId: number,
  entityType: string,
  filter: RemapFilter,
): Knex.QueryBuilder {
  const query = db('externalReferences').where({ connectorId, entityType });
  if (filter.failedOnly) query.where('status', 'FAILED');
  if (filter.email) {
    query.whereRaw(`lower(raw #>> '{billing,email}') = lower(?)`, [filter.email]);
  }
  return query;
}

/** The stored raw records of one entity type, oldest reference first, a page at a time. */
async function* storedPages(
  db: Knex,
  connectorId: number,
  entityType: string,
  filter: RemapFilter,
  signal: AbortSignal,
  read: { before: number },
): AsyncGenerator<Page> {
  const [{ count }] = (await narrowed(db, connectorId, entityType, filter).count({
    count: '*',
  })) as { count: string }[];
  const total = read.before + Number(count);
  read.before = total;
  let after = 0;
  for (;;) {
    signal.throwIfAborted();
    const rows = (await narrowed(db, connectorId, entityType, filter)
      .where('id', '>', after)
      .orderBy('id')
      .limit(REMAP_PAGE_SIZE)
      // As text, parsed losslessly: amounts keep every digit jsonb kept.
      .select('id', db.raw('raw::text AS raw'))) as { id: string | number; raw: string }[];
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1].id);
    yield {
      records: rows.map((row) => parseExactJson(row.raw) as Record<string, unknown>),
      checkpoint: null,
      total,
    };
    if (rows.length < REMAP_PAGE_SIZE) return;
  }
}
