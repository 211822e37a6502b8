/** WOOCOMMERCE settings, as contract/providers.md lists them, plus timeoutMs and retry. */
import { z } from 'zod';
import { fieldPath, httpBaseUrl, httpSettings, requireTls } from '../http';

export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'COMPLETED', 'CANCELLED'] as const;

/** How WooCommerce's order statuses map to the hub's, unless a connector says otherwise. */
export const DEFAULT_STATUS_MAP: Readonly<Record<string, (typeof ORDER_STATUSES)[number]>> = {
  pending: 'PENDING',
  'on-hold': 'PENDING',
  processing: 'CONFIRMED',
  completed: 'COMPLETED',
  cancelled: 'CANCELLED',
  failed: 'CANCELLED',
  refunded: 'CANCELLED',
};

/** A WooCommerce status slug (plugins add their own, e.g. `wc-shipped` -> `shipped`). */
const wooStatus = z.string().regex(/^[a-z0-9_-]{1,50}$/, 'must be a lower-case status slug');

/** One custom field rule: copy a value from the Woo payload into the mapped record's `custom`. */
export const fieldMapping = z
  .object({
    entity: z.enum(['product', 'order']),
    /** Dotted path in the WooCommerce payload, e.g. `meta_data.0.value`. */
    source: fieldPath,
    /** Key under the mapped record's `custom` object. */
    target: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be an identifier'),
  })
  .strict();

export const wooCommerceConfig = z
  .object({
    baseUrl: httpBaseUrl,
    syncProducts: z.boolean().default(true),
    syncOrders: z.boolean().default(true),
    perPage: z.number().int().min(1).max(100).default(100),
    /** Entries given here override the defaults of the same status; the rest stay. */
    statusMap: z
      .record(wooStatus, z.enum(ORDER_STATUSES))
      .default({})
      .transform((overrides) => ({ ...DEFAULT_STATUS_MAP, ...overrides })),
    mappings: z.array(fieldMapping).max(100).default([]),
    ...httpSettings,
  })
  .strict()
  .superRefine(requireTls)
  .refine((config) => config.syncProducts || config.syncOrders, {
    message: 'at least one of syncProducts and syncOrders must be true',
    path: ['syncOrders'],
  });

export type WooCommerceConfig = z.infer<typeof wooCommerceConfig>;
