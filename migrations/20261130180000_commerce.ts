import type { Knex } from 'knex';

// WooCommerce (#15): products (a variation is a product with a parent), orders
// and their line items, mapped from a shop through the connector's rules; a
// REMAP run type (stored raw records mapped again, nothing fetched). Money is
// numeric: pg returns it as a string, never a float.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE runs DROP CONSTRAINT runs_type_check;
    ALTER TABLE runs ADD CONSTRAINT runs_type_check
      CHECK (type IN ('SCHEDULED','MANUAL','TEST','BACKFILL','RETRY','WEBHOOK','REMAP'));
    -- A REMAP run's choice of stored records: { entityType?, failedOnly?, email? }.
    ALTER TABLE runs ADD COLUMN remap_filter jsonb;
    -- registerLearner finds the shop orders that failed on an email (and REMAP reads them).
    CREATE INDEX external_references_failed_email_idx
      ON external_references (lower(raw #>> '{billing,email}'))
      WHERE status = 'FAILED' AND entity_type = 'order';

    CREATE TABLE products (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      connector_id bigint NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
      run_id bigint REFERENCES runs (id) ON DELETE SET NULL,
      external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
      -- A variation's variable product (its external id: the parent may be written
      -- in the same run, in a page still in flight).
      parent_external_id text CHECK (length(parent_external_id) BETWEEN 1 AND 200),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 1000),
      sku text CHECK (length(sku) BETWEEN 1 AND 200),
      price numeric,
      currency text CHECK (currency ~ '^[A-Z]{3}$'),
      in_stock boolean,
      stock_quantity integer,
      categories text[] NOT NULL DEFAULT '{}',
      product_type text CHECK (length(product_type) BETWEEN 1 AND 200),
      custom jsonb NOT NULL DEFAULT '{}',
      -- Hash of the mapped product: an unchanged re-read is a DUPLICATE, not an update.
      data_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (connector_id, external_id)
    );
    -- Order lines matched by SKU (case-insensitive).
    CREATE INDEX products_sku_idx ON products (connector_id, lower(sku)) WHERE sku IS NOT NULL;

    CREATE TABLE orders (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      connector_id bigint NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
      run_id bigint REFERENCES runs (id) ON DELETE SET NULL,
      external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
      number text,
      status text NOT NULL CHECK (status IN ('PENDING','CONFIRMED','COMPLETED','CANCELLED')),
      currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      subtotal numeric NOT NULL,
      tax numeric NOT NULL,
      total numeric NOT NULL,
      customer_email text NOT NULL,
      learner_id bigint NOT NULL REFERENCES learners (id),
      ordered_at timestamptz,
      custom jsonb NOT NULL DEFAULT '{}',
      data_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (connector_id, external_id)
    );
    CREATE INDEX orders_learner_idx ON orders (learner_id);

    CREATE TABLE order_items (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
      line_number integer NOT NULL CHECK (line_number >= 1),
      external_id text,
      product_id bigint NOT NULL REFERENCES products (id),
      name text,
      sku text,
      quantity integer NOT NULL,
      subtotal numeric,
      total numeric NOT NULL,
      UNIQUE (order_id, line_number)
    );
    CREATE INDEX order_items_product_idx ON order_items (product_id);
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
