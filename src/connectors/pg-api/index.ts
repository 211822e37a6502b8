/** PG_API: payment-gateway transactions (SabPaisa-style). */
import { credentialsSchemasFor } from '../auth';
import { HttpClient, parseBody, standardAuth } from '../http';
import type { AuthType, ConnectorDefinition } from '../types';
import { pgApiConfig, type PgApiConfig } from './config';
import { transactionPage } from './responses';
import { transactionStream } from './sync';

const AUTH_TYPES = ['NONE', 'IP_WHITELIST', 'API_KEY', 'BASIC'] as const satisfies AuthType[];

/** YYYY-MM-DD of an instant, in UTC. */
function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export const pgApi: ConnectorDefinition<PgApiConfig> = {
  kind: 'PG_API',
  configSchema: pgApiConfig,
  authTypes: AUTH_TYPES,
  credentialsSchemas: credentialsSchemasFor(AUTH_TYPES),
  streams: [transactionStream],

  /** One page of today's transactions for the first merchant, its shape checked. */
  async test(ctx) {
    const { config } = ctx;
    const auth = standardAuth(ctx, { apiKeyHeader: config.apiKeyHeader });
    const today = isoDate(new Date());
    const [merchant] = config.merchantCodes;
    const { body } = await new HttpClient(ctx, auth).getJson(config.path, {
      fromDate: today,
      toDate: today,
      page: 1,
      pageSize: 1,
      merchantCode: merchant === 'ALL' ? undefined : merchant,
    });
    const page = parseBody(transactionPage, body, `GET ${config.path}`);
    return {
      message: `reached the gateway with ${ctx.authType}; listed ${page.data.length} transaction(s) of ${page.total_pages} page(s) for ${today}`,
      details: { records: page.data.length, totalPages: page.total_pages },
    };
  },
};
