/** ISSUER_API: credential issuers (NSDC-, Udemy-, Jaimin-style providers). */
import { credentialsSchemasFor } from '../auth';
import { HttpClient, parseBody, standardAuth } from '../http';
import type { AuthType, ConnectorDefinition } from '../types';
import { issuerApiConfig, issuerSourceDefaults, type IssuerApiConfig } from './config';
import { credentialListPage } from './responses';
import { credentialStream } from './sync';

const AUTH_TYPES = ['API_KEY', 'JWT', 'OAUTH2_CLIENT_CREDENTIALS'] as const satisfies AuthType[];

/** `since` is inclusive: the epoch asks for the very first record there is. */
const EPOCH = new Date(0).toISOString();

export const issuerApi: ConnectorDefinition<IssuerApiConfig> & {
  sourceDefaults: typeof issuerSourceDefaults;
} = {
  kind: 'ISSUER_API',
  configSchema: issuerApiConfig,
  authTypes: AUTH_TYPES,
  credentialsSchemas: credentialsSchemasFor(AUTH_TYPES),
  sourceDefaults: issuerSourceDefaults,
  streams: [credentialStream],

  /** A token when the auth type uses one, then a one-record list whose shape is checked. */
  async test(ctx) {
    const { config } = ctx;
    const auth = standardAuth(ctx, {
      tokenPath: config.tokenPath,
      apiKeyHeader: config.apiKeyHeader,
    });
    const { body } = await new HttpClient(ctx, auth).getJson(config.listPath, {
      since: EPOCH,
      limit: 1,
    });
    const page = parseBody(credentialListPage, body, `GET ${config.listPath}`);
    return {
      message: `authenticated with ${ctx.authType}; listed ${page.data.length} of ${page.total ?? 'an unknown number of'} credentials`,
      details: { records: page.data.length, total: page.total ?? null },
    };
  },
};
