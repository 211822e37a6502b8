/**
 * A page's keys of one connector as rows (key, connector_id), for a LATERAL
 * probe of a unique key per row:
 *
 * ```sql
 * SELECT ... FROM ${CONNECTOR_KEYS} AS k(external_id, connector_id)
 *   CROSS JOIN LATERAL (SELECT ... FROM t WHERE connector_id = k.connector_id
 *                         AND external_id = k.external_id LIMIT 1) r
 * ```
 *
 * with `...connectorKeys(keys, connectorId)` as its bindings. The connector is
 * a column of each row, not a constant: with a constant, Postgres sizes
 * `connector_id = <id>` from its statistics, which put a connector they have
 * not seen (a new connector's first import into an analyzed database) at one
 * row, and the probe could then go through another index on connector_id
 * alone, reading all of the connector's rows for every key (a PG_API
 * connector's 20,000-record first import took 14 to 23 times as long:
 * `npm run bench:ingest -- --analyzed`; test/lookup-plans.test.ts). As a column,
 * it is sized as an average connector's rows, and the unique key wins. LIMIT 1
 * keeps each probe an index probe before the table has statistics at all.
 */
export const CONNECTOR_KEYS = `unnest(?::text[], array_fill(?::bigint, ARRAY[?::int]))`;

/** The bindings of CONNECTOR_KEYS: the keys (each once), the connector, their count. */
export function connectorKeys(
  keys: Iterable<string>,
  connectorId: number,
): [string[], number, number] {
  const unique = [...new Set(keys)];
  return [unique, connectorId, unique.length];
}
