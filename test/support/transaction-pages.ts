/**
 * One page of gateway records through the engine's own pieces, without a
 * run: the planning service (map, NUL check, dedupe against what is stored
 * and the page in flight), the payments pipeline's row writer, and the
 * engine's external_references writers. For tests that need transactions in
 * the database, or look at one page's decisions, without a gateway.
 */
import type { Knex } from 'knex';
import { pgApiConfig } from '../../src/connectors/pg-api/config';
import { transactionPipeline, type TransactionScope } from '../../src/domains/payments/pipeline';
import { mapTransaction, type TransactionRecord } from '../../src/domains/payments/transaction';
import type { SkippedRecord } from '../../src/pipeline/page-outcome';
import type { Candidate } from '../../src/pipeline/types';
import { planPage } from '../../src/sync/plan';
import { upsertReferences, writeFailedRecords } from '../../src/sync/references';

const { fieldMap } = pgApiConfig.parse({ baseUrl: 'https://gateway.example' });

export type TransactionCandidate = Candidate<TransactionRecord>;

/** The pipeline opened for `connectorId`, mapping with PG_API's default fieldMap in `timeZone`. */
function opened(connectorId: number, timeZone: string) {
  const scope: TransactionScope = {
    connectorId,
    options: { normalize: (raw) => mapTransaction(raw, { fieldMap, timeZone }) },
  };
  return { pipeline: transactionPipeline, scope };
}

/** Plans a page: the candidates to write, and every record skipped with its reason. */
export async function planTransactions(
  db: Knex,
  connectorId: number,
  raws: Record<string, unknown>[],
  options: { pending?: TransactionCandidate[]; timeZone?: string } = {},
) {
  const open = opened(connectorId, options.timeZone ?? 'Asia/Kolkata');
  return planPage(db, open, raws, options.pending ?? [], new AbortController().signal);
}

/** Writes planned candidates as the engine does: the rows, then their references. */
export async function writeTransactions(
  trx: Knex.Transaction,
  origin: { connectorId: number; runId: number | null },
  candidates: TransactionCandidate[],
  failed: SkippedRecord[] = [],
): Promise<{ created: number; updated: number }> {
  const { pipeline, scope } = opened(origin.connectorId, 'UTC');
  const written = await pipeline.write(trx, scope, candidates, origin);
  if (candidates.length > 0) {
    await upsertReferences(
      trx,
      { ...origin, entityType: pipeline.entityType },
      candidates,
      written.rows,
      {
        rawText: pipeline.rawText!,
        payload: (entity) => pipeline.payload!(entity as TransactionRecord),
      },
    );
  }
  await writeFailedRecords(
    trx,
    { ...origin, entityType: pipeline.entityType },
    failed,
    pipeline.rawText,
  );
  const created = written.rows.filter((row) => row.inserted).length;
  return { created, updated: written.rows.length - created };
}
