import type { Knex } from 'knex';

// external_references.run_id loses its foreign key, as settlements.run_id did
// (20261201120000_settlements_write_once): a row-level RI check per reference
// written is a large part of what a page's references cost Postgres (a
// 100,000-row settlement file: ~0.7 s of backend CPU), and the column's
// integrity holds without it. Only a run writes it, with its own id (a sync,
// a remap, a pushed batch); runs are deleted only with their connector (ON
// DELETE CASCADE), and then the references keep their rows with connector_id
// NULL through the kept key. Their run_id then names a run that is gone;
// identity ids are never reused, so it never names another, and the API
// resolves it to null (ExternalRecord.run), as the SET NULL did.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE external_references DROP CONSTRAINT external_references_run_id_fkey`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    UPDATE external_references r SET run_id = NULL
     WHERE run_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM runs WHERE runs.id = r.run_id);
    ALTER TABLE external_references ADD CONSTRAINT external_references_run_id_fkey
      FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE SET NULL;
  `);
}
