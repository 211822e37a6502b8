import type { Knex } from 'knex';

// One row per mutation asked for, written in the transaction of its change
// (or alone when it changed nothing). Append-only: the API has no way to
// change or remove a row; the hub itself only completes `outcome` and
// `target_id` of its own row when a mutation fails after its change committed.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      role text NOT NULL CHECK (role IN ('ADMIN', 'OPERATOR', 'VIEWER')),
      token_id bigint,
      action text NOT NULL,
      target_id text,
      input jsonb,
      outcome text NOT NULL CHECK (outcome IN ('OK', 'USER_ERROR', 'ERROR')),
      request_id text
    );
    CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);
    CREATE INDEX audit_log_actor_idx ON audit_log (actor, id DESC);
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
