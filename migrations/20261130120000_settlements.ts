import type { Knex } from 'knex';

// Bank settlements and the ledger of the files they came from (issue #12).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- One row per file per run that looked at it. PENDING is internal: a file
    -- whose pages are being written; it becomes INGESTED or REJECTED with its
    -- last page, and the API never lists it.
    CREATE TABLE source_files (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      connector_id bigint NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
      run_id bigint REFERENCES runs (id) ON DELETE SET NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$' OR sha256 = ''),
      size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
      rows integer NOT NULL DEFAULT 0 CHECK (rows >= 0),
      cycle_date date,
      status text NOT NULL CHECK (status IN ('INGESTED','UNCHANGED','REJECTED')),
      detail text CHECK (length(detail) <= 2000),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX source_files_connector_idx ON source_files (connector_id, id);
    -- "Same name and SHA-256 as a file already ingested" is one probe.
    CREATE INDEX source_files_ingested_idx ON source_files (connector_id, name, sha256)
      WHERE status = 'INGESTED';

    -- identity: (connector, unit, fingerprint, occurrence) as external_id,
    -- "<unit>|<fingerprint hash>|<occurrence>". A file's rows are written
    -- while it is read with pending_sha256 set to the file's SHA-256 and
    -- become visible (ingested_sha256) when its last page commits.
    CREATE TABLE settlements (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      connector_id bigint REFERENCES connectors (id) ON DELETE SET NULL,
      run_id bigint REFERENCES runs (id) ON DELETE SET NULL,
      external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 600),
      unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 255),
      bank_reference text NOT NULL CHECK (length(bank_reference) BETWEEN 1 AND 100),
      amount numeric NOT NULL,
      currency char(3) NOT NULL DEFAULT 'INR' CHECK (currency ~ '^[A-Z]{3}$'),
      value_date date NOT NULL,
      txn_id text CHECK (length(txn_id) <= 100),
      source_file_id bigint REFERENCES source_files (id) ON DELETE SET NULL,
      line_number integer CHECK (line_number > 0),
      pending_sha256 text,
      ingested_sha256 text,
      -- A row with a source id (PG_DATABASE): the version of what it holds.
      source_version text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX settlements_identity_key ON settlements (connector_id, external_id);
    -- Reconciliation's join: a connector's settlements of a value date by reference.
    CREATE INDEX settlements_recon_idx ON settlements (connector_id, value_date, bank_reference);
    CREATE INDEX settlements_txn_id_idx ON settlements (txn_id) WHERE txn_id IS NOT NULL;
    CREATE INDEX settlements_unit_idx ON settlements (connector_id, unit);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE settlements; DROP TABLE source_files;');
}
