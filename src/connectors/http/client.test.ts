import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setOutboundPolicy } from '../../security/outbound';
import { connectorContext, rejectionOf } from '../../../test/support/connector-context';
import { HttpProvider } from '../../../test/support/http-provider';
import { ConnectorError } from '../errors';
import type { AuthType, Secrets } from '../types';
import { HttpClient } from './client';
import { standardAuth } from './request-auth';
import type { RetrySettings } from './settings';

const FAST_RETRY: RetrySettings = { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 };
const CLIENT_ID = 'hub-client';
const CLIENT_SECRET = 'cs-5f1e0c2b9d';

let provider: HttpProvider;
beforeEach(async () => {
  provider = await HttpProvider.start();
});
afterEach(async () => {
  await provider.close();
});

interface ClientOptions {
  authType?: AuthType;
  secrets?: Secrets;
  retry?: Partial<RetrySettings>;
  timeoutMs?: number;
  signal?: AbortSignal;
  baseUrl?: string;
}

function client(options: ClientOptions = {}): HttpClient {
  const ctx = connectorContext({
    config: {
      baseUrl: options.baseUrl ?? provider.url,
      timeoutMs: options.timeoutMs ?? 2_000,
      retry: { ...FAST_RETRY, ...options.retry },
    },
    authType: options.authType ?? 'NONE',
    secrets: options.secrets ?? {},
    signal: options.signal,
  });
  return new HttpClient(
    ctx,
    standardAuth(ctx, { tokenPath: '/auth/token', apiKeyHeader: 'X-Key' }),
  );
}

function expectSecretAbsent(error: Error, ...secrets: string[]) {
  for (const secret of secrets) {
    expect(error.message).not.toContain(secret);
    expect(error.stack ?? '').not.toContain(secret);
  }
}

describe('HttpClient transport', () => {
  it('returns the parsed body, headers and status, with the query on the URL', async () => {
    provider.on('GET', '/api/items', { json: { data: [1] }, headers: { 'x-total': '7' } });
    const response = await client({ baseUrl: `${provider.url}/api/` }).getJson('/items', {
      since: '2024-01-01',
      limit: 5,
      page_token: undefined,
    });
    expect(response).toMatchObject({ status: 200, body: { data: [1] } });
    expect(response.headers.get('x-total')).toBe('7');
    const [request] = provider.requestsTo('/api/items');
    expect(Object.fromEntries(request.query)).toEqual({ since: '2024-01-01', limit: '5' });
  });

  it('retries a 503 and then succeeds', async () => {
    provider
      .once('GET', '/items', { status: 503 }, { status: 503 })
      .on('GET', '/items', { json: [] });
    const response = await client().getJson('/items');
    expect(response.body).toEqual([]);
    expect(provider.requestsTo('/items')).toHaveLength(3);
  });

  it('gives up after maxAttempts with the last status', async () => {
    provider.on('GET', '/items', { status: 502, json: { message: 'upstream down' } });
    const error = await rejectionOf(client().getJson('/items'));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 502 });
    expect(error.message).toBe('GET /items answered 502 after 3 attempts: upstream down');
    expect(provider.requestsTo('/items')).toHaveLength(3);
  });

  it('waits at least as long as Retry-After asks after a 429', async () => {
    provider
      .once('GET', '/items', { status: 429, headers: { 'retry-after': '1' } })
      .on('GET', '/items', { json: [] });
    await client({ retry: { maxDelayMs: 2_000 } }).getJson('/items');
    const [limited, retried] = provider.requestsTo('/items');
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(1_000);
  });

  it('fails at once when Retry-After asks for longer than maxDelayMs', async () => {
    provider.on('GET', '/items', {
      status: 429,
      headers: { 'retry-after': '120' },
      text: 'slow down',
    });
    const error = await rejectionOf(client().getJson('/items'));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 429 });
    expect(error.message).toContain('retry after 120 s');
    expect(provider.requestsTo('/items')).toHaveLength(1);
  });

  it('does not retry other 4xx and reports the body message', async () => {
    provider.on('GET', '/items', { status: 404, json: { error: { message: 'no such merchant' } } });
    const error = await rejectionOf(client().getJson('/items'));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 404 });
    expect(error.message).toBe('GET /items answered 404: no such merchant');
    expect(provider.requestsTo('/items')).toHaveLength(1);
  });

  it('cuts a long reason to 120 characters, secrets scrubbed first', async () => {
    const apiKey = 'key-0123456789abcdef';
    const message = `${'x'.repeat(60)} ${apiKey} ${'y'.repeat(400)}`;
    provider.on('GET', '/items', { status: 400, json: { message } });
    const error = await rejectionOf(
      client({ authType: 'API_KEY', secrets: { apiKey } }).getJson('/items'),
    );
    const reason = error.message.slice('GET /items answered 400: '.length);
    expect(reason).toHaveLength(120);
    expect(reason).toContain('[redacted]');
    expectSecretAbsent(error, apiKey, apiKey.slice(0, 8));
  });

  it('reports a 2xx body that is not JSON as INVALID_RESPONSE', async () => {
    provider.on('GET', '/items', {
      text: '<html>login</html>',
      headers: { 'content-type': 'text/html' },
    });
    const error = await rejectionOf(client().getJson('/items'));
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(error.message).toBe('GET /items: response is not JSON (content-type text/html)');
  });

  it('times out a slow answer on every attempt', async () => {
    provider.on('GET', '/items', { json: [], delayMs: 1_000 });
    const started = performance.now();
    const error = await rejectionOf(
      client({ timeoutMs: 100, retry: { maxAttempts: 2 } }).getJson('/items'),
    );
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(error.message).toBe('GET /items timed out after 100 ms');
    expect(provider.requestsTo('/items')).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('retries a dropped connection', async () => {
    provider.once('GET', '/items', { hangUp: true }).on('GET', '/items', { json: [] });
    await expect(client().getJson('/items')).resolves.toMatchObject({ status: 200 });
    expect(provider.requestsTo('/items')).toHaveLength(2);
  });

  it('reports a refused connection as NETWORK', async () => {
    const closed = await HttpProvider.start();
    await closed.close();
    const error = await rejectionOf(client({ baseUrl: closed.url }).getJson('/items'));
    expect(error).toMatchObject({ code: 'NETWORK' });
    expect(error.message).toBe('GET /items failed: ECONNREFUSED');
  });

  it('does not follow redirects', async () => {
    provider.on('GET', '/items', { status: 302, headers: { location: 'http://elsewhere.test/x' } });
    const error = await rejectionOf(client().getJson('/items'));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 302 });
    expect(error.message).toContain('redirects are not followed');
  });

  it('stops waiting between attempts when the signal aborts', async () => {
    provider.on('GET', '/items', { status: 503 });
    const controller = new AbortController();
    const reason = new Error('run cancelled');
    const pending = client({
      signal: controller.signal,
      retry: { initialDelayMs: 5_000, maxDelayMs: 5_000 },
    }).getJson('/items');
    setTimeout(() => controller.abort(reason), 50);
    const started = performance.now();
    expect(await rejectionOf(pending)).toBe(reason);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('HttpClient static credentials', () => {
  it('sends the API key in the configured header', async () => {
    provider.on('GET', '/items', { json: [] }, { header: 'X-Key', value: 'k-1' });
    await client({ authType: 'API_KEY', secrets: { apiKey: 'k-1' } }).getJson('/items');
    expect(provider.requestsTo('/items')[0].headers['x-key']).toBe('k-1');
  });

  it('fails a wrong API key with AUTH_FAILED, without echoing it', async () => {
    provider.on('GET', '/items', { json: [] }, { header: 'X-Key', value: 'k-1' });
    const error = await rejectionOf(
      client({ authType: 'API_KEY', secrets: { apiKey: 'wrong-key-77' } }).getJson('/items'),
    );
    expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 401 });
    expect(error.message).toBe(
      'authentication failed: GET /items answered 401: invalid credentials: X-Key: [redacted]',
    );
    expectSecretAbsent(error, 'wrong-key-77');
    expect(provider.requestsTo('/items')).toHaveLength(1);
  });

  it('sends HTTP Basic', async () => {
    const basic = { username: 'reports', password: 'pw-3344' };
    provider.on('GET', '/items', { json: [] }, { basic });
    await expect(
      client({ authType: 'BASIC', secrets: basic }).getJson('/items'),
    ).resolves.toMatchObject({
      status: 200,
    });
  });
});

describe('HttpClient tokens', () => {
  const clientSecrets = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

  function serveTokens(encoding: 'json' | 'form', expiresIn?: number) {
    provider.serveTokens({
      path: '/auth/token',
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      encoding,
      expiresIn,
    });
    provider.on('GET', '/items', { json: [] }, { bearer: true });
  }

  it('JWT: posts the client credentials as JSON and reuses the token', async () => {
    serveTokens('json');
    const jwt = client({ authType: 'JWT', secrets: clientSecrets });
    await jwt.getJson('/items');
    await jwt.getJson('/items');
    const tokenRequests = provider.requestsTo('/auth/token');
    expect(tokenRequests).toHaveLength(1);
    expect(JSON.parse(tokenRequests[0].body)).toEqual({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    expect(provider.requestsTo('/items')[1].headers.authorization).toMatch(/^Bearer tok-1-/);
  });

  it('OAuth2: posts a form-encoded client-credentials grant', async () => {
    serveTokens('form');
    await client({ authType: 'OAUTH2_CLIENT_CREDENTIALS', secrets: clientSecrets }).getJson(
      '/items',
    );
    const [tokenRequest] = provider.requestsTo('/auth/token');
    expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenRequest.body).toBe(
      `grant_type=client_credentials&client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}`,
    );
  });

  it('renews the token before it expires', async () => {
    serveTokens('json', 1);
    const jwt = client({ authType: 'JWT', secrets: clientSecrets });
    await jwt.getJson('/items');
    await new Promise((resolve) => setTimeout(resolve, 600));
    await jwt.getJson('/items');
    expect(provider.requestsTo('/auth/token')).toHaveLength(2);
    expect(provider.requests.filter((request) => request.path === '/items')).toHaveLength(2);
  });

  it('fetches a new token once after a 401 and repeats the request', async () => {
    serveTokens('form');
    const oauth = client({ authType: 'OAUTH2_CLIENT_CREDENTIALS', secrets: clientSecrets });
    await oauth.getJson('/items');
    provider.revokeTokens();
    await oauth.getJson('/items');
    expect(provider.requestsTo('/auth/token')).toHaveLength(2);
    expect(provider.requestsTo('/items')).toHaveLength(3);
  });

  it('fails with AUTH_FAILED when the fresh token is refused too', async () => {
    serveTokens('json');
    provider.on('GET', '/items', { status: 401, json: { message: 'token not accepted' } });
    const error = await rejectionOf(
      client({ authType: 'JWT', secrets: clientSecrets }).getJson('/items'),
    );
    expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 401 });
    expect(error.message).toBe(
      'authentication failed: GET /items answered 401: token not accepted',
    );
    expect(provider.requestsTo('/auth/token')).toHaveLength(2);
    expect(provider.requestsTo('/items')).toHaveLength(2);
  });

  it('fails with AUTH_FAILED when the token endpoint refuses the client', async () => {
    serveTokens('form');
    const wrong = { clientId: CLIENT_ID, clientSecret: 'not-the-secret-91' };
    const error = await rejectionOf(
      client({ authType: 'OAUTH2_CLIENT_CREDENTIALS', secrets: wrong }).getJson('/items'),
    );
    expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 401 });
    expect(error.message).toBe(
      // Every credential is scrubbed, the client id included.
      'authentication failed: token endpoint answered 401: unknown client [redacted] with secret [redacted]',
    );
    expectSecretAbsent(error, 'not-the-secret-91');
    expect(provider.requestsTo('/items')).toHaveLength(0);
  });

  it('names the missing field of a malformed token answer', async () => {
    provider.on('POST', '/auth/token', { json: { token: 'abc', expires_in: 60 } });
    const error = await rejectionOf(
      client({ authType: 'JWT', secrets: clientSecrets }).getJson('/items'),
    );
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(error.message).toMatch(/^POST \/auth\/token: unexpected response: field access_token: /);
  });
});

describe('HttpClient.getBytes', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(70_000, 7)]);

  it('fetches bytes below baseUrl with auth, retrying transient failures', async () => {
    provider
      .once('GET', '/files/a.pdf', { status: 503 })
      .on('GET', '/files/a.pdf', { bytes: pdf }, { header: 'X-Key', value: 'k-123' });
    const bytes = await client({ authType: 'API_KEY', secrets: { apiKey: 'k-123' } }).getBytes(
      '/files/a.pdf',
    );
    expect(Buffer.from(bytes)).toEqual(pdf);
    expect(provider.requestsTo('/files/a.pdf')).toHaveLength(2);
  });

  it('sends auth to an absolute URL on baseUrl’s origin only', async () => {
    const other = await HttpProvider.start();
    try {
      provider.on('GET', '/own.pdf', { bytes: pdf });
      other.on('GET', '/elsewhere.pdf', { bytes: pdf });
      const c = client({ authType: 'API_KEY', secrets: { apiKey: 'k-123' } });
      await c.getBytes(`${provider.url}/own.pdf`);
      await c.getBytes(`${other.url}/elsewhere.pdf`);
      expect(provider.requestsTo('/own.pdf')[0].headers['x-key']).toBe('k-123');
      expect(other.requestsTo('/elsewhere.pdf')[0].headers['x-key']).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('fails on a 404 with the status, after no retries', async () => {
    provider.on('GET', '/missing.pdf', { status: 404, text: 'no such file' });
    const error = await rejectionOf(client().getBytes('/missing.pdf'));
    // A text body is never echoed: it could be anything the target holds.
    expect(error.message).toBe('GET /missing.pdf answered 404: (no reason given)');
    expect(provider.requestsTo('/missing.pdf')).toHaveLength(1);
  });
});

describe('HttpClient outbound safety', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1_000, 7)]);
  afterEach(() => setOutboundPolicy({ allowPrivateTargets: true }));

  it('sends no credential to another port a pdf_url sneaks in by string-joining', async () => {
    const other = await HttpProvider.start();
    try {
      other.on('GET', '/x.pdf', { bytes: pdf });
      const port = new URL(other.url).port;
      // baseUrl on port 80: joined as strings, ":<port>/x.pdf" became the other server.
      const c = client({
        baseUrl: 'http://127.0.0.1',
        authType: 'API_KEY',
        secrets: { apiKey: 'k-secret-1' },
        retry: { maxAttempts: 1 },
      });
      await rejectionOf(c.getBytes(`:${port}/x.pdf`));
      expect(other.requests.filter((r) => r.headers['x-key'])).toEqual([]);
      expect(other.requests).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('fetches a pdf_url on another origin without any credential', async () => {
    const other = await HttpProvider.start();
    try {
      other.on('GET', '/x.pdf', { bytes: pdf });
      const c = client({ authType: 'BASIC', secrets: { username: 'u', password: 'pw-77' } });
      await c.getBytes(`${other.url}/x.pdf`);
      expect(other.requestsTo('/x.pdf')[0].headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('refuses a pdf_url on another origin when the config says so', async () => {
    const other = await HttpProvider.start();
    try {
      other.on('GET', '/x.pdf', { bytes: pdf });
      const ctx = connectorContext({
        config: {
          baseUrl: provider.url,
          timeoutMs: 2_000,
          retry: FAST_RETRY,
          otherOriginFiles: 'REFUSE' as const,
        },
      });
      const error = await rejectionOf(
        new HttpClient(ctx, standardAuth(ctx)).getBytes(`${other.url}/x.pdf`),
      );
      expect(error).toMatchObject({ code: 'TARGET_REFUSED' });
      expect(other.requests).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('never reaches a cloud metadata or link-local address', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/']) {
      const started = performance.now();
      const error = await rejectionOf(client({ timeoutMs: 5_000 }).getBytes(url));
      expect(error).toMatchObject({ code: 'TARGET_REFUSED' });
      expect(error.message).toMatch(/link-local or cloud metadata/);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });

  it('refuses loopback and private addresses unless ALLOW_PRIVATE_TARGETS', async () => {
    provider.on('GET', '/items', { json: [] });
    setOutboundPolicy({ allowPrivateTargets: false });
    const literal = await rejectionOf(client().getJson('/items'));
    expect(literal).toMatchObject({ code: 'TARGET_REFUSED' });
    // A name is checked on what DNS answers, in the connection's own lookup.
    const named = await rejectionOf(
      client({ baseUrl: provider.url.replace('127.0.0.1', 'localhost') }).getJson('/items'),
    );
    expect(named).toMatchObject({ code: 'TARGET_REFUSED' });
    const privateRange = await rejectionOf(client().getBytes('http://10.20.30.40/x.pdf'));
    expect(privateRange).toMatchObject({ code: 'TARGET_REFUSED' });
    expect(provider.requests).toEqual([]);
    setOutboundPolicy({ allowPrivateTargets: true });
    await expect(client().getJson('/items')).resolves.toMatchObject({ status: 200 });
  });

  it('stops reading a 100 MB JSON body at the byte cap', async () => {
    let sent = 0;
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      res.write('[');
      const pump = () => {
        while (sent < 100 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end(']');
      };
      res.on('close', () => (sent = sent === 0 ? -1 : sent));
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const error = await rejectionOf(
        // A timeout far past what reading 25 MB takes on a loaded machine: the cap must stop it.
        client({
          baseUrl: `http://127.0.0.1:${port}`,
          retry: { maxAttempts: 1 },
          timeoutMs: 60_000,
        }).getJson('/big'),
      );
      expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
      expect(error.message).toBe('GET /big: response larger than 26214400 bytes');
      expect(sent).toBeLessThan(100 * 1024 * 1024);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a body whose Content-Length is above the cap without reading it', async () => {
    provider.on('GET', '/file.pdf', { bytes: pdf });
    const ctx = connectorContext({
      config: { baseUrl: provider.url, timeoutMs: 2_000, retry: FAST_RETRY, maxResponseBytes: 100 },
    });
    const error = await rejectionOf(new HttpClient(ctx, standardAuth(ctx)).getBytes('/file.pdf'));
    expect(error.message).toBe('GET /file.pdf: response larger than 100 bytes');
  });

  it('sends no credential over plain http:// off loopback, even from a config stored before the check', async () => {
    const c = client({
      baseUrl: 'http://issuer.example.test',
      authType: 'API_KEY',
      secrets: { apiKey: 'k-plain-1' },
    });
    const error = await rejectionOf(c.getJson('/items'));
    expect(error).toMatchObject({ code: 'CONFIG' });
    expect(error.message).toContain('allowInsecure');
  });

  it('keeps a short scrubbed reason of an error answer, never its body', async () => {
    provider.on('GET', '/html', {
      status: 500,
      text: '<html>internal admin console: db=prod</html>',
    });
    const error = await rejectionOf(client({ retry: { maxAttempts: 1 } }).getJson('/html'));
    expect(error.message).toBe('GET /html answered 500 after 1 attempts: (no reason given)');
  });
});
