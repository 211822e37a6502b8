/** PG_API settings, as contract/providers.md lists them, plus timeoutMs and retry. */
import { z } from 'zod';
import { apiPath, fieldPath, headerName, httpBaseUrl, httpSettings, requireTls } from '../http';

export const pgApiFieldMap = z
  .object({
    txnId: fieldPath.default('txn_id'),
    merchantCode: fieldPath.default('merchant_code'),
    amount: fieldPath.default('amount'),
    currency: fieldPath.default('currency'),
    status: fieldPath.default('status'),
    txnDate: fieldPath.default('txn_date'),
    bankReference: fieldPath.default('bank_ref'),
    paymentMode: fieldPath.default('payment_mode'),
  })
  .strict();

/** A gateway merchant code, or ALL for every merchant the credentials see. */
const merchantCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -');

export const pgApiConfig = z
  .object({
    baseUrl: httpBaseUrl,
    path: apiPath.default('/txnData'),
    merchantCodes: z
      .array(merchantCode)
      .min(1)
      .max(500)
      .refine((codes) => new Set(codes).size === codes.length, 'must not repeat a code')
      .refine(
        (codes) => !codes.includes('ALL') || codes.length === 1,
        'ALL cannot be combined with other codes',
      )
      .default(['ALL']),
    syncDaysBack: z.number().int().min(0).max(365).default(1),
    pageSize: z.number().int().min(1).max(5_000).default(500),
    apiKeyHeader: headerName.default('X-API-Key'),
    fieldMap: pgApiFieldMap.prefault({}),
    ...httpSettings,
  })
  .strict()
  .superRefine(requireTls);

export type PgApiConfig = z.infer<typeof pgApiConfig>;
