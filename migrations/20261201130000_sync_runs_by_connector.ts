import type { Knex } from 'knex';

// A connector's runs as its API lists them (Connector.runs, lastRun, their
// counts) are its SYNC runs: a reconciliation is a RECONCILE run of its bank
// connector but no sync of it. This partial index replaces
// runs_connector_id_idx for those reads (newest first by id, stopping after a
// few rows; a count reads the index alone), and skips reconciliations.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX runs_connector_sync_idx ON runs (connector_id, id DESC) WHERE job_kind = 'SYNC';
    DROP INDEX runs_connector_id_idx;
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
