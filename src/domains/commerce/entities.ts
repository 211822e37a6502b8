/**
 * A shop's product and order as the hub keeps them, mapped from the raw
 * payload by the connector's rules (rules.ts). Identity: the shop's id per
 * connector. Version: a hash of what is stored, so an unchanged re-read (or
 * re-map) is a DUPLICATE and a changed one an update.
 */
import { createHash } from 'node:crypto';
import { isLosslessNumber } from 'lossless-json';
import type { Normalized } from '../../pipeline/types';
import { parseDecimal } from '../payments/decimal';
import { applyRules, type MappingRule } from './rules';

export const PRODUCT_ENTITY = 'product';
export const ORDER_ENTITY = 'order';

/** The hub's order statuses (a statusMap maps WooCommerce's onto these). */
export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'COMPLETED', 'CANCELLED'] as const;

export interface ProductEntity {
  externalId: string;
  /** A variation's variable product. */
  parentExternalId: string | null;
  name: string;
  sku: string | null;
  price: string | null;
  currency: string | null;
  inStock: boolean | null;
  stockQuantity: number | null;
  categories: string[];
  productType: string | null;
  custom: Record<string, unknown>;
}

export interface OrderLine {
  line: number;
  externalId: string | null;
  /** The shop's product id, and its variation's (null when none). */
  productId: string | null;
  variationId: string | null;
  sku: string | null;
  name: string | null;
  quantity: number;
  subtotal: string | null;
  total: string;
  /** The hub's product row, once matched (the order pipeline's refine). */
  matchedProductId?: number;
}

export interface OrderEntity {
  externalId: string;
  number: string | null;
  status: (typeof ORDER_STATUSES)[number];
  currency: string;
  subtotal: string;
  tax: string;
  total: string;
  customerEmail: string;
  orderedAt: string | null;
  custom: Record<string, unknown>;
  items: OrderLine[];
  /** The learner matched by customerEmail, once matched (refine). */
  learnerId?: number;
}

/** The shop's id of a record: a positive integer in WooCommerce. */
export function idOf(value: unknown): string | null {
  const text = isLosslessNumber(value) ? String(value) : value;
  if (typeof text === 'number' && Number.isSafeInteger(text) && text > 0) return String(text);
  if (typeof text === 'string' && /^\d{1,19}$/.test(text) && !/^0+$/.test(text)) return text;
  return null;
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** A raw product (or variation, whose `parent_id` names its product) by the rules. */
export function mapProduct(
  raw: Record<string, unknown>,
  rules: readonly MappingRule[],
  defaultCurrency: string | null,
): Normalized<ProductEntity> {
  const externalId = idOf(raw.id);
  if (!externalId) {
    return {
      ok: false,
      externalId: null,
      reason: 'INVALID_RECORD',
      message: 'id is missing or not a positive integer',
    };
  }
  const mapped = applyRules('product', raw, rules);
  if (!mapped.ok)
    return { ok: false, externalId, reason: 'MAPPING_FAILED', message: mapped.message };
  const v = mapped.values;
  return {
    ok: true,
    externalId,
    record: {
      externalId,
      parentExternalId: idOf(raw.parent_id),
      name: v.name as string,
      sku: (v.sku as string | null) ?? null,
      price: (v.price as string | null) ?? null,
      currency: (v.currency as string | null) ?? defaultCurrency,
      inStock: (v.inStock as boolean | null) ?? null,
      stockQuantity: (v.stockQuantity as number | null) ?? null,
      categories: ((v.categories as unknown[] | null) ?? []).map(String),
      productType: (v.productType as string | null) ?? null,
      custom: v.custom,
    },
  };
}

/** A raw order by the rules; its line items read as WooCommerce sends them. */
export function mapOrder(
  raw: Record<string, unknown>,
  rules: readonly MappingRule[],
): Normalized<OrderEntity> {
  const externalId = idOf(raw.id);
  if (!externalId) {
    return {
      ok: false,
      externalId: null,
      reason: 'INVALID_RECORD',
      message: 'id is missing or not a positive integer',
    };
  }
  const failed = (message: string): Normalized<OrderEntity> => ({
    ok: false,
    externalId,
    reason: 'MAPPING_FAILED',
    message,
  });
  const mapped = applyRules('order', raw, rules);
  if (!mapped.ok) return failed(mapped.message);
  const v = mapped.values;
  const status = String(v.status);
  if (!(ORDER_STATUSES as readonly string[]).includes(status)) {
    return failed(
      `status ${String(raw.status)} maps to ${status}, not one of ${ORDER_STATUSES.join(', ')}`,
    );
  }
  if (!Array.isArray(raw.line_items)) return failed('line_items is not a list');
  const items: OrderLine[] = [];
  for (const [index, item] of (raw.line_items as unknown[]).entries()) {
    const line = index + 1;
    if (typeof item !== 'object' || item === null)
      return failed(`line item ${line} is not an object`);
    const it = item as Record<string, unknown>;
    const quantity = isLosslessNumber(it.quantity) ? Number(String(it.quantity)) : it.quantity;
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity)) {
      return failed(`line item ${line}: quantity is not an integer`);
    }
    const total = parseDecimal(it.total);
    if (!total.ok) return failed(`line item ${line}: total ${total.message}`);
    const subtotal =
      it.subtotal === undefined || it.subtotal === '' ? null : parseDecimal(it.subtotal);
    if (subtotal && !subtotal.ok) return failed(`line item ${line}: subtotal ${subtotal.message}`);
    const sku = typeof it.sku === 'string' && it.sku.trim() ? it.sku.trim() : null;
    items.push({
      line,
      externalId: idOf(it.id),
      productId: idOf(it.product_id),
      variationId: idOf(it.variation_id),
      sku,
      name: typeof it.name === 'string' ? it.name : null,
      quantity,
      subtotal: subtotal?.ok ? subtotal.value : null,
      total: total.value,
    });
  }
  return {
    ok: true,
    externalId,
    record: {
      externalId,
      number: (v.number as string | null) ?? null,
      status: status as OrderEntity['status'],
      currency: v.currency as string,
      subtotal: v.subtotal as string,
      tax: v.tax as string,
      total: v.total as string,
      customerEmail: v.customerEmail as string,
      orderedAt: (v.orderedAt as string | null) ?? null,
      custom: v.custom,
      items,
    },
  };
}

/** What an order's version covers: what is mapped, not what is matched. */
export function orderVersion(order: OrderEntity): string {
  return hashOf({
    ...order,
    learnerId: undefined,
    items: order.items.map((item) => ({ ...item, matchedProductId: undefined })),
  });
}
