/**
 * A real HTTP server on 127.0.0.1 that plays an outside provider in tests:
 * standing and one-shot answers per route, a token endpoint (JWT or OAuth2
 * style) whose tokens can expire or be revoked, credential checks, and a log
 * of every request it saw.
 */
import { randomBytes } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() when the request arrived. */
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is (text/plain unless headers say otherwise). */
  text?: string;
  /** Sent as is, as application/octet-stream unless headers say otherwise. */
  bytes?: Uint8Array;
  /** Wait this long before answering, to provoke timeouts. */
  delayMs?: number;
  /** Drop the connection instead of answering, as a crashing proxy would. */
  hangUp?: boolean;
}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

/** What a route demands before it answers; a failed check answers 401, echoing what it received. */
export type AuthCheck =
  | { bearer: true }
  | { header: string; value: string }
  | { basic: { username: string; password: string } }
  | { query: Record<string, string> };

export interface TokenEndpoint {
  path: string;
  clientId: string;
  clientSecret: string;
  /** JWT style takes a JSON body; OAuth2 client credentials a form. */
  encoding: 'json' | 'form';
  /** Lifetime stated in, and enforced for, issued tokens [3600]. */
  expiresIn?: number;
}

interface Route {
  standing?: Handler;
  queued: Reply[];
  auth?: AuthCheck;
}

export class HttpProvider {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Route>();
  private readonly tokens = new Map<string, number>();
  private tokenCount = 0;
  private readonly delays = new Set<() => void>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<HttpProvider> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const provider = new HttpProvider(server, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => {
      provider.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    return provider;
  }

  /** The standing answer for a route, optionally behind a credential check. */
  on(method: string, path: string, reply: Reply | Handler, auth?: AuthCheck): this {
    const route = this.route(method, path);
    route.standing = typeof reply === 'function' ? reply : () => reply;
    route.auth = auth;
    return this;
  }

  /** Answers served once each, in order, before the standing answer (credentials still checked). */
  once(method: string, path: string, ...replies: Reply[]): this {
    this.route(method, path).queued.push(...replies);
    return this;
  }

  serveTokens(endpoint: TokenEndpoint): this {
    return this.on('POST', endpoint.path, (request) => this.issueToken(endpoint, request));
  }

  /** Every token issued so far stops working, as if the provider rotated its keys. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    for (const finish of this.delays) finish();
    this.delays.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private route(method: string, path: string): Route {
    const key = `${method} ${path}`;
    let route = this.routes.get(key);
    if (!route) {
      route = { queued: [] };
      this.routes.set(key, route);
    }
    return route;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.url);
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at,
    };
    this.requests.push(request);
    const route = this.routes.get(`${request.method} ${request.path}`);
    const denied = route?.auth ? this.deny(route.auth, request) : undefined;
    const reply: Reply = denied ??
      route?.queued.shift() ??
      (await route?.standing?.(request)) ?? { status: 404, json: { message: 'no such route' } };
    if (reply.delayMs) {
      // Tracked, so close() ends a long stall instead of leaving a timer behind.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.delays.delete(finish);
          resolve();
        }, reply.delayMs);
        const finish = () => {
          clearTimeout(timer);
          resolve();
        };
        this.delays.add(finish);
      });
    }
    if (res.destroyed) return;
    if (reply.hangUp) {
      req.socket.destroy();
      return;
    }
    const headers = { ...reply.headers };
    let body: string | Uint8Array = reply.text ?? '';
    if (reply.bytes !== undefined) {
      headers['content-type'] ??= 'application/octet-stream';
      body = reply.bytes;
    }
    if (reply.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(reply.json);
    }
    res.writeHead(reply.status ?? 200, headers).end(body);
  }

  private deny(auth: AuthCheck, request: RecordedRequest): Reply | undefined {
    const unauthorized = (received: string): Reply => ({
      status: 401,
      // Careless providers echo what they got; the hub must scrub it from its messages.
      json: { message: `invalid credentials: ${received}` },
    });
    if ('bearer' in auth) {
      const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      const expiresAt = this.tokens.get(token);
      return expiresAt !== undefined && Date.now() < expiresAt
        ? undefined
        : unauthorized(`token ${token}`);
    }
    if ('header' in auth) {
      const value = request.headers[auth.header.toLowerCase()];
      return value === auth.value ? undefined : unauthorized(`${auth.header}: ${String(value)}`);
    }
    if ('basic' in auth) {
      const expected = Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString(
        'base64',
      );
      const received = request.headers.authorization ?? '';
      const decoded = Buffer.from(received.replace(/^Basic /, ''), 'base64').toString('utf8');
      return received === `Basic ${expected}` ? undefined : unauthorized(decoded);
    }
    const mismatched = Object.entries(auth.query).some(
      ([key, value]) => request.query.get(key) !== value,
    );
    return mismatched ? unauthorized(`request ${request.path}?${request.query}`) : undefined;
  }

  private issueToken(endpoint: TokenEndpoint, request: RecordedRequest): Reply {
    const contentType = request.headers['content-type'] ?? '';
    let fields: Record<string, string>;
    if (endpoint.encoding === 'form') {
      if (!contentType.startsWith('application/x-www-form-urlencoded')) {
        return {
          status: 400,
          json: { error: 'invalid_request', error_description: 'form expected' },
        };
      }
      fields = Object.fromEntries(new URLSearchParams(request.body));
      if (fields.grant_type !== 'client_credentials') {
        return { status: 400, json: { error: 'unsupported_grant_type' } };
      }
    } else {
      if (!contentType.startsWith('application/json')) {
        return { status: 400, json: { message: 'JSON expected' } };
      }
      fields = JSON.parse(request.body) as Record<string, string>;
    }
    if (fields.client_id !== endpoint.clientId || fields.client_secret !== endpoint.clientSecret) {
      return {
        status: 401,
        json: {
          error: 'invalid_client',
          error_description: `unknown client ${fields.client_id} with secret ${fields.client_secret}`,
        },
      };
    }
    const expiresIn = endpoint.expiresIn ?? 3600;
    this.tokenCount += 1;
    const token = `tok-${this.tokenCount}-${randomBytes(8).toString('hex')}`;
    this.tokens.set(token, Date.now() + expiresIn * 1000);
    const json: Record<string, unknown> = { access_token: token, expires_in: expiresIn };
    if (endpoint.encoding === 'form') json.token_type = 'Bearer';
    return { json };
  }
}
