/**
 * Products, orders and order lines against the database: a page's look-ups
 * and writes, one statement each (arrays bound through unnest).
 */
import type { Knex } from 'knex';
import { CONNECTOR_KEYS, connectorKeys } from '../../db/connector-keys';
import type { WrittenRow } from '../../pipeline/types';
import { PRODUCT_ENTITY, type OrderEntity, type ProductEntity } from './entities';

type Db = Knex | Knex.Transaction;

/** data_hash of the stored rows of these external ids. */
export async function storedHashes(
  db: Db,
  table: 'products' | 'orders',
  connectorId: number,
  externalIds: string[],
): Promise<{ externalId: string; dataHash: string }[]> {
  if (externalIds.length === 0) return [];
  const { rows } = await db.raw<{ rows: { externalId: string; dataHash: string }[] }>(
    `SELECT t.external_id AS "externalId", t.data_hash AS "dataHash"
       FROM ${CONNECTOR_KEYS} AS k(external_id, connector_id)
       CROSS JOIN LATERAL (SELECT external_id, data_hash FROM ${table}
                            WHERE connector_id = k.connector_id AND external_id = k.external_id
                            LIMIT 1) t`,
    connectorKeys(externalIds, connectorId),
  );
  return rows;
}

export async function writeProducts(
  trx: Knex.Transaction,
  origin: { connectorId: number; runId: number | null },
  candidates: { entity: ProductEntity; version: string }[],
): Promise<WrittenRow[]> {
  if (candidates.length === 0) return [];
  const p = candidates.map((c) => c.entity);
  const { rows } = await trx.raw<{ rows: WrittenRow[] }>(
    `INSERT INTO products
       (connector_id, run_id, updated_at, external_id, parent_external_id, name, sku, price,
        currency, in_stock, stock_quantity, categories, product_type, custom, data_hash)
     SELECT ?, ?, now(), u.external_id, u.parent_external_id, u.name, u.sku, u.price, u.currency,
            u.in_stock, u.stock_quantity, ARRAY(SELECT jsonb_array_elements_text(u.categories)),
            u.product_type, u.custom, u.data_hash
       FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[],
                   ?::boolean[], ?::integer[], ?::jsonb[], ?::text[], ?::jsonb[], ?::text[])
         AS u(external_id, parent_external_id, name, sku, price, currency, in_stock,
              stock_quantity, categories, product_type, custom, data_hash)
     ON CONFLICT (connector_id, external_id) DO UPDATE SET
       run_id = excluded.run_id, parent_external_id = excluded.parent_external_id,
       name = excluded.name, sku = excluded.sku, price = excluded.price,
       currency = excluded.currency, in_stock = excluded.in_stock,
       stock_quantity = excluded.stock_quantity, categories = excluded.categories,
       product_type = excluded.product_type, custom = excluded.custom,
       data_hash = excluded.data_hash, updated_at = excluded.updated_at
     RETURNING external_id AS "externalId", id AS "internalId", (xmax = 0) AS inserted`,
    [
      origin.connectorId,
      origin.runId,
      p.map((x) => x.externalId),
      p.map((x) => x.parentExternalId),
      p.map((x) => x.name),
      p.map((x) => x.sku),
      p.map((x) => x.price),
      p.map((x) => x.currency),
      p.map((x) => x.inStock),
      p.map((x) => x.stockQuantity),
      p.map((x) => JSON.stringify(x.categories)),
      p.map((x) => x.productType),
      p.map((x) => JSON.stringify(x.custom)),
      candidates.map((c) => c.version),
    ] as unknown as Knex.RawBinding[],
  );
  return rows;
}

/** The learners of these (lower-cased) emails: email -> id. */
export async function learnersByEmail(db: Db, emails: string[]): Promise<Map<string, number>> {
  if (emails.length === 0) return new Map();
  const { rows } = await db.raw<{ rows: { email: string; id: number }[] }>(
    `SELECT lower(email) AS email, id FROM learners WHERE lower(email) = ANY(?::text[])`,
    [[...new Set(emails)]],
  );
  return new Map(rows.map((row) => [row.email, Number(row.id)]));
}

/** The connector's mapped products by shop id, through external references. */
export async function productsByExternalId(
  db: Db,
  connectorId: number,
  externalIds: string[],
): Promise<Map<string, number>> {
  if (externalIds.length === 0) return new Map();
  const { rows } = await db.raw<{ rows: { externalId: string; id: number }[] }>(
    `SELECT r.external_id AS "externalId", r.internal_id AS id
       FROM ${CONNECTOR_KEYS} AS k(external_id, connector_id)
       CROSS JOIN LATERAL (SELECT external_id, internal_id FROM external_references
                            WHERE connector_id = k.connector_id AND entity_type = ?
                              AND external_id = k.external_id AND status = 'SYNCED'
                              AND internal_id IS NOT NULL
                            LIMIT 1) r`,
    [...connectorKeys(externalIds, connectorId), PRODUCT_ENTITY],
  );
  return new Map(rows.map((row) => [row.externalId, Number(row.id)]));
}

/** The connector's products by SKU (case-insensitive; the oldest when several share one). */
export async function productsBySku(
  db: Db,
  connectorId: number,
  skus: string[],
): Promise<Map<string, number>> {
  if (skus.length === 0) return new Map();
  const { rows } = await db.raw<{ rows: { sku: string; id: number }[] }>(
    `SELECT k.external_id AS sku, p.id
       FROM ${CONNECTOR_KEYS} AS k(external_id, connector_id)
       CROSS JOIN LATERAL (SELECT id FROM products
                            WHERE connector_id = k.connector_id AND sku IS NOT NULL
                              AND lower(sku) = k.external_id
                            ORDER BY id LIMIT 1) p`,
    connectorKeys(
      skus.map((s) => s.toLowerCase()),
      connectorId,
    ),
  );
  return new Map(rows.map((row) => [row.sku, Number(row.id)]));
}

/** Orders upserted, their lines replaced: three statements for the page. */
export async function writeOrders(
  trx: Knex.Transaction,
  origin: { connectorId: number; runId: number | null },
  candidates: { entity: OrderEntity; version: string }[],
): Promise<WrittenRow[]> {
  if (candidates.length === 0) return [];
  const o = candidates.map((c) => c.entity);
  const { rows } = await trx.raw<{ rows: WrittenRow[] }>(
    `INSERT INTO orders
       (connector_id, run_id, updated_at, external_id, number, status, currency, subtotal, tax,
        total, customer_email, learner_id, ordered_at, custom, data_hash)
     SELECT ?, ?, now(), u.external_id, u.number, u.status, u.currency, u.subtotal, u.tax,
            u.total, u.customer_email, u.learner_id, u.ordered_at, u.custom, u.data_hash
       FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::numeric[],
                   ?::numeric[], ?::text[], ?::bigint[], ?::timestamptz[], ?::jsonb[], ?::text[])
         AS u(external_id, number, status, currency, subtotal, tax, total, customer_email,
              learner_id, ordered_at, custom, data_hash)
     ON CONFLICT (connector_id, external_id) DO UPDATE SET
       run_id = excluded.run_id, number = excluded.number, status = excluded.status,
       currency = excluded.currency, subtotal = excluded.subtotal, tax = excluded.tax,
       total = excluded.total, customer_email = excluded.customer_email,
       learner_id = excluded.learner_id, ordered_at = excluded.ordered_at,
       custom = excluded.custom, data_hash = excluded.data_hash, updated_at = excluded.updated_at
     RETURNING external_id AS "externalId", id AS "internalId", (xmax = 0) AS inserted`,
    [
      origin.connectorId,
      origin.runId,
      o.map((x) => x.externalId),
      o.map((x) => x.number),
      o.map((x) => x.status),
      o.map((x) => x.currency),
      o.map((x) => x.subtotal),
      o.map((x) => x.tax),
      o.map((x) => x.total),
      o.map((x) => x.customerEmail),
      o.map((x) => x.learnerId ?? null),
      o.map((x) => x.orderedAt),
      o.map((x) => JSON.stringify(x.custom)),
      candidates.map((c) => c.version),
    ] as unknown as Knex.RawBinding[],
  );
  const idOf = new Map(rows.map((row) => [row.externalId, row.internalId]));
  await trx.raw(`DELETE FROM order_items WHERE order_id = ANY(?::bigint[])`, [
    rows.map((row) => row.internalId),
  ]);
  const lines = o.flatMap((order) =>
    order.items.map((item) => ({ orderId: idOf.get(order.externalId)!, item })),
  );
  if (lines.length > 0) {
    await trx.raw(
      `INSERT INTO order_items
         (order_id, line_number, external_id, product_id, name, sku, quantity, subtotal, total)
       SELECT * FROM unnest(?::bigint[], ?::integer[], ?::text[], ?::bigint[], ?::text[],
                            ?::text[], ?::integer[], ?::numeric[], ?::numeric[])`,
      [
        lines.map((l) => l.orderId),
        lines.map((l) => l.item.line),
        lines.map((l) => l.item.externalId),
        lines.map((l) => l.item.matchedProductId ?? null),
        lines.map((l) => l.item.name),
        lines.map((l) => l.item.sku),
        lines.map((l) => l.item.quantity),
        lines.map((l) => l.item.subtotal),
        lines.map((l) => l.item.total),
      ] as unknown as Knex.RawBinding[],
    );
  }
  return rows.map((row) => ({ ...row, internalId: Number(row.internalId) }));
}
