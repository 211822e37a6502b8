/**
 * How a request proves who sends it, one strategy per auth type. A strategy
 * also lists every form its secrets take, so messages can be scrubbed of them.
 */
import { ConnectorError } from '../errors';
import type { ConnectorContext } from '../types';
import type { HttpConnectorConfig } from './settings';
import { TokenProvider } from './token-provider';
import { transportFor } from './transport';
import type { OutgoingRequest } from './types';
import { joinUrl } from './url';

export interface RequestAuth {
  /** Adds credentials to a request about to be sent (headers or query). */
  apply(request: OutgoingRequest): Promise<void>;
  /**
   * Token-based auth only: forgets the current token after a 401 so the
   * request can be repeated once with a fresh one.
   */
  invalidate?(): void;
  /** Every value that must never appear in a message. */
  secrets(): string[];
}

export const noAuth: RequestAuth = {
  apply: async () => {},
  secrets: () => [],
};

export function apiKeyAuth(header: string, apiKey: string): RequestAuth {
  return {
    apply: async (request) => {
      request.headers[header] = apiKey;
    },
    secrets: () => [apiKey],
  };
}

export function basicAuth(username: string, password: string): RequestAuth {
  const encoded = Buffer.from(`${username}:${password}`).toString('base64');
  return {
    apply: async (request) => {
      request.headers.authorization = `Basic ${encoded}`;
    },
    secrets: () => [password, encoded],
  };
}

export function bearerAuth(tokens: TokenProvider, staticSecrets: string[]): RequestAuth {
  return {
    apply: async (request) => {
      request.headers.authorization = `Bearer ${await tokens.token()}`;
    },
    invalidate: () => tokens.invalidate(),
    secrets: () => {
      const token = tokens.current();
      return token === undefined ? staticSecrets : [...staticSecrets, token];
    },
  };
}

export interface StandardAuthOptions {
  /** Where JWT and OAuth2 tokens are requested, below baseUrl; kinds that take tokens pass it. */
  tokenPath?: string;
  /** Header that carries an API key [X-API-Key]. */
  apiKeyHeader?: string;
}

/** The strategy for the HTTP auth types providers.md describes, from a connector's context. */
export function standardAuth(
  ctx: ConnectorContext<HttpConnectorConfig>,
  options: StandardAuthOptions = {},
): RequestAuth {
  const { authType, secrets } = ctx;
  switch (authType) {
    case 'NONE':
    case 'IP_WHITELIST':
      return noAuth;
    case 'API_KEY':
      return apiKeyAuth(options.apiKeyHeader ?? 'X-API-Key', secrets.apiKey);
    case 'BASIC':
      return basicAuth(secrets.username, secrets.password);
    case 'JWT':
    case 'OAUTH2_CLIENT_CREDENTIALS':
      if (options.tokenPath === undefined) {
        throw new ConnectorError('CONFIG', `auth type ${authType} needs a tokenPath`);
      }
      return bearerAuth(
        new TokenProvider({
          grant: authType,
          tokenUrl: joinUrl(ctx.config.baseUrl, options.tokenPath),
          tokenPath: options.tokenPath,
          clientId: secrets.clientId,
          clientSecret: secrets.clientSecret,
          transport: transportFor(ctx),
        }),
        [secrets.clientSecret],
      );
    default:
      throw new ConnectorError('CONFIG', `auth type ${authType} does not apply to HTTP requests`);
  }
}
