import type { Knex } from 'knex';

// Reconciliation (issue #13): a reconciliation is a run of job kind RECONCILE
// on the shared job queue (claim, heartbeat, reaping and cancellation as for
// syncs), with its cycle, pair, rules and result here.
//
// - runs.job_key: work of one kind that must not run twice at once names the
//   same key ('<cycle>|<pg id>|<bank id>' for a reconciliation); a partial
//   unique index allows one active run per (job kind, key). The one-active-
//   run-per-connector rule stays for syncs only: a bank connector may sync
//   while its cycles are reconciled, and several cycles may be reconciled.
// - reconciliations.current marks the stored result of a (cycle, pair):
//   a re-run switches it in the transaction that writes the new result, so a
//   reader sees the old result or the new. A dry run is never current and
//   expires after 7 days.
// - Matches and exceptions hold the ids of their records as arrays. A
//   one-to-one rule's matches are stored in batches (paired: true,
//   transaction_ids[k] matched settlement_ids[k]); a split is one row (paired:
//   false, all of them one match). A result of a million matches is a few
//   hundred rows, not a million: the result is written at join speed.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE runs DROP CONSTRAINT runs_job_kind_check;
    ALTER TABLE runs ADD CONSTRAINT runs_job_kind_check
      CHECK (job_kind IN ('SYNC', 'RECONCILE'));
    ALTER TABLE runs ADD COLUMN job_key text CHECK (length(job_key) <= 200);
    DROP INDEX runs_one_active_per_connector;
    CREATE UNIQUE INDEX runs_one_active_per_connector ON runs (connector_id)
      WHERE status IN ('QUEUED','RUNNING') AND type <> 'TEST' AND job_kind = 'SYNC';
    CREATE UNIQUE INDEX runs_one_active_per_job_key ON runs (job_kind, job_key)
      WHERE status IN ('QUEUED','RUNNING') AND job_key IS NOT NULL;

    CREATE TABLE reconciliations (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      run_id bigint NOT NULL UNIQUE REFERENCES runs (id) ON DELETE CASCADE,
      cycle_date date NOT NULL,
      pg_connector_id bigint NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
      bank_connector_id bigint NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
      amount_tolerance numeric NOT NULL DEFAULT 0 CHECK (amount_tolerance >= 0),
      amount_tolerance_percent double precision NOT NULL DEFAULT 0
        CHECK (amount_tolerance_percent >= 0 AND amount_tolerance_percent <= 100),
      date_window_days integer NOT NULL DEFAULT 1
        CHECK (date_window_days BETWEEN 0 AND 31),
      dry_run boolean NOT NULL DEFAULT false,
      current boolean NOT NULL DEFAULT false CHECK (NOT (current AND dry_run)),
      pg_count integer NOT NULL DEFAULT 0,
      bank_count integer NOT NULL DEFAULT 0,
      matched_count integer NOT NULL DEFAULT 0,
      exception_count integer NOT NULL DEFAULT 0,
      pg_amount numeric NOT NULL DEFAULT 0,
      bank_amount numeric NOT NULL DEFAULT 0,
      matched_amount numeric NOT NULL DEFAULT 0,
      -- [{status, count, amount}] and [{rule, count, amount}], amounts as text.
      by_status jsonb NOT NULL DEFAULT '[]',
      by_rule jsonb NOT NULL DEFAULT '[]',
      expires_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX reconciliations_current_key
      ON reconciliations (cycle_date, pg_connector_id, bank_connector_id) WHERE current;
    CREATE INDEX reconciliations_cycle_idx ON reconciliations (cycle_date, id DESC);
    CREATE INDEX reconciliations_expires_idx ON reconciliations (expires_at)
      WHERE expires_at IS NOT NULL;

    CREATE TABLE recon_matches (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      reconciliation_id bigint NOT NULL REFERENCES reconciliations (id) ON DELETE CASCADE,
      rule text NOT NULL
        CHECK (rule IN ('REFERENCE_EXACT','REFERENCE_TOLERANCE','TXN_ID','SPLIT')),
      paired boolean NOT NULL,
      transaction_ids bigint[] NOT NULL,
      settlement_ids bigint[] NOT NULL,
      CHECK (NOT paired OR cardinality(transaction_ids) = cardinality(settlement_ids)),
      pg_amount numeric NOT NULL,
      bank_amount numeric NOT NULL
    );
    CREATE INDEX recon_matches_reconciliation_idx ON recon_matches (reconciliation_id);
    -- Batches of ids hardly compress, and pglz trying costs more than storing them.
    ALTER TABLE recon_matches ALTER COLUMN transaction_ids SET STORAGE EXTERNAL,
      ALTER COLUMN settlement_ids SET STORAGE EXTERNAL;

    CREATE TABLE recon_exceptions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      reconciliation_id bigint NOT NULL REFERENCES reconciliations (id) ON DELETE CASCADE,
      status text NOT NULL
        CHECK (status IN ('AMOUNT_MISMATCH','MISSING_IN_BANK','MISSING_IN_PG','DUPLICATE')),
      transaction_ids bigint[] NOT NULL,
      settlement_ids bigint[] NOT NULL,
      pg_transaction_id text,
      bank_reference text,
      pg_amount numeric,
      bank_amount numeric,
      difference numeric,
      detail text,
      -- status and the sorted record ids: the same exception in a re-run keeps its resolution.
      signature text NOT NULL,
      resolved_by text,
      resolved_at timestamptz,
      resolution_note text CHECK (length(resolution_note) <= 2000)
    );
    CREATE INDEX recon_exceptions_list_idx ON recon_exceptions (reconciliation_id, id);
    CREATE INDEX recon_exceptions_signature_idx ON recon_exceptions (reconciliation_id, signature)
      WHERE resolved_at IS NOT NULL;
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
