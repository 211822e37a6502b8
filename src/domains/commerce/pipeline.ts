/**
 * Products and orders as entity pipelines (src/pipeline/types.ts). Mapping
 * is the connector's rules (rules.ts); an order is written only whole: its
 * customer matched by email against the hub's learners, every line matched
 * to a product (the shop's product or variation id through external
 * references, else the SKU). An order that does not match is not written at
 * all: it is kept raw as FAILED with reason MAPPING_FAILED and an error
 * naming what did not match, and a REMAP run takes it up again.
 */
import { stringify } from 'lossless-json';
import type { EntityPipeline, Normalized } from '../../pipeline/types';
import type { SkippedRecord } from '../../pipeline/page-outcome';
import {
  hashOf,
  mapOrder,
  mapProduct,
  ORDER_ENTITY,
  orderVersion,
  PRODUCT_ENTITY,
  type OrderEntity,
  type ProductEntity,
} from './entities';
import { rulesFor, type MappingRule } from './rules';
import {
  learnersByEmail,
  productsByExternalId,
  productsBySku,
  storedHashes,
  writeOrders,
  writeProducts,
} from './store';

/** A shop connector's mapping settings, bound per connector. */
export interface CommerceOptions {
  mappings: readonly MappingRule[];
  statusMap: Record<string, string>;
  /** The shop's currency, for products (WooCommerce's product payload has none). */
  currency: string | null;
}

interface Scope<E> {
  connectorId: number;
  db: import('knex').Knex;
  normalize(raw: Record<string, unknown>): Normalized<E>;
}

/** Shop payloads are parsed losslessly: prices and totals keep every digit. */
const rawText = (raw: Record<string, unknown>) => stringify(raw) ?? '{}';

export const productPipeline: EntityPipeline<
  CommerceOptions,
  Scope<ProductEntity>,
  ProductEntity
> = {
  entityType: PRODUCT_ENTITY,
  async open(run, options) {
    const rules = rulesFor('product', options.mappings, options.statusMap);
    return {
      connectorId: run.connectorId,
      db: run.db,
      normalize: (raw) => mapProduct(raw, rules, options.currency),
    };
  },
  map(raw, scope) {
    const result = scope.normalize(raw);
    return result.ok ? { ok: true, entity: result.record } : result;
  },
  identity: (product) => product.externalId,
  keys: [],
  version: (product) => hashOf(product),
  async lookup(db, scope, products) {
    const rows = await storedHashes(
      db,
      'products',
      scope.connectorId,
      products.map((p) => p.externalId),
    );
    return rows.map((row) => ({ externalId: row.externalId, version: row.dataHash, keys: [] }));
  },
  async write(trx, scope, candidates, origin) {
    const rows = await writeProducts(
      trx,
      { connectorId: origin.connectorId ?? scope.connectorId, runId: origin.runId },
      candidates,
    );
    return { rows };
  },
  rawText,
};

export const orderPipeline: EntityPipeline<CommerceOptions, Scope<OrderEntity>, OrderEntity> = {
  entityType: ORDER_ENTITY,
  async open(run, options) {
    const rules = rulesFor('order', options.mappings, options.statusMap);
    return { connectorId: run.connectorId, db: run.db, normalize: (raw) => mapOrder(raw, rules) };
  },
  map(raw, scope) {
    const result = scope.normalize(raw);
    return result.ok ? { ok: true, entity: result.record } : result;
  },
  identity: (order) => order.externalId,
  keys: [],
  version: (order) => orderVersion(order),
  async lookup(db, scope, orders) {
    const rows = await storedHashes(
      db,
      'orders',
      scope.connectorId,
      orders.map((o) => o.externalId),
    );
    return rows.map((row) => ({ externalId: row.externalId, version: row.dataHash, keys: [] }));
  },

  /**
   * The page's customers and products, matched in three statements (learners
   * by email, products by shop id through external references, by SKU); an
   * order with anything unmatched is skipped as MAPPING_FAILED, whole.
   */
  async refine(scope, candidates) {
    const orders = candidates.map((c) => c.entity);
    const lines = orders.flatMap((o) => o.items);
    const [learners, byId, bySku] = await Promise.all([
      learnersByEmail(
        scope.db,
        orders.map((o) => o.customerEmail.toLowerCase()),
      ),
      productsByExternalId(
        scope.db,
        scope.connectorId,
        lines.flatMap((l) => [l.variationId ?? l.productId].filter((id): id is string => !!id)),
      ),
      productsBySku(
        scope.db,
        scope.connectorId,
        lines.flatMap((l) => (l.sku ? [l.sku] : [])),
      ),
    ]);
    const kept: typeof candidates = [];
    const skipped: SkippedRecord[] = [];
    for (const candidate of candidates) {
      const order = candidate.entity;
      const problems: string[] = [];
      const learnerId = learners.get(order.customerEmail.toLowerCase());
      if (learnerId === undefined)
        problems.push(`billing.email ${order.customerEmail} has no account`);
      const items = order.items.map((item) => {
        const shopId = item.variationId ?? item.productId;
        const matched =
          (shopId ? byId.get(shopId) : undefined) ??
          (item.sku ? bySku.get(item.sku.toLowerCase()) : undefined);
        if (matched === undefined) {
          const what = [shopId ? `product ${shopId}` : null, item.sku ? `SKU ${item.sku}` : null]
            .filter(Boolean)
            .join(' / ');
          problems.push(`line item ${item.line}: ${what || 'no product id or SKU'} unknown`);
        }
        return { ...item, matchedProductId: matched };
      });
      if (problems.length > 0) {
        skipped.push({
          externalId: candidate.externalId,
          reason: 'MAPPING_FAILED',
          message: problems.join('; '),
          raw: candidate.raw,
        });
      } else {
        kept.push({ ...candidate, entity: { ...order, learnerId, items } });
      }
    }
    return { kept, skipped, logs: [] };
  },

  async write(trx, scope, candidates, origin) {
    const rows = await writeOrders(
      trx,
      { connectorId: origin.connectorId ?? scope.connectorId, runId: origin.runId },
      candidates,
    );
    return { rows };
  },
  rawText,
};
