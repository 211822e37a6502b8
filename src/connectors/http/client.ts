/**
 * The HTTP client every HTTP kind shares, for test() and for paging through
 * a source during a sync. On top of the transport (timeouts, retries) it adds
 * authentication, one token renewal on 401, and errors for non-2xx answers.
 */
import { ConnectorError } from '../errors';
import type { ConnectorContext } from '../types';
import { bodyMessage } from './body-message';
import type { RequestAuth } from './request-auth';
import { parseJson, type JsonParser } from './response';
import { isRetryableStatus, parseRetryAfter } from './retry';
import type { HttpConnectorConfig } from './settings';
import { transportFor, type Transport } from './transport';
import type { HttpMethod, JsonResponse, OutgoingRequest, QueryParams, RawResponse } from './types';
import { joinUrl } from './url';

export class HttpClient {
  private readonly transport: Transport;

  constructor(
    private readonly ctx: ConnectorContext<HttpConnectorConfig>,
    private readonly auth: RequestAuth,
  ) {
    this.transport = transportFor(ctx, () => auth.secrets());
  }

  /**
   * GET baseUrl + path with the query; the body parsed as JSON (by `parse`,
   * JSON.parse by default), shape unchecked.
   */
  async getJson(path: string, query: QueryParams = {}, parse?: JsonParser): Promise<JsonResponse> {
    const response = await this.send('GET', path, query);
    const body = parseJson(
      response.text,
      response.headers.get('content-type'),
      `GET ${path}`,
      parse,
    );
    return { status: response.status, headers: response.headers, body };
  }

  /**
   * GET a file (a certificate PDF, say) as bytes, with the same timeouts and
   * retries. `pathOrUrl` is a path below baseUrl or an absolute http(s) URL;
   * the connector's authentication is sent only to baseUrl's origin, never
   * to another host.
   */
  async getBytes(pathOrUrl: string): Promise<Uint8Array> {
    const response = await this.send('GET', pathOrUrl, {}, true);
    return response.bytes ?? new Uint8Array();
  }

  private async send(
    method: HttpMethod,
    path: string,
    query: QueryParams,
    binary = false,
  ): Promise<RawResponse> {
    let response = await this.transport.send(await this.request(method, path, query, binary));
    if (response.status === 401 && this.auth.invalidate) {
      // The token may have been revoked or expired early: one fresh token, one more try.
      this.auth.invalidate();
      response = await this.transport.send(await this.request(method, path, query, binary));
    }
    if (response.status >= 200 && response.status < 300) return response;
    // An absolute URL is named by its path: its query may be a signature.
    const shown = /^https?:\/\//i.test(path) ? new URL(path).pathname : path;
    throw this.failure(`${method} ${shown}`, response);
  }

  private async request(
    method: HttpMethod,
    path: string,
    query: QueryParams,
    binary = false,
  ): Promise<OutgoingRequest> {
    const absolute = /^https?:\/\//i.test(path) ? new URL(path) : null;
    const url = absolute ?? joinUrl(this.ctx.config.baseUrl, path, query);
    const request: OutgoingRequest = {
      method,
      // Messages name the path only: an absolute URL may carry a signed query.
      path: absolute ? absolute.pathname : path,
      url,
      headers: { accept: binary ? '*/*' : 'application/json' },
      binary,
    };
    if (!absolute || absolute.origin === new URL(this.ctx.config.baseUrl).origin) {
      await this.auth.apply(request);
    }
    return request;
  }

  private failure(where: string, response: RawResponse): ConnectorError {
    const { status } = response;
    const message = bodyMessage(response.text, this.transport.options.scrub);
    if (status === 401) {
      return new ConnectorError(
        'AUTH_FAILED',
        `authentication failed: ${where} answered 401: ${message}`,
        {
          status,
        },
      );
    }
    if (status >= 300 && status < 400) {
      return new ConnectorError(
        'HTTP_ERROR',
        `${where} answered ${status}: redirects are not followed; check baseUrl`,
        { status },
      );
    }
    return new ConnectorError(
      'HTTP_ERROR',
      `${where} answered ${status}${this.retryNote(response)}: ${message}`,
      {
        status,
      },
    );
  }

  /** Why a transient status still failed: retries ran out, or the server asked for too long a wait. */
  private retryNote(response: RawResponse): string {
    if (!isRetryableStatus(response.status)) return '';
    const { retry } = this.ctx.config;
    const asked = parseRetryAfter(response.headers.get('retry-after'));
    if (asked !== undefined && asked > retry.maxDelayMs) {
      return ` asking to retry after ${Math.ceil(asked / 1000)} s, beyond retry.maxDelayMs`;
    }
    return ` after ${retry.maxAttempts} attempts`;
  }
}
