/** BANK_API: bank settlements over HTTP. */
import { credentialsSchemasFor } from '../auth';
import { HttpClient, parseBody, standardAuth } from '../http';
import type { AuthType, ConnectorDefinition } from '../types';
import { bankApiConfig, type BankApiConfig } from './config';
import { settlementPage } from './responses';
import { bankApiStream } from './sync';

const AUTH_TYPES = ['API_KEY', 'BASIC', 'OAUTH2_CLIENT_CREDENTIALS'] as const satisfies AuthType[];

export const bankApi: ConnectorDefinition<BankApiConfig> = {
  kind: 'BANK_API',
  configSchema: bankApiConfig,
  authTypes: AUTH_TYPES,
  credentialsSchemas: credentialsSchemasFor(AUTH_TYPES),
  streams: [bankApiStream],

  /** A token when OAuth2 is used, then the first page of today's settlements, its shape checked. */
  async test(ctx) {
    const { config } = ctx;
    const auth = standardAuth(ctx, {
      tokenPath: config.tokenPath,
      apiKeyHeader: config.apiKeyHeader,
    });
    const today = new Date().toISOString().slice(0, 10);
    const { body } = await new HttpClient(ctx, auth).getJson(config.path, { date: today, page: 1 });
    const page = parseBody(settlementPage, body, `GET ${config.path}`);
    return {
      message: `authenticated with ${ctx.authType}; listed ${page.data.length} settlement(s) for ${today}`,
      details: { records: page.data.length, morePages: page.next_page !== null },
    };
  },
};
