import type { Knex } from 'knex';

// Connector secrets are now sealed with their connector id as AES-GCM
// additional authenticated data, so a sealed row copied onto another
// connector's does not open. Rows sealed before stay readable (bound =
// false) and are sealed again, bound, the first time the hub reads them.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE connector_secrets ADD COLUMN bound boolean NOT NULL DEFAULT false;
    ALTER TABLE connector_secrets ALTER COLUMN bound DROP DEFAULT;
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
