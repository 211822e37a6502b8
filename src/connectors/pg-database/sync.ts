/**
 * PG_DATABASE sync: the configured query, paged by its cursor column.
 *
 * Each page runs the query in its own READ ONLY transaction with the
 * statement timeout (session.ts), `:since` and `:limit` bound as parameters
 * ($1, $2; never interpolated). `:since` is the cursor: null on the first
 * run, then the cursor column's value on the last row of the last page
 * written, kept as Postgres's own text of it, so the source compares it in
 * the column's own type (a timestamp to the microsecond, a numeric, a text
 * id). The query orders by the cursor column; a page shorter than the limit
 * ends the run. Every value is read as text, so amounts stay exact.
 *
 * Rows go through the transaction pipeline (entity transaction, as PG_API)
 * or the settlements pipeline (entity settlement, identity idColumn).
 */
import { transactionPipeline } from '../../domains/payments/pipeline';
import { mapTransaction } from '../../domains/payments/transaction';
import { settlementPipeline } from '../../domains/settlements/pipeline';
import type { SettlementSourceRow } from '../../domains/settlements/settlement';
import { bindPipeline } from '../../pipeline/types';
import { ConnectorError } from '../errors';
import { readPath } from '../record-path';
import type { ConnectorContext, FetchRequest, Page, StreamDefinition } from '../types';
import { NAMED_PARAMETER, type PgDatabaseConfig } from './config';
import { withReadOnlySession } from './session';

/** Every column as Postgres's text: exact numbers, full-precision timestamps. */
const AS_TEXT = { getTypeParser: () => (value: string) => value };

/** Where a run left off: the cursor column's last value, and its type as Postgres names it. */
interface DbCursor {
  value: string;
  type: string;
}

/**
 * The query with its parameters positional: `:limit` is $1, `:since` is $2
 * cast to the cursor column's type, or, before any cursor, a NULL literal
 * (Postgres cannot type a parameter only ever compared with IS NULL).
 */
export function positional(sql: string, sinceType: string | null): string {
  return sql.replace(NAMED_PARAMETER, (_, name: string) =>
    name === 'limit' ? '$1' : sinceType === null ? 'NULL' : `$2::${sinceType}`,
  );
}

function dbCursor(cursor: unknown): DbCursor | null {
  const c = cursor as Partial<DbCursor> | null;
  return c && typeof c.value === 'string' && typeof c.type === 'string'
    ? { value: c.value, type: c.type }
    : null;
}

export async function* fetchRows(
  ctx: ConnectorContext<PgDatabaseConfig>,
  request: FetchRequest,
): AsyncGenerator<Page> {
  const { config } = ctx;
  let since = dbCursor(request.cursor);
  for (;;) {
    ctx.signal.throwIfAborted();
    const { rows, type } = await withReadOnlySession(ctx, async (client) => {
      const result = await client.query<Record<string, string | null>>({
        text: positional(config.query, since?.type ?? null),
        values: since ? [config.pageSize, since.value] : [config.pageSize],
        types: AS_TEXT,
      });
      const field = result.fields.find((f) => f.name === config.cursorColumn);
      if (!field) {
        throw new ConnectorError(
          'CONFIG',
          `the query returns no column ${config.cursorColumn} (cursorColumn)`,
        );
      }
      // The type's name from the catalog, e.g. "timestamp with time zone".
      const named = await client.query<{ type: string }>('SELECT format_type($1, NULL) AS type', [
        field.dataTypeID,
      ]);
      return { rows: result.rows, type: named.rows[0].type };
    });
    if (rows.length > 0) {
      const last = rows[rows.length - 1][config.cursorColumn];
      if (last === null || last === undefined) {
        throw new ConnectorError(
          'DATABASE',
          `${config.cursorColumn} is null on a row: it cannot be a cursor`,
        );
      }
      since = { value: last, type };
    }
    const records =
      config.entity === 'settlement' ? rows.map((row) => settlementRow(row, config)) : rows;
    yield {
      records: records as Record<string, unknown>[],
      checkpoint: rows.length > 0 ? since : null,
    };
    if (rows.length < config.pageSize) return;
  }
}

function settlementRow(
  row: Record<string, string | null>,
  config: Extract<PgDatabaseConfig, { entity: 'settlement' }>,
): SettlementSourceRow & { source: Record<string, unknown> } {
  const id = row[config.idColumn];
  return {
    bankReference: readPath(row, config.fieldMap.bankReference),
    amount: readPath(row, config.fieldMap.amount),
    valueDate: readPath(row, config.fieldMap.valueDate),
    txnId: readPath(row, config.fieldMap.txnId),
    unit: config.database,
    occurrence: 1,
    ...(id === null || id === undefined ? {} : { sourceId: String(id) }),
    source: row,
  };
}

export const pgDatabaseStream: StreamDefinition<PgDatabaseConfig> = {
  name: 'rows',
  fetch: fetchRows,
  pipeline: (ctx) =>
    ctx.config.entity === 'settlement'
      ? bindPipeline(settlementPipeline, {})
      : bindPipeline(transactionPipeline, {
          normalize: (raw) =>
            mapTransaction(raw, {
              fieldMap: (ctx.config as Extract<PgDatabaseConfig, { entity: 'transaction' }>)
                .fieldMap,
              timeZone: ctx.timeZone ?? 'UTC',
            }),
        }),
};
