/**
 * Settlements as an entity pipeline: BANK_SFTP, BANK_API and PG_DATABASE
 * (entity settlements) hand it SettlementSourceRows.
 *
 * A file row is written with pending_sha256 = its file's SHA-256 and stays
 * out of every read until the file's last page switches it in (see store.ts);
 * a row of the file's previous version that the new version repeats is
 * updated (its version is the file's SHA-256), so a changed file's counts are
 * exact: created = rows added, updated = rows kept.
 */
import type { Knex } from 'knex';
import { stringify } from 'lossless-json';
import { CONNECTOR_KEYS, connectorKeys } from '../../db/connector-keys';
import type { EntityPipeline, Held } from '../../pipeline/types';
import {
  fingerprintOf,
  mapSettlement,
  settlementIdentity,
  type Settlement,
  type SettlementSourceRow,
} from './settlement';

export interface SettlementOptions {
  /** Currency when the source names none [INR]. */
  currency?: string;
}

export interface SettlementScope {
  connectorId: number;
  currency: string;
}

/** The version of a row that is not from a file: its identity holds every field. */
const NOT_A_FILE = '-';

export const settlementPipeline: EntityPipeline<SettlementOptions, SettlementScope, Settlement> = {
  entityType: 'settlement',

  open: (run, options) =>
    Promise.resolve({ connectorId: run.connectorId, currency: options.currency ?? 'INR' }),

  map(raw, scope) {
    const row = raw as unknown as SettlementSourceRow;
    const mapped = mapSettlement(row, scope.currency);
    const externalId = row.sourceId
      ? `id:${row.sourceId}`
      : settlementIdentity(row.unit, fingerprintOf(row), row.occurrence);
    if (!mapped.ok) {
      const where = row.line ? ` (${row.unit} line ${row.line})` : '';
      return {
        ok: false,
        externalId,
        reason: 'INVALID_RECORD',
        message: `${mapped.field} ${mapped.message}${where}`,
      };
    }
    return { ok: true, entity: mapped.settlement };
  },

  identity: (s) =>
    s.sourceId !== null
      ? `id:${s.sourceId}`
      : settlementIdentity(
          s.unit,
          fingerprintOf({
            bankReference: s.bankReference,
            amount: s.amount,
            valueDate: s.valueDate,
            txnId: s.txnId,
          }),
          s.occurrence,
        ),

  keys: [],

  // A file row: its file's SHA-256; a row with a source id: what it holds; any other: its
  // identity holds every field.
  version: (s) =>
    s.fileSha256 ??
    (s.sourceId !== null
      ? fingerprintOf({
          bankReference: s.bankReference,
          amount: s.amount,
          valueDate: s.valueDate,
          txnId: s.txnId,
        }) + s.currency
      : NOT_A_FILE),

  async lookup(db, scope, settlements): Promise<Held[]> {
    if (settlements.length === 0) return [];
    const ids = settlements.map((s) => settlementPipeline.identity(s));
    // One probe of the identity key per id, the connector a column of each row
    // (see CONNECTOR_KEYS).
    const { rows } = await db.raw<{ rows: { externalId: string; version: string }[] }>(
      `SELECT s.external_id AS "externalId",
              coalesce(s.pending_sha256, s.ingested_sha256, s.source_version, ?) AS version
         FROM ${CONNECTOR_KEYS} AS k(external_id, connector_id)
         CROSS JOIN LATERAL (SELECT * FROM settlements
                              WHERE connector_id = k.connector_id AND external_id = k.external_id
                              LIMIT 1) s`,
      [NOT_A_FILE, ...connectorKeys(ids, scope.connectorId)],
    );
    return rows.map((row) => ({ externalId: row.externalId, version: row.version, keys: [] }));
  },

  async write(trx, _scope, candidates, origin) {
    const rows = await writeSettlements(
      trx,
      candidates.map((c) => c.entity),
      candidates.map((c) => c.externalId),
      candidates.map((c) => (c.entity.sourceId !== null ? c.version : null)),
      origin,
    );
    return { rows };
  },

  // Numbers a source sent exactly (lossless JSON) are kept digit for digit.
  rawText: (raw) => stringify(raw) ?? 'null',

  // The raw record already holds the source's text and where it came from.
  payload: (s) => s,
};

/** One statement: insert or (same identity, file changed) mark as seen in the new file. */
async function writeSettlements(
  trx: Knex.Transaction,
  settlements: Settlement[],
  externalIds: string[],
  sourceVersions: (string | null)[],
  origin: { connectorId: number | null; runId: number | null },
) {
  const { rows } = await trx.raw<{
    rows: { id: number; externalId: string; inserted: boolean }[];
  }>(
    `INSERT INTO settlements (connector_id, run_id, external_id, unit, bank_reference, amount,
        currency, value_date, txn_id, line_number, pending_sha256, source_version)
     SELECT ?, ?, u.external_id, u.unit, u.bank_reference, u.amount, u.currency, u.value_date,
            u.txn_id, u.line_number, u.pending_sha256, u.source_version
       FROM unnest(?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::date[], ?::text[],
                   ?::int[], ?::text[], ?::text[])
         AS u(external_id, unit, bank_reference, amount, currency, value_date, txn_id,
              line_number, pending_sha256, source_version)
     ON CONFLICT (connector_id, external_id) DO UPDATE SET
       pending_sha256 = excluded.pending_sha256, line_number = excluded.line_number,
       bank_reference = excluded.bank_reference, amount = excluded.amount,
       currency = excluded.currency, value_date = excluded.value_date, txn_id = excluded.txn_id,
       source_version = excluded.source_version, run_id = excluded.run_id, updated_at = now()
     RETURNING id, external_id AS "externalId", (xmax = 0) AS inserted`,
    [
      origin.connectorId,
      origin.runId,
      externalIds,
      settlements.map((s) => s.unit),
      settlements.map((s) => s.bankReference),
      settlements.map((s) => s.amount),
      settlements.map((s) => s.currency),
      settlements.map((s) => s.valueDate),
      settlements.map((s) => s.txnId),
      settlements.map((s) => s.lineNumber),
      settlements.map((s) => s.fileSha256),
      sourceVersions,
    ] as unknown as Knex.RawBinding[],
  );
  return rows.map((row) => ({
    externalId: row.externalId,
    internalId: row.id,
    inserted: row.inserted,
  }));
}
