import type { Knex } from 'knex';

// Events out (#14): webhooks (their signing secret sealed like connector
// secrets, AES-256-GCM bound to `webhook:<id>`) and one delivery per event per
// target (a webhook, or a sink such as Kafka). The deliveries table is the
// dispatcher's queue: a process leases the deliveries it sends (lease_owner,
// lease_until, renewed while it works), so several processes share the work
// and a lease left by a dead process runs out and another takes it over.
// outbox_events.fanned_out_at marks events whose deliveries exist.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE webhooks (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      url text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
      events text[] NOT NULL CHECK (cardinality(events) >= 1 AND events <@ ARRAY[
        'CREDENTIAL_ISSUED', 'CREDENTIAL_CLAIMED', 'RUN_COMPLETED', 'RUN_FAILED',
        'RECONCILIATION_COMPLETED'
      ]::text[]),
      active boolean NOT NULL DEFAULT true,
      -- The sealed signing secret; cleared when the webhook is deleted.
      secret_ciphertext bytea,
      secret_iv bytea CHECK (length(secret_iv) = 12),
      secret_tag bytea CHECK (length(secret_tag) = 16),
      secret_key_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      CHECK (deleted_at IS NOT NULL OR secret_ciphertext IS NOT NULL)
    );
    CREATE INDEX webhooks_live_idx ON webhooks (id) WHERE deleted_at IS NULL;

    CREATE TABLE deliveries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id bigint NOT NULL REFERENCES outbox_events (id) ON DELETE CASCADE,
      -- "webhook" (webhook_id set) or a sink's name such as "kafka:user-topic".
      sink text NOT NULL,
      webhook_id bigint REFERENCES webhooks (id) ON DELETE CASCADE,
      -- The event's key, copied: deliveries of one key go out in event order per target.
      key text,
      status text NOT NULL DEFAULT 'PENDING'
        CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'DEAD')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      last_error text,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      lease_owner text,
      lease_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((sink = 'webhook') = (webhook_id IS NOT NULL))
    ) WITH (fillfactor = 80);
    CREATE UNIQUE INDEX deliveries_target_key ON deliveries (event_id, sink, coalesce(webhook_id, 0));
    -- The queue: what is due, in event order; and each key's deliveries in order. Both
    -- partial, so a delivered row leaves them; room on each page (fillfactor) lets
    -- lease updates stay HOT. events(deliveryStatus) looks rows up by event_id.
    CREATE INDEX deliveries_pending_idx ON deliveries (event_id, id) WHERE status = 'PENDING';
    CREATE INDEX deliveries_pending_key_idx
      ON deliveries (sink, coalesce(webhook_id, 0), key, event_id) WHERE status = 'PENDING';
    CREATE INDEX deliveries_pending_sink_idx ON deliveries (sink, event_id)
      WHERE status = 'PENDING' AND webhook_id IS NULL;

    ALTER TABLE outbox_events ADD COLUMN fanned_out_at timestamptz;
    CREATE INDEX outbox_events_unfanned_idx ON outbox_events (id) WHERE fanned_out_at IS NULL;
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
