/** ISSUER_API settings, as contract/providers.md lists them, plus timeoutMs and retry. */
import { z } from 'zod';
import { apiPath, fieldPath, headerName, httpBaseUrl, httpSettings, requireTls } from '../http';

export const issuerFieldMap = z
  .object({
    externalId: fieldPath.default('id'),
    learnerEmail: fieldPath.default('learner_email'),
    title: fieldPath.default('certificate_title'),
    issuedAt: fieldPath.default('issued_at'),
    completionDate: fieldPath.default('completion_date'),
    maxHours: fieldPath.default('max_hr'),
    pdfUrl: fieldPath.default('pdf_url'),
  })
  .strict();

export const issuerApiConfig = z
  .object({
    baseUrl: httpBaseUrl,
    /** Default: the connector's sourceEntity (see sourceDefaults). */
    issuerName: z.string().trim().min(1).max(200).optional(),
    /** Default: the connector's sourceEntity, lower-cased (see sourceDefaults). */
    providerId: z.string().trim().min(1).max(100).optional(),
    listPath: apiPath.default('/credentials'),
    tokenPath: apiPath.default('/auth/token'),
    /** null turns verification off. */
    verifyPath: apiPath
      .refine((path) => path.includes('{id}'), 'must contain {id}')
      .nullable()
      .default('/credentials/{id}/verify'),
    pageSize: z.number().int().min(1).max(1_000).default(100),
    maxHours: z.number().positive().max(100_000).default(1_000),
    apiKeyHeader: headerName.default('X-API-Key'),
    cursorField: fieldPath.default('updated_at'),
    fieldMap: issuerFieldMap.prefault({}),
    /** A certificate PDF on another origin than baseUrl's: fetched without credentials, or refused. */
    otherOriginFiles: z.enum(['ANONYMOUS', 'REFUSE']).default('ANONYMOUS'),
    ...httpSettings,
  })
  .strict()
  .superRefine(requireTls);

export type IssuerApiConfig = z.infer<typeof issuerApiConfig>;

/** The settings whose defaults come from the connector's sourceEntity, which the schema cannot see. */
export function issuerSourceDefaults(
  sourceEntity: string,
): Pick<IssuerApiConfig, 'issuerName' | 'providerId'> {
  return { issuerName: sourceEntity, providerId: sourceEntity.toLowerCase() };
}
