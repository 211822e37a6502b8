import type { Knex } from 'knex';

// A file's settlements become visible when its last page commits: one UPDATE
// of every row of the file (pending_sha256 -> ingested_sha256, source_file_id).
// None of those columns is indexed, so with room left on each heap page the
// update is HOT (no index entry rewritten): measured, it is most of the switch's
// time on a 100,000-row file otherwise (issue #12, bench:files).
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE settlements SET (fillfactor = 50)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE settlements RESET (fillfactor)');
}
