import type { Knex } from 'knex';

// Payment-gateway transactions (PG_API, later PG_DATABASE), and what the
// records list needs of external_references: FAILED rows with their reason.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE transactions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      connector_id bigint NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
      run_id bigint REFERENCES runs (id) ON DELETE SET NULL,
      txn_id text NOT NULL CHECK (length(txn_id) BETWEEN 1 AND 200),
      -- Exact: pg returns numeric as a string, never a float.
      amount numeric NOT NULL,
      currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      -- The gateway's status, upper-cased (SUCCESS, FAILED, ...): gateways differ, so no fixed list.
      status text NOT NULL CHECK (length(status) BETWEEN 1 AND 50 AND status = upper(status)),
      txn_date timestamptz NOT NULL,
      -- txn_date's calendar date in the connector's time zone: the reconciliation cycle.
      cycle_date date NOT NULL,
      bank_reference text,
      merchant_code text,
      payment_mode text,
      -- Hash of the mapped record: an unchanged re-read is a DUPLICATE, not an update.
      data_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (connector_id, txn_id)
    );
    -- Reconciliation (and the transactions filter) reads a connector's cycle, and joins
    -- the bank side on bank_reference within it.
    CREATE INDEX transactions_cycle_idx ON transactions (connector_id, cycle_date, id);
    CREATE INDEX transactions_cycle_bank_ref_idx
      ON transactions (connector_id, cycle_date, bank_reference)
      WHERE bank_reference IS NOT NULL;
    CREATE INDEX transactions_bank_ref_idx ON transactions (bank_reference)
      WHERE bank_reference IS NOT NULL;
    CREATE INDEX transactions_txn_id_idx ON transactions (txn_id);
    CREATE INDEX transactions_status_idx ON transactions (status, id);
    CREATE INDEX transactions_merchant_idx ON transactions (merchant_code, id);

    -- A record kept raw because it could not be mapped has no mapped payload, and says why.
    ALTER TABLE external_references ALTER COLUMN mapped DROP NOT NULL;
    ALTER TABLE external_references ADD COLUMN reason text
      CHECK (reason IN ('DUPLICATE','VERIFICATION_FAILED','HOURS_EXCEEDED',
        'INVALID_RECORD','MAPPING_FAILED','ISSUER_NOT_FOUND','PROCESSING_FAILED'));
    ALTER TABLE external_references ADD COLUMN error text;
    -- The records list: one connector's references of a kind and status, newest first.
    CREATE INDEX external_references_list_idx
      ON external_references (connector_id, entity_type, status, id);
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
