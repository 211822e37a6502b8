import type { Knex } from 'knex';

// BANK_SFTP now writes each settlement row once, in its file's transaction
// (issue #12, bench:files; domains/settlements/staging.ts):
//
// - fillfactor back to the default: the half-empty pages were room for the
//   HOT update that switched a file's rows visible, and that update is gone.
//   Full pages are half the heap to write and to read.
// - run_id and source_file_id lose their foreign keys. A row-level RI check
//   per row per key is most of what a bulk insert costs past the indexes
//   (measured: a 100,000-row file's insert 2.6 s of backend CPU with the three
//   keys, 1.6 s with the connector's alone). These two columns record where a
//   row came from; their integrity holds without the check: both are written
//   only by the run itself, with its own id and the ledger row it inserted in
//   the same transaction; and runs and ledger rows are deleted only with their
//   connector (ON DELETE CASCADE), whose deletion also sets the rows'
//   connector_id NULL through the kept key, marking them as a deleted
//   connector's. Their run_id / source_file_id then name a row that is gone;
//   identity ids are never reused, so they never name another one, and the
//   API resolves them to null (Settlement.run, Settlement.sourceFile), as the
//   SET NULL did. connector_id keeps its key: it is what a settlement belongs to.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE settlements RESET (fillfactor);
    ALTER TABLE settlements DROP CONSTRAINT settlements_run_id_fkey;
    ALTER TABLE settlements DROP CONSTRAINT settlements_source_file_id_fkey;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    UPDATE settlements s SET run_id = NULL WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = s.run_id);
    UPDATE settlements s SET source_file_id = NULL
     WHERE NOT EXISTS (SELECT 1 FROM source_files f WHERE f.id = s.source_file_id);
    ALTER TABLE settlements ADD CONSTRAINT settlements_run_id_fkey
      FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE SET NULL;
    ALTER TABLE settlements ADD CONSTRAINT settlements_source_file_id_fkey
      FOREIGN KEY (source_file_id) REFERENCES source_files (id) ON DELETE SET NULL;
    ALTER TABLE settlements SET (fillfactor = 50);
  `);
}
