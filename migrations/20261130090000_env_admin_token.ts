import type { Knex } from 'knex';

// The environment's admin token becomes a row like any other API token
// (source 'env'), so it is listed and can be revoked; the service inserts it
// at start-up and a revoked one stays revoked until the variable changes.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE api_tokens
      ADD COLUMN source text NOT NULL DEFAULT 'api' CHECK (source IN ('api', 'env'));
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
