import type { Knex } from 'knex';

// Connectors, their encrypted secrets, API tokens, and runs with their logs.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE connectors (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN
        ('ISSUER_API','PG_API','BANK_SFTP','BANK_API','PG_DATABASE','WOOCOMMERCE')),
      source_entity text NOT NULL CHECK (length(source_entity) BETWEEN 1 AND 200),
      status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','PAUSED','FAILED','TESTING')),
      auth_type text NOT NULL CHECK (auth_type IN ('NONE','API_KEY','BASIC','JWT',
        'OAUTH2_CLIENT_CREDENTIALS','SSH_PASSWORD','SSH_KEY','IP_WHITELIST')),
      config jsonb NOT NULL,
      schedule_enabled boolean NOT NULL DEFAULT false,
      schedule_cron text,
      schedule_timezone text NOT NULL DEFAULT 'UTC',
      total_runs integer NOT NULL DEFAULT 0,
      success_count integer NOT NULL DEFAULT 0,
      failure_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX connectors_name_key ON connectors (lower(name));
    CREATE INDEX connectors_created_idx ON connectors (created_at DESC, id DESC);

    CREATE TABLE connector_secrets (
      connector_id bigint PRIMARY KEY REFERENCES connectors (id) ON DELETE CASCADE,
      ciphertext bytea NOT NULL,
      iv bytea NOT NULL CHECK (length(iv) = 12),
      tag bytea NOT NULL CHECK (length(tag) = 16),
      key_id text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE api_tokens (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      role text NOT NULL CHECK (role IN ('ADMIN','OPERATOR','VIEWER')),
      token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    CREATE TABLE runs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      connector_id bigint NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
      type text NOT NULL CHECK (type IN ('SCHEDULED','MANUAL','TEST','BACKFILL','RETRY','WEBHOOK')),
      status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN
        ('QUEUED','RUNNING','SUCCESS','PARTIAL_SUCCESS','FAILED','CANCELLED')),
      phase text NOT NULL DEFAULT 'QUEUED' CHECK (phase IN ('QUEUED','AUTHENTICATING','FETCHING',
        'PROCESSING','ANCHORING','FINALIZING','DONE')),
      attempt integer NOT NULL DEFAULT 1 CHECK (attempt >= 1),
      retry_of bigint REFERENCES runs (id) ON DELETE SET NULL,
      window_from timestamptz,
      window_to timestamptz,
      scheduled_for timestamptz,
      records_total integer,
      records_fetched integer NOT NULL DEFAULT 0,
      records_created integer NOT NULL DEFAULT 0,
      records_updated integer NOT NULL DEFAULT 0,
      records_skipped integer NOT NULL DEFAULT 0,
      records_failed integer NOT NULL DEFAULT 0,
      pages_fetched integer NOT NULL DEFAULT 0,
      error_message text,
      triggered_by text NOT NULL,
      instance_id text,
      heartbeat_at timestamptz,
      cancel_requested boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      completed_at timestamptz,
      UNIQUE (connector_id, scheduled_for)
    );
    -- One active sync per connector. TEST runs are short, inline checks and
    -- may overlap a sync.
    CREATE UNIQUE INDEX runs_one_active_per_connector ON runs (connector_id)
      WHERE status IN ('QUEUED','RUNNING') AND type <> 'TEST';
    CREATE INDEX runs_connector_created_idx ON runs (connector_id, created_at DESC, id DESC);
    CREATE INDEX runs_created_idx ON runs (created_at DESC, id DESC);
    CREATE INDEX runs_queued_idx ON runs (created_at, id) WHERE status = 'QUEUED';

    CREATE TABLE run_logs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      run_id bigint NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT now(),
      level text NOT NULL CHECK (level IN ('DEBUG','INFO','WARN','ERROR')),
      message text NOT NULL,
      external_id text,
      data jsonb
    );
    CREATE INDEX run_logs_run_idx ON run_logs (run_id, id);
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
