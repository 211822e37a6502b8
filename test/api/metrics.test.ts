import { startTestApp, type TestApp } from '../support/app';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';
import { IssuerProvider } from '../support/issuer-provider';
import { waitFor } from '../support/wait';

// The Prometheus text format parser (the output of prom2json); it has no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parsePrometheus = require('parse-prometheus-text-format') as (text: string) => Family[];

interface Sample {
  value?: string;
  labels?: Record<string, string>;
  count?: string;
  sum?: string;
  buckets?: Record<string, string>;
}
interface Family {
  name: string;
  type: string;
  help: string;
  metrics: Sample[];
}

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** One scrape, parsed; `value(name, labels)` reads a sample (0 when absent). */
async function scrape(app: TestApp) {
  const res = await fetch(`${app.url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  const families = parsePrometheus(text);
  const family = (name: string) => families.find((f) => f.name === name);
  const sample = (name: string, labels: Record<string, string> = {}) =>
    family(name)?.metrics.find((m) =>
      Object.entries(labels).every(([key, value]) => m.labels?.[key] === value),
    );
  return {
    text,
    families,
    family,
    value: (name: string, labels: Record<string, string> = {}) =>
      Number(sample(name, labels)?.value ?? 0),
    /**
     * A histogram's `_count` for these labels. Read from the text: the parser
     * keeps a histogram's buckets but drops its labels, sum and count.
     */
    count: (name: string, labels: Record<string, string> = {}) =>
      text
        .split('\n')
        .filter((line) => line.startsWith(`${name}_count{`))
        .filter((line) =>
          Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)),
        )
        .reduce((total, line) => total + Number(line.split(' ').at(-1)), 0),
  };
}

describe('GET /metrics', () => {
  let app: TestApp;
  let issuer: IssuerProvider;

  beforeAll(async () => {
    app = await startTestApp({ worker: true, ops: { metricsToken: METRICS_TOKEN } });
    issuer = await IssuerProvider.start();
  });
  afterAll(async () => {
    await app.close();
    await issuer.close();
  });

  it('is 404 when METRICS_TOKEN is unset', async () => {
    const off = await startTestApp();
    try {
      const res = await fetch(`${off.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(res.status).toBe(404);
    } finally {
      await off.close();
    }
  });

  it('answers only Bearer METRICS_TOKEN (not an API token)', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-token-wrong-token' },
      { authorization: `Bearer ${app.adminToken}` },
    ]) {
      const res = await fetch(`${app.url}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('tributary_');
    }
  });

  it('serves a Prometheus scrape whose counters move after a run', async () => {
    const before = await scrape(app);
    for (const name of [
      'tributary_runs',
      'tributary_records',
      'tributary_skipped_records',
      'tributary_run_duration_seconds',
      'tributary_run_queue_depth',
      'tributary_run_queue_oldest_age_seconds',
      'tributary_runs_active',
      'tributary_scheduler_tick_lag_seconds',
      'tributary_notify_events_published_total',
      'tributary_notify_events_dropped_total',
      'tributary_subscriptions_open',
      'tributary_graphql_operation_duration_seconds',
      'tributary_http_requests_total',
      'tributary_db_pool_connections',
      // Node's default process metrics.
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect({ name, present: before.family(name) !== undefined }).toEqual({ name, present: true });
    }

    const records = issuer.seed(12);
    records[3].learner_email = 'not-an-email';
    const connectorId = await createIssuerConnector(app, issuer, 'Metered', { verifyPath: null });
    const runId = await queueRun(app, connectorId);
    await waitFor(
      'the run to end',
      async () => {
        const res = await app.gql(`query($id: ID!) { run(id: $id) { status } }`, { id: runId });
        return res.data?.run.status === 'SUCCESS';
      },
      20_000,
    );

    const after = await scrape(app);
    const moved = (read: (s: typeof before) => number) => read(after) - read(before);
    expect(moved((s) => s.value('tributary_runs', { kind: 'ISSUER_API', status: 'SUCCESS' }))).toBe(
      1,
    );
    expect(moved((s) => s.value('tributary_records', { outcome: 'fetched' }))).toBe(12);
    expect(moved((s) => s.value('tributary_records', { outcome: 'created' }))).toBe(11);
    expect(moved((s) => s.value('tributary_records', { outcome: 'skipped' }))).toBe(1);
    expect(moved((s) => s.value('tributary_skipped_records', { reason: 'INVALID_RECORD' }))).toBe(
      1,
    );
    expect(moved((s) => s.count('tributary_run_duration_seconds', { status: 'SUCCESS' }))).toBe(1);
    expect(moved((s) => s.value('tributary_notify_events_published_total'))).toBeGreaterThan(0);
    expect(
      moved((s) => s.value('tributary_http_requests_total', { route: '/graphql', status: '200' })),
    ).toBeGreaterThanOrEqual(3);
    expect(after.value('tributary_run_queue_depth')).toBe(0);
    expect(after.value('tributary_runs_active')).toBe(0);
    expect(after.value('tributary_db_pool_connections', { state: 'waiting' })).toBe(0);
    // The operations the harness sent are timed by name (anonymous: the harness names none).
    expect(
      after.count('tributary_graphql_operation_duration_seconds', {
        operation: 'anonymous',
        outcome: 'ok',
      }),
    ).toBeGreaterThan(0);
  });

  it('bounds the operation names it keeps (a client chooses them)', async () => {
    for (let i = 0; i < 210; i++) app.services.metrics.observeOperation(`Op${i}`, true, 1);
    const { text } = await scrape(app);
    const names = new Set(
      [
        ...text.matchAll(
          /^tributary_graphql_operation_duration_seconds_count\{operation="([^"]*)"/gm,
        ),
      ].map((m) => m[1]),
    );
    expect(names.size).toBeLessThanOrEqual(201);
    expect(names.has('other')).toBe(true);
  });
});

describe('GET /metrics: the GraphQL response cache', () => {
  it('counts cacheable queries answered from the cache and executed', async () => {
    const app = await startTestApp({ ops: { metricsToken: METRICS_TOKEN } });
    try {
      const query = '{ connectors(first: 5) { totalCount } }';
      expect((await scrape(app)).value('tributary_graphql_response_cache_total')).toBe(0);
      // The same query until one answer comes from the cache (nothing writes meanwhile).
      await waitFor('an answer from the cache', async () => {
        expect((await app.gql(query)).errors).toBeUndefined();
        return app.responseCache!.hits > 0;
      });
      expect(app.responseCache!.misses).toBeGreaterThan(0);
      const scraped = await scrape(app);
      expect(scraped.family('tributary_graphql_response_cache_total')?.type).toBe('COUNTER');
      expect(scraped.value('tributary_graphql_response_cache_total', { result: 'hit' })).toBe(
        app.responseCache!.hits,
      );
      expect(scraped.value('tributary_graphql_response_cache_total', { result: 'miss' })).toBe(
        app.responseCache!.misses,
      );
      // A mutation is never cacheable: the counters stay where they were.
      await app.gql(`mutation { createApiToken(input: { name: "m", role: VIEWER }) { token } }`);
      const after = await scrape(app);
      expect(after.value('tributary_graphql_response_cache_total', { result: 'hit' })).toBe(
        app.responseCache!.hits,
      );
    } finally {
      await app.close();
    }
  });

  it('has no cache counter with GRAPHQL_RESPONSE_CACHE=false', async () => {
    const app = await startTestApp({ ops: { metricsToken: METRICS_TOKEN, responseCache: null } });
    try {
      await app.gql('{ connectors(first: 5) { totalCount } }');
      const scraped = await scrape(app);
      expect(scraped.family('tributary_graphql_response_cache_total')?.metrics ?? []).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('request ids', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ ops: { slowOperationMs: 1 } });
  });
  afterAll(async () => {
    await app.close();
  });

  async function post(body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${app.adminToken}`,
        ...headers,
      },
      body: JSON.stringify(body),
    });
    return {
      res,
      body: (await res.json()) as { errors?: { extensions: Record<string, unknown> }[] },
    };
  }

  it('keeps a well-formed incoming X-Request-Id, replaces a malformed one, and puts it in errors and every log line', async () => {
    const kept = await post({ query: '{ nope }' }, { 'x-request-id': 'trace-abc-123456' });
    expect(kept.res.headers.get('x-request-id')).toBe('trace-abc-123456');
    expect(kept.body.errors?.[0].extensions.requestId).toBe('trace-abc-123456');

    const replaced = await post(
      { query: '{ viewer { name } }' },
      { 'x-request-id': 'bad id\twith spaces' },
    );
    const id = replaced.res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // Errors answered outside Apollo carry it too (401).
    const anonymous = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ viewer { name } }"}',
    });
    const body = (await anonymous.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0].extensions.requestId).toBe(anonymous.headers.get('x-request-id'));

    // A mutation's lines (the service's own logger) carry the request's id.
    const created = await post(
      {
        query: `mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id } } }`,
        variables: {
          input: {
            name: 'Traced',
            kind: 'BANK_API',
            sourceEntity: 'TRACE',
            authType: 'API_KEY',
            config: { baseUrl: 'https://api.trace.example' },
            credentials: { apiKey: 'trace-secret-key-42' },
          },
        },
      },
      { 'x-request-id': 'trace-create-000001' },
    );
    expect(created.res.status).toBe(200);
    const lines = app.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((l) => l.msg === 'connector created')?.requestId).toBe('trace-create-000001');
    // Slow operations (over 1 ms here) are logged with name and cost, never variables.
    const slow = lines.filter(
      (l) => l.msg === 'slow GraphQL operation' && l.requestId === 'trace-create-000001',
    );
    expect(slow).toEqual([
      expect.objectContaining({ operationName: 'anonymous', cost: expect.any(Number) }),
    ]);
    expect(app.logLines.join('\n')).not.toContain('trace-secret-key-42');
  });
});
