/**
 * Gateway transactions as an entity pipeline, in the shape the sync engine
 * takes one (open -> map -> identity/keys/version -> lookup -> write ->
 * payload; issue #9): a transaction is its txnId per connector, its version
 * the hash of what is stored, so an unchanged re-read is a DUPLICATE and a
 * changed one an update. The engine keeps external_references and the
 * page-in-flight overlay; this writes the transactions rows.
 */
import type { EntityPipeline, Normalized } from '../../pipeline/types';
import { findStoredTransactions, rawJson, writeTransactionRows } from './store';
import {
  mappedPayload,
  TRANSACTION_ENTITY,
  transactionHash,
  transactionKey,
  type TransactionRecord,
} from './transaction';

/** What a kind that syncs transactions binds the pipeline to (per connector). */
export interface TransactionOptions {
  /** The kind's mapping of a raw record (PG_API: normalizeTransaction with its fieldMap). */
  normalize(raw: Record<string, unknown>): Normalized<TransactionRecord>;
}

/** Resolved once per run. */
export interface TransactionScope {
  connectorId: number;
  options: TransactionOptions;
}

export const transactionPipeline: EntityPipeline<
  TransactionOptions,
  TransactionScope,
  TransactionRecord
> = {
  entityType: TRANSACTION_ENTITY,

  async open(run, options) {
    return { connectorId: run.connectorId, options };
  },

  map(raw, scope) {
    const result = scope.options.normalize(raw);
    if (!result.ok) return result;
    return { ok: true, entity: result.record };
  },

  identity: (transaction) => transactionKey(transaction),
  /** A transaction has no unique key besides its txnId. */
  keys: [],
  version: (transaction) => transactionHash(transaction),

  /** What is stored under the page's txnIds: one statement, one key probe each. */
  async lookup(db, scope, transactions) {
    const stored = await findStoredTransactions(
      db,
      scope.connectorId,
      transactions.map(transactionKey),
    );
    return [...stored].map(([externalId, row]) => ({
      externalId,
      version: row.dataHash,
      keys: [],
    }));
  },

  /** The transactions rows, in the engine's transaction: one statement. */
  async write(trx, scope, candidates, origin) {
    const rows = await writeTransactionRows(
      trx,
      { connectorId: origin.connectorId ?? scope.connectorId, runId: origin.runId },
      candidates,
    );
    return { rows };
  },

  /** What external_references keeps as mapped: the transaction, its date as ISO text. */
  payload: (transaction) => mappedPayload(transaction),

  /** Gateway bodies are parsed losslessly: amounts keep every digit in the raw payload too. */
  rawText: rawJson,
};
