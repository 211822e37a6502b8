import type { Knex } from 'knex';

// Cancelled sync runs are neither successes nor failures: counted apart, so
// the success rate is over the runs that succeeded or failed. Existing
// connectors get the count of their cancelled sync runs so far.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE connectors ADD COLUMN cancelled_count integer NOT NULL DEFAULT 0;
    UPDATE connectors c SET cancelled_count = r.n
      FROM (SELECT connector_id, count(*)::int AS n FROM runs
             WHERE status = 'CANCELLED' AND type <> 'TEST' GROUP BY connector_id) r
     WHERE r.connector_id = c.id;
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
