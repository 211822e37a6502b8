/** BANK_API settings, as contract/providers.md lists them, plus timeoutMs and retry. */
import { z } from 'zod';
import { reconcileConfig } from '../../domains/reconciliation/config';
import { apiPath, fieldPath, headerName, httpBaseUrl, httpSettings, requireTls } from '../http';

/** Where each settlement field is found in a bank record (BANK_SFTP calls these columns). */
export const settlementFieldMap = z
  .object({
    bankReference: fieldPath.default('utr'),
    amount: fieldPath.default('amount'),
    valueDate: fieldPath.default('value_date'),
    txnId: fieldPath.default('txn_id'),
  })
  .strict();

export const bankApiConfig = z
  .object({
    baseUrl: httpBaseUrl,
    path: apiPath.default('/settlements'),
    syncDaysBack: z.number().int().min(0).max(365).default(1),
    tokenPath: apiPath.default('/oauth/token'),
    apiKeyHeader: headerName.default('X-API-Key'),
    fieldMap: settlementFieldMap.prefault({}),
    /** Reconcile each cycle date a run syncs against a gateway connector (issue #13). */
    reconcile: reconcileConfig.optional(),
    ...httpSettings,
  })
  .strict()
  .superRefine(requireTls);

export type BankApiConfig = z.infer<typeof bankApiConfig>;
