/**
 * Transactions against what is stored: a page's look-up (one statement) and
 * its rows' write (one statement). Deciding (DUPLICATE when unchanged, update
 * when changed) and external_references are the engine's (src/sync).
 */
import type { Knex } from 'knex';
import { stringify } from 'lossless-json';
import { CONNECTOR_KEYS, connectorKeys } from '../../db/connector-keys';
import type { TransactionRecord } from './transaction';

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
    // One probe of the (connector_id, txn_id) key per id, the connector a column of
    // each row (see CONNECTOR_KEYS).
    `SELECT t.txn_id AS "txnId", t.id, t.data_hash AS "dataHash"
       FROM ${CONNECTOR_KEYS} AS k(txn_id, connector_id)
       CROSS JOIN LATERAL (SELECT txn_id, id, data_hash FROM transactions
                            WHERE connector_id = k.connector_id AND txn_id = k.txn_id
                            LIMIT 1) t`,
    connectorKeys(txnIds, connectorId),
  );
  return new Map(rows.map((row) => [row.txnId, { id: row.id, dataHash: row.dataHash }]));
}

/**
 * A raw record as JSON text: numbers parsed losslessly (lossless-json, as
 * the PG_API fetch does) keep every digit; jsonb stores numbers as numeric.
 * A flat record of plain values (strings, plain numbers, booleans, null: no
 * exact number, no nested object) reads the same through JSON.stringify,
 * several times faster; anything else goes through lossless-json.
 */
export function rawJson(raw: Record<string, unknown>): string {
  for (const key in raw) {
    const value = raw[key];
    if ((typeof value === 'object' && value !== null) || typeof value === 'bigint') {
      return stringify(raw) ?? '{}';
    }
  }
  return JSON.stringify(raw);
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
  // The page as one JSON array of rows (jsonb_to_recordset): one bind parameter made
  // by JSON.stringify, not an array per column whose every element the driver escapes.
  // Amounts go as their exact decimal text.
  const page = JSON.stringify(
    candidates.map(({ entity: r, version }) => ({
      txn_id: r.txnId,
      amount: r.amount,
      currency: r.currency,
      status: r.status,
      txn_date: r.txnDate,
      cycle_date: r.cycleDate,
      bank_reference: r.bankReference,
      merchant_code: r.merchantCode,
      payment_mode: r.paymentMode,
      data_hash: version,
    })),
  );
  const { rows } = await trx.raw<{ rows: WrittenTransaction[] }>(
    `INSERT INTO transactions
       (connector_id, run_id, updated_at, txn_id, amount, currency, status, txn_date,
        cycle_date, bank_reference, merchant_code, payment_mode, data_hash)
     SELECT ?, ?, now(), u.txn_id, u.amount, u.currency, u.status, u.txn_date, u.cycle_date,
            u.bank_reference, u.merchant_code, u.payment_mode, u.data_hash
       FROM jsonb_to_recordset(?::jsonb)
         AS u(txn_id text, amount numeric, currency text, status text, txn_date timestamptz,
              cycle_date date, bank_reference text, merchant_code text, payment_mode text,
              data_hash text)
     ON CONFLICT (connector_id, txn_id) DO UPDATE SET
       run_id = excluded.run_id, amount = excluded.amount, currency = excluded.currency,
       status = excluded.status, txn_date = excluded.txn_date,
       cycle_date = excluded.cycle_date, bank_reference = excluded.bank_reference,
       merchant_code = excluded.merchant_code, payment_mode = excluded.payment_mode,
       data_hash = excluded.data_hash, updated_at = excluded.updated_at
     RETURNING txn_id AS "externalId", id AS "internalId", (xmax = 0) AS inserted`,
    [origin.connectorId, origin.runId, page],
  );
  return rows;
}
