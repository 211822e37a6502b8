/**
 * Gateway transactions as an entity pipeline, in the shape the sync engine
 * takes one (open -> map -> identity/keys/version -> lookup -> write ->
 * payload; issue #9): a transaction is its txnId per connector, its version
 * the hash of what is stored, so an unchanged re-read is a DUPLICATE and a
 * changed one an update. The engine keeps external_references and the
 * page-in-flight overlay; this writes the transactions rows.
 *
 * The engine's types are not imported here (they are built beside this, on
 * another branch): the shapes below are structural, and the engine's
 * `EntityPipeline<TransactionOptions, TransactionScope, TransactionRecord>`
 * is expected to accept `transactionPipeline` as it is.
 */
import type { Knex } from 'knex';
import type { Normalized } from '../../connectors/types';
import { findStoredTransactions, writeTransactionRows } from './store';
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

export const transactionPipeline = {
  entityType: TRANSACTION_ENTITY,

  async open(run: { connectorId: number }, options: TransactionOptions): Promise<TransactionScope> {
    return { connectorId: run.connectorId, options };
  },

  map(raw: Record<string, unknown>, scope: TransactionScope) {
    const result = scope.options.normalize(raw);
    if (!result.ok) return result;
    return { ok: true as const, entity: result.record };
  },

  identity: (transaction: TransactionRecord) => transactionKey(transaction),
  /** A transaction has no unique key besides its txnId. */
  keys: [] as const,
  version: (transaction: TransactionRecord) => transactionHash(transaction),

  /** What is stored under the page's txnIds: one statement, one key probe each. */
  async lookup(db: Knex, scope: TransactionScope, transactions: TransactionRecord[]) {
    const stored = await findStoredTransactions(
      db,
      scope.connectorId,
      transactions.map(transactionKey),
    );
    return [...stored].map(([externalId, row]) => ({
      externalId,
      version: row.dataHash,
      keys: [] as string[],
    }));
  },

  /** The transactions rows, in the engine's transaction: one statement. */
  async write(
    trx: Knex.Transaction,
    scope: TransactionScope,
    candidates: { entity: TransactionRecord; version: string }[],
    origin: { connectorId: number | null; runId: number | null },
  ) {
    const rows = await writeTransactionRows(
      trx,
      { connectorId: origin.connectorId ?? scope.connectorId, runId: origin.runId },
      candidates,
    );
    return { rows };
  },

  /** What external_references keeps as mapped: the transaction, its date as ISO text. */
  payload: (transaction: TransactionRecord) => mappedPayload(transaction),
};
