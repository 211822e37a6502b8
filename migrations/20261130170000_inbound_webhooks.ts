import type { Knex } from 'knex';

// Inbound webhooks: a connector's signing secret (sealed like its connector
// secrets, the old one kept for a while after a rotation), the signatures
// already accepted (a replayed request is refused; rows older than the
// freshness window are pruned, since such requests are refused as stale
// anyway), and the records a request pushed, held for the WEBHOOK run that
// consumes them in the transaction that writes them.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE inbound_webhooks (
      connector_id bigint PRIMARY KEY REFERENCES connectors (id) ON DELETE CASCADE,
      ciphertext bytea NOT NULL,
      iv bytea NOT NULL CHECK (length(iv) = 12),
      tag bytea NOT NULL CHECK (length(tag) = 16),
      key_id text NOT NULL,
      secret_set_at timestamptz NOT NULL,
      previous_ciphertext bytea,
      previous_iv bytea CHECK (length(previous_iv) = 12),
      previous_tag bytea CHECK (length(previous_tag) = 16),
      previous_key_id text,
      previous_valid_until timestamptz,
      CHECK ((previous_ciphertext IS NULL) = (previous_valid_until IS NULL))
    );

    CREATE TABLE inbound_webhook_signatures (
      connector_id bigint NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
      signature text NOT NULL CHECK (signature ~ '^[0-9a-f]{64}$'),
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (connector_id, signature)
    );
    CREATE INDEX inbound_webhook_signatures_received_idx ON inbound_webhook_signatures (received_at);

    CREATE TABLE inbound_pushes (
      run_id bigint PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
      connector_id bigint NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
      stream text NOT NULL,
      records jsonb NOT NULL CHECK (jsonb_typeof(records) = 'array'),
      received_at timestamptz NOT NULL DEFAULT now()
    );
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
