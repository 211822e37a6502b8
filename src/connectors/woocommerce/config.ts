/** WOOCOMMERCE settings, as contract/providers.md lists them, plus timeoutMs and retry. */
import { z } from 'zod';
import { code as currencyCode } from 'currency-codes';
import { ORDER_STATUSES } from '../../domains/commerce/entities';
import { checkRules, mappingRule } from '../../domains/commerce/rules';
import { httpBaseUrl, httpSettings, requireTls } from '../http';

export { ORDER_STATUSES };

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
    /** Rules over the default templates (src/domains/commerce/rules.ts), checked as a whole below. */
    mappings: z.array(mappingRule).max(100).default([]),
    /** The shop's currency (ISO 4217), for products: WooCommerce's product payload has none. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an upper-case ISO 4217 code')
      .refine((value) => currencyCode(value) !== undefined, 'is not an ISO 4217 currency code')
      .nullable()
      .default(null),
    ...httpSettings,
  })
  .strict()
  .superRefine(requireTls)
  .superRefine((config, ctx) => checkRules(config.mappings, ctx))
  .refine((config) => config.syncProducts || config.syncOrders, {
    message: 'at least one of syncProducts and syncOrders must be true',
    path: ['syncOrders'],
  });

export type WooCommerceConfig = z.infer<typeof wooCommerceConfig>;
