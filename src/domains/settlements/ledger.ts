/**
 * The source file ledger: one row per file per run that looked at it, and
 * the switch that makes a file's settlements exactly its rows.
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

/**
 * The end of an ingested file, in its last page's transaction: the rows
 * written under its SHA-256 become the file's settlements, the previous
 * version's rows it no longer holds are removed, and the ledger row says
 * how many were added, removed and kept.
 */
export async function switchFile(
  trx: Knex.Transaction,
  run: { id: number; connectorId: number },
  file: Omit<LedgerEntry, 'status' | 'detail'>,
): Promise<{ added: number; removed: number; kept: number }> {
  const { connectorId } = run;
  // The previous version's rows the new one does not hold go, and their external
  // references with them: a reference never points at a settlement that is gone.
  const gone = await trx.raw<{ rows: { removed: number }[] }>(
    `WITH gone AS (
       DELETE FROM settlements
        WHERE connector_id = ? AND unit = ?
          AND (pending_sha256 IS NULL OR pending_sha256 <> ?)
       RETURNING external_id
     ), refs AS (
       DELETE FROM external_references r USING gone
        WHERE r.connector_id = ? AND r.entity_type = 'settlement'
          AND r.external_id = gone.external_id AND r.status = 'SYNCED'
     )
     SELECT count(*)::int AS removed FROM gone`,
    [connectorId, file.name, file.sha256, connectorId],
  );
  const { removed } = gone.rows[0];
  const { rows } = await trx.raw<{ rows: { added: number; kept: number }[] }>(
    `SELECT count(*) FILTER (WHERE ingested_sha256 IS NULL)::int AS added,
            count(*) FILTER (WHERE ingested_sha256 IS NOT NULL)::int AS kept
       FROM settlements WHERE connector_id = ? AND unit = ? AND pending_sha256 = ?`,
    [connectorId, file.name, file.sha256],
  );
  const { added, kept } = rows[0];
  const previous = await trx('sourceFiles')
    .where({ connectorId, name: file.name, status: 'INGESTED' })
    .first('id');
  const detail = previous
    ? `changed since last ingested: ${added} added, ${removed} removed, ${kept} kept`
    : `${added} settlements`;
  const sourceFileId = await recordFile(
    trx,
    run,
    { ...file, status: 'INGESTED', detail },
    { level: 'INFO', message: `${file.name}: INGESTED, ${file.rows} rows; ${detail}` },
  );
  await trx('settlements')
    .where({ connectorId, unit: file.name, pendingSha256: file.sha256 })
    .update({ ingestedSha256: file.sha256, pendingSha256: null, sourceFileId });
  return { added, removed, kept };
}
