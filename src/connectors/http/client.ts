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
import { joinUrl, resolveReference } from './url';
import { isLoopbackHost } from '../../security/outbound';

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
    const response = await this.send('GET', joinUrl(this.ctx.config.baseUrl, path, query), path);
    const body = parseJson(
      response.text,
      response.headers.get('content-type'),
      `GET ${path}`,
      parse,
    );
    return { status: response.status, headers: response.headers, body };
  }

  /**
   * GET a file (a certificate PDF, say) as bytes, with the same timeouts,
   * retries and byte cap. `reference` comes from the source's data: a path
   * or an absolute http(s) URL, resolved against baseUrl with new URL().
   * The connector's authentication is sent only to baseUrl's own origin; a
   * file on another origin is fetched without it, or refused when the config
   * says `otherOriginFiles: REFUSE`.
   */
  async getBytes(reference: string): Promise<Uint8Array> {
    const url = resolveReference(this.ctx.config.baseUrl, reference);
    if (!url) throw new ConnectorError('INVALID_RESPONSE', 'file reference is not an http(s) URL');
    // Messages name the path only: an absolute URL may carry a signed query.
    const shown = url.pathname;
    if (!this.onOwnOrigin(url) && this.ctx.config.otherOriginFiles === 'REFUSE') {
      throw new ConnectorError(
        'TARGET_REFUSED',
        `GET ${shown} refused: the file is on another origin than baseUrl (otherOriginFiles: REFUSE)`,
      );
    }
    const response = await this.send('GET', url, shown, true);
    return response.bytes ?? new Uint8Array();
  }

  private async send(
    method: HttpMethod,
    url: URL,
    shown: string,
    binary = false,
  ): Promise<RawResponse> {
    let response = await this.transport.send(await this.request(method, url, shown, binary));
    if (response.status === 401 && this.auth.invalidate && this.onOwnOrigin(url)) {
      // The token may have been revoked or expired early: one fresh token, one more try.
      this.auth.invalidate();
      response = await this.transport.send(await this.request(method, url, shown, binary));
    }
    if (response.status >= 200 && response.status < 300) return response;
    throw this.failure(`${method} ${shown}`, response);
  }

  private async request(
    method: HttpMethod,
    url: URL,
    shown: string,
    binary = false,
  ): Promise<OutgoingRequest> {
    const request: OutgoingRequest = {
      method,
      path: shown,
      url,
      headers: { accept: binary ? '*/*' : 'application/json' },
      binary,
    };
    // Credentials go to the configured origin and nowhere else.
    if (this.onOwnOrigin(url)) {
      this.requireTls(url);
      await this.auth.apply(request);
    }
    return request;
  }

  private onOwnOrigin(url: URL): boolean {
    return url.origin === new URL(this.ctx.config.baseUrl).origin;
  }

  /** Configs stored before allowInsecure existed were never checked: check at send time too. */
  private requireTls(url: URL): void {
    if (url.protocol === 'https:' || isLoopbackHost(url.hostname)) return;
    if (this.ctx.config.allowInsecure === true) return;
    throw new ConnectorError(
      'CONFIG',
      'baseUrl is plain http:// on a non-loopback host; use https:// or set allowInsecure: true',
    );
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
