/**
 * Bearer tokens for JWT and OAuth2 client-credentials sources: fetched on
 * first use, cached, renewed shortly before they expire, and dropped on
 * request when the source answers 401 to one.
 */
import { z } from 'zod';
import { ConnectorError } from '../errors';
import { bodyMessage } from './body-message';
import { parseBody, parseJson } from './response';
import type { Transport } from './transport';
import type { OutgoingRequest } from './types';

export type TokenGrant = 'JWT' | 'OAUTH2_CLIENT_CREDENTIALS';

export interface TokenProviderOptions {
  grant: TokenGrant;
  tokenUrl: URL;
  /** tokenUrl's path, for messages. */
  tokenPath: string;
  clientId: string;
  clientSecret: string;
  transport: Transport;
  now?: () => number;
}

/** Renew this long before expiry, so a token never lapses mid-request. */
const RENEW_MARGIN_MS = 30_000;

const tokenResponse = z.object({
  access_token: z.string().min(1),
  // Optional: a token without a stated lifetime is kept until a 401 says otherwise.
  expires_in: z.number().positive().optional(),
});

/** Answers from the token endpoint that mean the client id or secret is wrong. */
const REJECTED_CREDENTIALS = new Set([400, 401, 403]);

interface CachedToken {
  value: string;
  renewAt: number;
}

export class TokenProvider {
  private cached: CachedToken | undefined;
  private pending: Promise<CachedToken> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: TokenProviderOptions) {
    this.now = options.now ?? Date.now;
  }

  async token(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return this.cached.value;
    // Concurrent callers share one token request.
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    this.cached = await this.pending;
    return this.cached.value;
  }

  /** Forgets the cached token; the next token() call fetches a new one. */
  invalidate(): void {
    this.cached = undefined;
  }

  /** The token in hand, so messages can be scrubbed of it. */
  current(): string | undefined {
    return this.cached?.value;
  }

  private async fetchToken(): Promise<CachedToken> {
    const { transport, tokenPath } = this.options;
    const where = `POST ${tokenPath}`;
    const response = await transport.send(this.tokenRequest());
    if (response.status < 200 || response.status >= 300) {
      const message = bodyMessage(response.text, transport.options.scrub);
      if (REJECTED_CREDENTIALS.has(response.status)) {
        throw new ConnectorError(
          'AUTH_FAILED',
          `authentication failed: token endpoint answered ${response.status}: ${message}`,
          { status: response.status },
        );
      }
      throw new ConnectorError('HTTP_ERROR', `${where} answered ${response.status}: ${message}`, {
        status: response.status,
      });
    }
    const body = parseJson(response.text, response.headers.get('content-type'), where);
    const token = parseBody(tokenResponse, body, where);
    const lifetimeMs = (token.expires_in ?? Infinity) * 1000;
    // Short-lived tokens get half their life as margin, so they are still used at all.
    const margin = Math.min(RENEW_MARGIN_MS, lifetimeMs / 2);
    return { value: token.access_token, renewAt: this.now() + lifetimeMs - margin };
  }

  private tokenRequest(): OutgoingRequest {
    const { grant, tokenUrl, tokenPath, clientId, clientSecret } = this.options;
    const base = { method: 'POST' as const, path: tokenPath, url: tokenUrl };
    if (grant === 'JWT') {
      return {
        ...base,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ client_id: clientId, client_secret: clientSecret }),
      };
    }
    return {
      ...base,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }).toString(),
    };
  }
}
