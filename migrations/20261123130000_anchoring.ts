import type { Knex } from 'knex';

// Verifiable credentials: Merkle-batched anchoring (signed root or chain
// transaction), each credential's proof, and its content-addressed PDF.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE anchor_batches (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      merkle_root text NOT NULL,
      leaf_count integer NOT NULL CHECK (leaf_count > 0),
      status text NOT NULL CHECK (status IN ('PENDING','SIGNED','ANCHORED','FAILED')),
      signature text,
      signer text,
      chain_id integer,
      tx_hash text,
      block_number bigint,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      last_error text,
      run_id bigint REFERENCES runs (id) ON DELETE SET NULL,
      anchored_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX anchor_batches_pending_idx ON anchor_batches (next_attempt_at)
      WHERE status = 'PENDING';

    ALTER TABLE credentials
      ADD COLUMN pdf_cid text,
      ADD COLUMN anchor_batch_id bigint REFERENCES anchor_batches (id),
      ADD COLUMN merkle_proof jsonb;
    CREATE INDEX credentials_unanchored_idx ON credentials (id) WHERE anchor_batch_id IS NULL;
    CREATE INDEX credentials_anchor_batch_idx ON credentials (anchor_batch_id);
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
