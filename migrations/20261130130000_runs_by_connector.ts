import type { Knex } from 'knex';

// A connector's runs newest first by id (Connector.runs, lastRun): the page of
// each connector in the batched LATERAL query, and DISTINCT ON for the last
// run, read this index and stop after a few rows however long the history.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX runs_connector_id_idx ON runs (connector_id, id DESC)`);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
