import type { Knex } from 'knex';

// Two-level anchoring trees, so a credential row is written once: each page's
// credentials form a group whose tree (and each credential's proof up to the
// group root) is built as the page is written; anchoring then builds one tree
// over the waiting groups' roots and updates only the group rows. Before this,
// anchoring rewrote every credential row of the batch to store its proof.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE anchor_groups (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      merkle_root text NOT NULL,
      leaf_count integer NOT NULL CHECK (leaf_count > 0),
      batch_id bigint REFERENCES anchor_batches (id),
      batch_proof jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((batch_id IS NULL) = (batch_proof IS NULL))
    );
    CREATE INDEX anchor_groups_waiting_idx ON anchor_groups (id) WHERE batch_id IS NULL;
    CREATE INDEX anchor_groups_batch_idx ON anchor_groups (batch_id);

    ALTER TABLE credentials ADD COLUMN anchor_group_id bigint REFERENCES anchor_groups (id);

    -- An existing batch becomes one group whose root is the batch root: its
    -- credentials' stored proofs already lead there, so the group adds nothing.
    INSERT INTO anchor_groups (merkle_root, leaf_count, batch_id, batch_proof, created_at)
      SELECT merkle_root, leaf_count, id, '[]'::jsonb, created_at FROM anchor_batches ORDER BY id;
    UPDATE credentials c SET anchor_group_id = g.id
      FROM anchor_groups g WHERE g.batch_id = c.anchor_batch_id;

    DROP INDEX credentials_unanchored_idx;
    DROP INDEX credentials_anchor_batch_idx;
    ALTER TABLE credentials DROP COLUMN anchor_batch_id;
    -- Credentials without a group (none are written so any more) are grouped by the next round.
    CREATE INDEX credentials_ungrouped_idx ON credentials (id) WHERE anchor_group_id IS NULL;
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
