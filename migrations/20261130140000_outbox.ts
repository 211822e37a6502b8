import type { Knex } from 'knex';

// The transactional outbox: one row per event, written in the transaction of
// the change it reports, so a rolled-back change leaves no event and a
// committed one always has its event. The id orders events (per key, the
// order they must be delivered in); deliveries to webhooks and sinks are
// kept by the events work that sends them.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE outbox_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      type text NOT NULL CHECK (type IN (
        'CREDENTIAL_ISSUED', 'CREDENTIAL_CLAIMED', 'RUN_COMPLETED', 'RUN_FAILED',
        'RECONCILIATION_COMPLETED'
      )),
      key text,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX outbox_events_type_idx ON outbox_events (type, id DESC);
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
