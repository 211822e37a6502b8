/** The shared HTTP client: what kinds and the sync engine import. */
export { HttpClient } from './client';
export {
  apiKeyAuth,
  basicAuth,
  noAuth,
  standardAuth,
  type RequestAuth,
  type StandardAuthOptions,
} from './request-auth';
export { parseBody, type JsonParser } from './response';
export {
  apiPath,
  fieldPath,
  headerName,
  httpBaseUrl,
  httpSettings,
  requireTls,
  type HttpConnectorConfig,
  type RetrySettings,
} from './settings';
export type { JsonResponse, OutgoingRequest, QueryParams } from './types';
