import type { Knex } from 'knex';

// The sync engine's tables: per-stream cursors, skipped records, the external
// reference index that makes re-processing harmless, and the credential domain.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE sync_state (
      connector_id bigint NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
      stream text NOT NULL,
      cursor jsonb NOT NULL,
      run_id bigint REFERENCES runs (id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (connector_id, stream)
    );

    CREATE TABLE skipped_records (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      run_id bigint NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      connector_id bigint REFERENCES connectors (id) ON DELETE SET NULL,
      external_id text,
      reason text NOT NULL CHECK (reason IN ('DUPLICATE','VERIFICATION_FAILED','HOURS_EXCEEDED',
        'INVALID_RECORD','MAPPING_FAILED','ISSUER_NOT_FOUND','PROCESSING_FAILED')),
      message text NOT NULL,
      raw jsonb,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX skipped_records_run_idx ON skipped_records (run_id, reason, id);

    CREATE TABLE external_references (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      connector_id bigint REFERENCES connectors (id) ON DELETE SET NULL,
      entity_type text NOT NULL,
      external_id text NOT NULL,
      internal_id bigint,
      payload_hash text NOT NULL,
      raw jsonb NOT NULL,
      mapped jsonb NOT NULL,
      status text NOT NULL DEFAULT 'SYNCED',
      run_id bigint REFERENCES runs (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- A deleted connector's references stay, with connector_id null; they no longer collide.
    CREATE UNIQUE INDEX external_references_key
      ON external_references (connector_id, entity_type, external_id);

    CREATE TABLE issuers (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      provider_id text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX issuers_name_key ON issuers (lower(name));

    CREATE TABLE learners (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX learners_email_key ON learners (lower(email));

    CREATE TABLE credentials (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uid text NOT NULL UNIQUE,
      issuer_id bigint NOT NULL REFERENCES issuers (id),
      connector_id bigint REFERENCES connectors (id) ON DELETE SET NULL,
      run_id bigint REFERENCES runs (id) ON DELETE SET NULL,
      external_id text NOT NULL,
      learner_email text NOT NULL,
      learner_id bigint REFERENCES learners (id),
      title text NOT NULL,
      issued_at timestamptz NOT NULL,
      completion_date timestamptz,
      max_hours numeric,
      status text NOT NULL CHECK (status IN ('ISSUED','UNCLAIMED','REVOKED')),
      data_hash text NOT NULL,
      pdf_url text,
      metadata jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (issuer_id, external_id)
    );
    CREATE UNIQUE INDEX credentials_learner_title_key
      ON credentials (issuer_id, lower(learner_email), title);
    CREATE INDEX credentials_email_idx ON credentials (lower(learner_email));
    CREATE INDEX credentials_created_idx ON credentials (created_at DESC, id DESC);
    CREATE INDEX credentials_connector_idx ON credentials (connector_id);
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
