/**
 * The source file ledger: one row per file per run that looked at it (an
 * INGESTED file's row is written with its settlements: staging.ts).
 */
import type { Knex } from 'knex';

export type SourceFileStatus = 'INGESTED' | 'UNCHANGED' | 'REJECTED';

export interface LedgerEntry {
  name: string;
  sha256: string;
  sizeBytes: number;
  rows: number;
  cycleDate: string | null;
  status: SourceFileStatus;
  detail: string | null;
}

/** Whether a file of this name and SHA-256 was already ingested by the connector. */
export async function wasIngested(
  db: Knex,
  connectorId: number,
  name: string,
  sha256: string,
): Promise<boolean> {
  const row = await db('sourceFiles')
    .where({ connectorId, name, sha256, status: 'INGESTED' })
    .first('id');
  return row !== undefined;
}

/** Writes a ledger row (UNCHANGED, REJECTED) with its run log line. */
export async function recordFile(
  trx: Knex.Transaction,
  run: { id: number; connectorId: number },
  entry: LedgerEntry,
  log: { level: 'INFO' | 'WARN' | 'ERROR'; message: string },
): Promise<number> {
  const [row] = await trx('sourceFiles')
    .insert({ connectorId: run.connectorId, runId: run.id, ...entry })
    .returning('id');
  await trx('runLogs').insert({ runId: run.id, ...log, externalId: entry.name });
  return (row as { id: number }).id;
}
