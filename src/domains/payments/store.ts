/**
 * Transactions against what is stored: a page's look-up (one statement),
 * its plan (DUPLICATE when unchanged, update when changed, create when new)
 * and its write (one statement for transactions, one for external_references).
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { stringify } from 'lossless-json';
import type { SkippedRecord } from '../../pipeline/page-outcome';
import {
  mappedPayload,
  TRANSACTION_ENTITY,
  transactionHash,
  transactionKey,
  type TransactionRecord,
} from './transaction';

/** A record of a page that will be written: new, or changed since it was stored. */
export interface TransactionCandidate {
  raw: Record<string, unknown>;
  record: TransactionRecord;
  dataHash: string;
}

export interface StoredTransaction {
  id: number;
  dataHash: string;
}

/** The stored rows of a page's txnIds, by txnId: one index probe per id, one statement. */
export async function findStoredTransactions(
  db: Knex,
  connectorId: number,
  txnIds: string[],
): Promise<Map<string, StoredTransaction>> {
  if (txnIds.length === 0) return new Map();
  const { rows } = await db.raw<{
    rows: { txnId: string; id: number; dataHash: string }[];
  }>(
    // One probe of the (connector_id, txn_id) key per id: LIMIT 1 keeps it an index
    // probe even before the table has statistics (a first import), where a plain
    // `= ANY(...)` may scan the connector's rows by another index.
    `SELECT t.txn_id AS "txnId", t.id, t.data_hash AS "dataHash"
       FROM unnest(?::text[]) AS k(txn_id)
       CROSS JOIN LATERAL (SELECT txn_id, id, data_hash FROM transactions
                            WHERE connector_id = ? AND txn_id = k.txn_id LIMIT 1) t`,
    [[...new Set(txnIds)], connectorId],
  );
  return new Map(rows.map((row) => [row.txnId, { id: row.id, dataHash: row.dataHash }]));
}

/**
 * Decides a page's mapped records: a txnId seen earlier in the page, or
 * stored with the same data, is a DUPLICATE; the rest are written.
 * `pending` are the candidates of a page still being written: they count
 * as stored, in place of what the database says of the same txnIds.
 */
export async function planTransactionPage(
  db: Knex,
  connectorId: number,
  mapped: { raw: Record<string, unknown>; record: TransactionRecord }[],
  pending: TransactionCandidate[] = [],
): Promise<{ candidates: TransactionCandidate[]; skipped: SkippedRecord[] }> {
  const held = await findStoredTransactions(
    db,
    connectorId,
    mapped.map(({ record }) => transactionKey(record)),
  );
  const heldHash = new Map([...held].map(([key, row]) => [key, row.dataHash]));
  for (const candidate of pending)
    heldHash.set(transactionKey(candidate.record), candidate.dataHash);
  const seen = new Set<string>();
  const candidates: TransactionCandidate[] = [];
  const skipped: SkippedRecord[] = [];
  for (const { raw, record } of mapped) {
    const key = transactionKey(record);
    const duplicate = (message: string) =>
      skipped.push({ externalId: record.txnId, reason: 'DUPLICATE', message, raw });
    if (seen.has(key)) {
      duplicate('the same txnId came twice in one page');
      continue;
    }
    seen.add(key);
    const dataHash = transactionHash(record);
    if (heldHash.get(key) === dataHash) {
      duplicate('already held, unchanged');
      continue;
    }
    candidates.push({ raw, record, dataHash });
  }
  return { candidates, skipped };
}

/** Whether two pages' candidates claim a common transaction: they must not be written at once. */
export function sharesTransactionKeys(a: TransactionCandidate[], b: TransactionCandidate[]) {
  const keys = new Set(b.map(({ record }) => transactionKey(record)));
  return a.some(({ record }) => keys.has(transactionKey(record)));
}

/**
 * A raw record as JSON text: numbers parsed losslessly (lossless-json, as
 * the PG_API fetch does) keep every digit; jsonb stores numbers as numeric.
 */
export function rawJson(raw: Record<string, unknown>): string {
  return stringify(raw) ?? '{}';
}

/** One transaction row a page wrote: external_references.internal_id is its id. */
export interface WrittenTransaction {
  externalId: string;
  internalId: number;
  inserted: boolean;
}

/**
 * Upserts the candidates' transaction rows on (connector, txnId) in one
 * statement (one array per column through unnest) and says which were
 * created. The entity half of a page's write: an engine that keeps
 * external_references itself calls this alone.
 */
export async function writeTransactionRows(
  trx: Knex.Transaction | Knex,
  origin: { connectorId: number; runId: number | null },
  candidates: { entity: TransactionRecord; version: string }[],
): Promise<WrittenTransaction[]> {
  if (candidates.length === 0) return [];
  const records = candidates.map((c) => c.entity);
  const { rows } = await trx.raw<{ rows: WrittenTransaction[] }>(
    `INSERT INTO transactions
       (connector_id, run_id, updated_at, txn_id, amount, currency, status, txn_date,
        cycle_date, bank_reference, merchant_code, payment_mode, data_hash)
     SELECT ?, ?, now(), u.txn_id, u.amount, u.currency, u.status, u.txn_date, u.cycle_date,
            u.bank_reference, u.merchant_code, u.payment_mode, u.data_hash
       FROM unnest(?::text[], ?::numeric[], ?::text[], ?::text[], ?::timestamptz[], ?::date[],
                   ?::text[], ?::text[], ?::text[], ?::text[])
         AS u(txn_id, amount, currency, status, txn_date, cycle_date, bank_reference,
              merchant_code, payment_mode, data_hash)
     ON CONFLICT (connector_id, txn_id) DO UPDATE SET
       run_id = excluded.run_id, amount = excluded.amount, currency = excluded.currency,
       status = excluded.status, txn_date = excluded.txn_date,
       cycle_date = excluded.cycle_date, bank_reference = excluded.bank_reference,
       merchant_code = excluded.merchant_code, payment_mode = excluded.payment_mode,
       data_hash = excluded.data_hash, updated_at = excluded.updated_at
     RETURNING txn_id AS "externalId", id AS "internalId", (xmax = 0) AS inserted`,
    [
      origin.connectorId,
      origin.runId,
      records.map((r) => r.txnId),
      records.map((r) => r.amount),
      records.map((r) => r.currency),
      records.map((r) => r.status),
      records.map((r) => r.txnDate),
      records.map((r) => r.cycleDate),
      records.map((r) => r.bankReference),
      records.map((r) => r.merchantCode),
      records.map((r) => r.paymentMode),
      candidates.map((c) => c.version),
    ] as unknown as Knex.RawBinding[],
  );
  return rows;
}

/**
 * Writes a planned page in the caller's transaction: transactions upserted
 * on (connector, txnId), then their external references (raw payload kept
 * digit for digit, mapped payload, SYNCED). Two statements whatever the
 * page's size.
 */
export async function writeTransactionPage(
  trx: Knex.Transaction | Knex,
  input: { connectorId: number; runId: number | null },
  candidates: TransactionCandidate[],
): Promise<{ created: number; updated: number; ids: number[] }> {
  if (candidates.length === 0) return { created: 0, updated: 0, ids: [] };
  const written = await writeTransactionRows(
    trx,
    input,
    candidates.map((c) => ({ entity: c.record, version: c.dataHash })),
  );
  const idByTxnId = new Map(written.map((row) => [row.externalId, row.internalId]));
  const records = candidates.map((c) => c.record);
  const raws = candidates.map(({ raw }) => rawJson(raw));
  await trx.raw(
    `INSERT INTO external_references
       (connector_id, entity_type, status, reason, error, run_id, updated_at, external_id,
        internal_id, payload_hash, raw, mapped)
     SELECT ?, ?, 'SYNCED', NULL, NULL, ?, now(), u.external_id, u.internal_id, u.payload_hash,
            u.raw, u.mapped
       FROM unnest(?::text[], ?::bigint[], ?::text[], ?::jsonb[], ?::jsonb[])
         AS u(external_id, internal_id, payload_hash, raw, mapped)
     ON CONFLICT (connector_id, entity_type, external_id) DO UPDATE SET
       internal_id = excluded.internal_id, payload_hash = excluded.payload_hash,
       raw = excluded.raw, mapped = excluded.mapped, status = excluded.status,
       reason = NULL, error = NULL, run_id = excluded.run_id, updated_at = excluded.updated_at`,
    [
      input.connectorId,
      TRANSACTION_ENTITY,
      input.runId,
      records.map((r) => r.txnId),
      records.map((r) => idByTxnId.get(r.txnId) ?? null),
      raws.map((raw) => createHash('sha256').update(raw).digest('hex')),
      raws,
      records.map((r) => JSON.stringify(mappedPayload(r))),
    ] as unknown as Knex.RawBinding[],
  );
  const created = written.filter((row) => row.inserted).length;
  return {
    created,
    updated: written.length - created,
    ids: written.map((row) => row.internalId),
  };
}
