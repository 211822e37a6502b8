import 'reflect-metadata';
import {
  getIntrospectionQuery,
  GraphQLString,
  parse,
  type DocumentNode,
  type GraphQLArgument,
} from 'graphql';
import WebSocket from 'ws';
import { defaultOpsConfig } from '../../src/config';
import { checkQueryLimits, placeholderVariables } from '../../src/limits/query-limits';
import { buildTributarySchema } from '../../src/schema/build';
import { JSONScalar } from '../../src/schema/scalars';
import { argumentProblems, FIELD_LIMITS } from '../../src/limits/input-limits';
import { startTestApp, type TestApp } from '../support/app';
import { sleep, waitFor } from '../support/wait';

/**
 * Every limit at the door, each with a request just under it (answered) and
 * just over it (one clear error, nothing written, no resolver run).
 */

const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token userErrors { code field message } }
}`;
const CREATE_CONNECTOR = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;

async function post(app: TestApp, body: string, token = app.adminToken) {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
}

/** `connectors { edges { node { lastRun { connector { ... } } } } }` nested to `depth` fields. */
function deepQuery(depth: number): string {
  // connectors(1) edges(2) node(3), then lastRun/connector alternating, then id.
  const inner: string[] = [];
  for (let level = 4; level < depth; level++) inner.push(level % 2 === 0 ? 'lastRun' : 'connector');
  return `{ connectors { edges { node { ${inner.map((f) => `${f} {`).join(' ')} id ${'}'.repeat(inner.length)} } } } }`;
}

function tokensFit(document: string): boolean {
  try {
    parse(document, { maxTokens: 5000 });
    return true;
  } catch {
    return false;
  }
}

describe('limits', () => {
  let app: TestApp;
  let tokenCount: () => Promise<number>;

  beforeAll(async () => {
    app = await startTestApp();
    tokenCount = async () => Number((await app.db('apiTokens').count('* as n'))[0].n);
  });
  afterAll(async () => {
    await app.close();
  });

  it('body size: 1 MB is read, a byte more is 413 with a GraphQL error', async () => {
    const query = '{ viewer { name } }';
    const envelope = JSON.stringify({ query }).length;
    const limit = 1024 * 1024;
    const fits = JSON.stringify({ query: query + ' '.repeat(limit - envelope) });
    expect(fits.length).toBe(limit);
    const under = await post(app, fits);
    expect(under.status).toBe(200);
    expect(under.body.data.viewer.name).toBe('admin');

    const over = await post(
      app,
      JSON.stringify({ query: query + ' '.repeat(limit - envelope + 1) }),
    );
    expect(over.status).toBe(413);
    expect(over.body).toEqual({
      errors: [
        {
          message: `the request body is over the limit of ${limit} bytes (BODY_LIMIT_BYTES)`,
          extensions: {
            code: 'BAD_REQUEST',
            limit: 'BODY_LIMIT_BYTES',
            max: limit,
            requestId: expect.any(String),
          },
        },
      ],
    });
  });

  it('query depth: 12 levels answer, 13 is one QUERY_TOO_COMPLEX error', async () => {
    const under = await app.gql(deepQuery(12));
    expect(under.errors).toBeUndefined();
    expect(under.status).toBe(200);

    const over = await app.gql(deepQuery(13));
    expect(over.status).toBe(400);
    expect(over.errors).toEqual([
      {
        message: 'Query depth limit of 12 exceeded, found 13. (GRAPHQL_MAX_DEPTH)',
        extensions: {
          code: 'QUERY_TOO_COMPLEX',
          limit: 'GRAPHQL_MAX_DEPTH',
          max: 12,
          actual: 13,
          requestId: expect.any(String),
        },
      },
    ]);
  });

  it('aliases: 30 run, 31 are refused before any resolver runs', async () => {
    const mutation = (count: number, prefix: string) =>
      `mutation { ${Array.from(
        { length: count },
        (_, i) =>
          `t${i}: createApiToken(input: { name: "${prefix}-${i}", role: VIEWER }) { token }`,
      ).join(' ')} }`;
    const before = await tokenCount();
    const over = await app.gql(mutation(31, 'over'));
    expect(over.status).toBe(400);
    expect(over.errors).toEqual([
      {
        message: 'Aliases limit of 30 exceeded, found 31. (GRAPHQL_MAX_ALIASES)',
        extensions: {
          code: 'QUERY_TOO_COMPLEX',
          limit: 'GRAPHQL_MAX_ALIASES',
          max: 30,
          actual: 31,
          requestId: expect.any(String),
        },
      },
    ]);
    expect(await tokenCount()).toBe(before);

    const under = await app.gql(mutation(30, 'under'));
    expect(under.errors).toBeUndefined();
    expect(await tokenCount()).toBe(before + 30);
  });

  it('cost: lists are costed by their `first`; 4801 answers, 5101 is refused', async () => {
    // connectors(first: 100) × (edges + node + runs(first: n) × (edges + node + id)) = 301 + 300n
    const query = `query($n: Int) { connectors(first: 100) { edges { node { runs(first: $n) { edges { node { id } } } } } } }`;
    const under = await app.gql(query, { n: 15 });
    expect(under.errors).toBeUndefined();
    // Asked again (its cost is remembered by document and variables), then with other variables.
    expect((await app.gql(query, { n: 15 })).errors).toBeUndefined();
    expect((await app.gql(query, { n: 16 })).status).toBe(400);
    const over = await app.gql(query, { n: 16 });
    expect(over.status).toBe(400);
    expect(over.errors).toEqual([
      {
        message:
          'query cost 5101 is over the limit of 5000 (GRAPHQL_MAX_COST); ask for smaller pages (`first`) or fewer nested lists',
        extensions: {
          code: 'QUERY_TOO_COMPLEX',
          limit: 'GRAPHQL_MAX_COST',
          max: 5000,
          actual: 5101,
          requestId: expect.any(String),
        },
      },
    ]);
  });

  it('tokens: a document of 5000 tokens is parsed, 5001 is refused', async () => {
    // A JSON literal of n keys (three tokens each: name, colon, value); n
    // is the most graphql-js's own count lets through at 5000.
    const doc = (n: number) =>
      `mutation { createConnector(input: { name: "Tokens", kind: BANK_API, sourceEntity: "T", authType: NONE, config: { ${Array.from(
        { length: n },
        (_, i) => `k${i}: ${i}`,
      ).join(' ')} } }) { userErrors { code } } }`;
    let [n, high] = [1, 5000];
    while (high - n > 1) {
      const mid = Math.floor((n + high) / 2);
      if (tokensFit(doc(mid))) n = mid;
      else high = mid;
    }
    const under = await app.gql(doc(n));
    expect(under.errors).toBeUndefined();
    const over = await app.gql(doc(n + 1));
    expect(over.status).toBe(400);
    expect(over.errors).toEqual([
      {
        message: 'the document has more than 5000 tokens (GRAPHQL_MAX_TOKENS)',
        extensions: {
          code: 'QUERY_TOO_COMPLEX',
          limit: 'GRAPHQL_MAX_TOKENS',
          max: 5000,
          requestId: expect.any(String),
        },
      },
    ]);
  });

  it('batched requests are off: one BAD_REQUEST error, no operation runs', async () => {
    const before = await tokenCount();
    const op = (name: string) => ({
      query: CREATE_TOKEN,
      variables: { input: { name, role: 'VIEWER' } },
    });
    const res = await post(app, JSON.stringify([op('batch-a'), op('batch-b')]));
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(await tokenCount()).toBe(before);
  });

  it('introspection answers authenticated callers only', async () => {
    const anonymous = await app.gql('{ __schema { queryType { name } } }', {}, null);
    expect(anonymous.status).toBe(401);
    const authed = await app.gql('{ __schema { queryType { name } } }');
    expect(authed.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    // GraphiQL's full introspection query (deeply nested ofType) is within the limits.
    const full = await app.gql(getIntrospectionQuery());
    expect(full.errors).toBeUndefined();
    expect(full.data!.__schema.types.length).toBeGreaterThan(50);
  });

  describe('field sizes', () => {
    const apiConnector = (name: string, apiKey: string, config: Record<string, unknown> = {}) => ({
      input: {
        name,
        kind: 'BANK_API',
        sourceEntity: 'ICICI_BANK',
        authType: 'API_KEY',
        config: { baseUrl: 'https://api.icici.example', ...config },
        credentials: { apiKey },
      },
    });
    const connectorCount = async () => Number((await app.db('connectors').count('* as n'))[0].n);

    it('an API key of 8 KB is stored, a byte more is INVALID_INPUT naming the field', async () => {
      const before = await connectorCount();
      const tooLong = 'k'.repeat(FIELD_LIMITS.secretBytes + 1);
      const over = await app.gql(CREATE_CONNECTOR, apiConnector('Key over', tooLong));
      expect(over.data!.createConnector).toEqual({
        connector: null,
        userErrors: [
          {
            code: 'INVALID_INPUT',
            field: ['input', 'credentials', 'apiKey'],
            message: 'apiKey must be at most 8192 bytes',
          },
        ],
      });
      expect(over.text).not.toContain('kkkkkkkk');
      expect(await connectorCount()).toBe(before);
      // Multi-byte characters count as the bytes they take.
      const wide = 'é'.repeat(FIELD_LIMITS.secretBytes / 2 + 1);
      const overWide = await app.gql(CREATE_CONNECTOR, apiConnector('Key wide', wide));
      expect(overWide.data!.createConnector.userErrors[0].field).toEqual([
        'input',
        'credentials',
        'apiKey',
      ]);

      const fits = 'k'.repeat(FIELD_LIMITS.secretBytes);
      const under = await app.gql(CREATE_CONNECTOR, apiConnector('Key under', fits));
      expect(under.data!.createConnector.userErrors).toEqual([]);
      expect(await connectorCount()).toBe(before + 1);
      expect(app.logLines.join('\n')).not.toContain('kkkkkkkk');
    });

    it('a private key of 16 KB is stored, a byte more is refused', async () => {
      const sftp = (name: string, privateKey: string) => ({
        input: {
          name,
          kind: 'BANK_SFTP',
          sourceEntity: 'HDFC_BANK',
          authType: 'SSH_KEY',
          config: { host: 'sftp.hdfc.example', remoteDir: '/outbox' },
          credentials: { username: 'tributary', privateKey },
        },
      });
      const over = await app.gql(
        CREATE_CONNECTOR,
        sftp('Key file over', 'p'.repeat(FIELD_LIMITS.privateKeyBytes + 1)),
      );
      expect(over.data!.createConnector.userErrors).toEqual([
        {
          code: 'INVALID_INPUT',
          field: ['input', 'credentials', 'privateKey'],
          message: 'privateKey must be at most 16384 bytes',
        },
      ]);
      const under = await app.gql(
        CREATE_CONNECTOR,
        sftp('Key file under', 'p'.repeat(FIELD_LIMITS.privateKeyBytes)),
      );
      expect(under.data!.createConnector.userErrors).toEqual([]);
    });

    it('names, cron expressions, URLs and config depth and size have bounds', async () => {
      const over = await app.gql(CREATE_CONNECTOR, {
        input: {
          ...apiConnector('n'.repeat(201), 'key').input,
          schedule: { enabled: true, cron: '*'.repeat(121) },
          config: { baseUrl: `https://x.example/${'u'.repeat(2_048)}` },
        },
      });
      expect(over.data!.createConnector.userErrors).toEqual([
        {
          code: 'INVALID_INPUT',
          field: ['input', 'name'],
          message: 'name must be at most 200 characters',
        },
        {
          code: 'INVALID_INPUT',
          field: ['input', 'config', 'baseUrl'],
          message: 'baseUrl must be at most 2048 characters',
        },
        {
          code: 'INVALID_INPUT',
          field: ['input', 'schedule', 'cron'],
          message: 'cron must be at most 120 characters',
        },
      ]);
      let nested: Record<string, unknown> = {};
      for (let i = 0; i < FIELD_LIMITS.jsonDepth; i++) nested = { n: nested };
      const deep = await app.gql(
        CREATE_CONNECTOR,
        apiConnector('Deep', 'key', { fieldMap: nested }),
      );
      expect(deep.data!.createConnector.userErrors).toEqual([
        {
          code: 'INVALID_INPUT',
          field: ['input', 'config'],
          message: 'config must nest at most 8 levels',
        },
      ]);
      const big = await app.gql(
        CREATE_CONNECTOR,
        apiConnector('Big', 'key', { note: 'x'.repeat(FIELD_LIMITS.jsonBytes) }),
      );
      expect(big.data!.createConnector.userErrors).toEqual([
        {
          code: 'INVALID_INPUT',
          field: ['input', 'config'],
          message: 'config must be at most 65536 bytes as JSON',
        },
      ]);
    });

    it('a config nested 100,000 levels deep is refused as data, not a crash', async () => {
      const depth = 100_000;
      const nested = '{"n":'.repeat(depth) + '1' + '}'.repeat(depth);
      const body = `{"query":${JSON.stringify(CREATE_CONNECTOR)},"variables":{"input":{"name":"Abyss","kind":"BANK_API","sourceEntity":"X","authType":"API_KEY","config":${nested},"credentials":{"apiKey":"k"}}}}`;
      const res = await post(app, body);
      expect(res.status).toBe(200);
      expect(res.body.data.createConnector.userErrors).toEqual([
        {
          code: 'INVALID_INPUT',
          field: ['input', 'config'],
          message: 'config must nest at most 8 levels',
        },
      ]);
    });

    it('a search string over 200 characters is a BAD_USER_INPUT error, 200 is searched', async () => {
      const query = `query($s: String) { connectors(search: $s) { totalCount } }`;
      expect((await app.gql(query, { s: 's'.repeat(200) })).data).toEqual({
        connectors: { totalCount: 0 },
      });
      const over = await app.gql(query, { s: 's'.repeat(201) });
      expect(over.errors).toEqual([
        expect.objectContaining({
          message: 'search: search must be at most 200 characters',
          extensions: { code: 'BAD_USER_INPUT', requestId: expect.any(String) },
        }),
      ]);
    });

    it('each rule at its edge (unit)', () => {
      // Arguments typed as the schema types them: String, or the JSON scalar.
      const at = (args: Record<string, unknown>) =>
        argumentProblems(
          args,
          Object.entries(args).map(
            ([name, value]) =>
              ({
                name,
                type: typeof value === 'string' ? GraphQLString : JSONScalar,
              }) as GraphQLArgument,
          ),
        ).map((p) => p.field.join('.'));
      expect(at({ email: 'e'.repeat(320) })).toEqual([]);
      expect(at({ email: 'e'.repeat(321) })).toEqual(['email']);
      expect(at({ after: 'c'.repeat(200) })).toEqual([]);
      expect(at({ after: 'c'.repeat(201) })).toEqual(['after']);
      expect(at({ note: 'n'.repeat(10_000) })).toEqual([]);
      expect(at({ note: 'n'.repeat(10_001) })).toEqual(['note']);
      expect(at({ credentials: { password: 'p'.repeat(8192) } })).toEqual([]);
      expect(at({ credentials: { password: 'p'.repeat(8193) } })).toEqual(['credentials.password']);
      let nested: Record<string, unknown> = { leaf: 1 };
      for (let i = 1; i < FIELD_LIMITS.jsonDepth; i++) nested = { n: nested };
      expect(at({ metadata: nested })).toEqual([]);
      expect(at({ metadata: { n: nested } })).toEqual(['metadata']);
    });
  });
});

describe('limits per token and per socket', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ ops: { rateLimitPerMinute: 5, wsInitTimeoutMs: 400 } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('rate limit: 5 requests a minute pass, the sixth is 429 with Retry-After; other tokens are not held', async () => {
    const other = await app.gql(CREATE_TOKEN, { input: { name: 'other', role: 'VIEWER' } });
    const otherToken: string = other.data!.createApiToken.token;
    const query = JSON.stringify({ query: '{ viewer { name } }' });
    for (let i = 0; i < 4; i++) expect((await post(app, query)).status).toBe(200);
    const sixth = await post(app, query);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(sixth.body.errors).toEqual([
      {
        message:
          'too many requests: over 5 a minute for this token (GRAPHQL_RATE_LIMIT_PER_MINUTE); retry after the Retry-After seconds',
        extensions: {
          code: 'RATE_LIMITED',
          limit: 'GRAPHQL_RATE_LIMIT_PER_MINUTE',
          max: 5,
          requestId: expect.any(String),
        },
      },
    ]);
    expect((await post(app, query, otherToken)).status).toBe(200);
  });

  async function socket(): Promise<{ ws: WebSocket; closed: Promise<number>; messages: string[] }> {
    const ws = new WebSocket(app.wsUrl, 'graphql-transport-ws');
    const messages: string[] = [];
    ws.on('message', (data) => messages.push(String(data)));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.once('open', resolve));
    return { ws, closed, messages };
  }

  it('a socket without connection_init within WS_INIT_TIMEOUT_MS is closed 4408; one in time is acknowledged', async () => {
    const silent = await socket();
    expect(await silent.closed).toBe(4408);

    // In time: sent on open. Acknowledged, and still open once the init timeout has passed.
    const prompt = await socket();
    prompt.ws.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${app.adminToken}` },
      }),
    );
    await waitFor('the connection_ack', () => prompt.messages.length > 0, 10_000, 10);
    await sleep(600);
    expect(prompt.messages.map((m) => JSON.parse(m).type)).toEqual(['connection_ack']);
    expect(prompt.ws.readyState).toBe(WebSocket.OPEN);
    prompt.ws.close();
  });

  it('operations over the socket keep the same depth limit', async () => {
    const { ws, messages } = await socket();
    ws.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${app.adminToken}` },
      }),
    );
    await waitFor('the connection_ack', () => messages.length > 0, 10_000, 10);
    ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: deepQuery(13) } }));
    const error = await waitFor(
      'the error',
      () => messages.map((m) => JSON.parse(m)).find((m) => m.type === 'error'),
      10_000,
      10,
    );
    expect(error.payload).toEqual([
      expect.objectContaining({
        message: 'Query depth limit of 12 exceeded, found 13. (GRAPHQL_MAX_DEPTH)',
        extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }),
      }),
    ]);
    ws.close();
  });
});

describe('what users type reaches SQL only as bound parameters', () => {
  let app: TestApp;
  const statements: { sql: string; bindings: unknown[] }[] = [];
  const INJECTIONS = [
    `'; DROP TABLE connectors; --`,
    `%' OR '1'='1`,
    `x' UNION SELECT token_hash FROM api_tokens --`,
    `\\'; SELECT pg_sleep(5); --`,
  ];

  beforeAll(async () => {
    app = await startTestApp();
    app.db.on('query', (query: { sql: string; bindings?: unknown[] }) =>
      statements.push({ sql: query.sql, bindings: query.bindings ?? [] }),
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('in search strings, filters and cursors: nothing matches, nothing breaks, no statement holds the text', async () => {
    const created = await app.gql(CREATE_CONNECTOR, {
      input: {
        name: 'Ledger',
        kind: 'BANK_API',
        sourceEntity: 'LEDGER',
        authType: 'API_KEY',
        config: { baseUrl: 'https://api.ledger.example' },
        credentials: { apiKey: 'k' },
      },
    });
    expect(created.data!.createConnector.userErrors).toEqual([]);
    for (const text of INJECTIONS) {
      const connectors = await app.gql(
        `query($s: String) { connectors(search: $s) { totalCount edges { node { name } } } }`,
        { s: text },
      );
      expect(connectors.data).toEqual({ connectors: { totalCount: 0, edges: [] } });
      const credentials = await app.gql(
        `query($f: CredentialFilter) { credentials(filter: $f) { totalCount } }`,
        { f: { search: text, learnerEmail: text } },
      );
      expect(credentials.data).toEqual({ credentials: { totalCount: 0 } });
      const learner = await app.gql(`query($e: String!) { learner(email: $e) { email } }`, {
        e: text,
      });
      expect(learner.errors).toBeUndefined();
      // A cursor carrying SQL is not a cursor: refused before any query.
      const cursor = Buffer.from(`cursor:1 ${text}`).toString('base64url');
      const page = await app.gql(`query($a: String) { connectors(after: $a) { totalCount } }`, {
        a: cursor,
      });
      expect(page.errors?.[0]).toMatchObject({
        message: 'after is not a cursor from this connection',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    // Every typed text went to Postgres as a bound value, never inside a statement.
    for (const text of INJECTIONS) {
      expect(
        statements.some((s) => s.bindings.some((b) => String(b).includes(text.slice(0, 12)))),
      ).toBe(true);
      expect(statements.filter((s) => s.sql.includes(text.slice(0, 12)))).toEqual([]);
    }
    const still = await app.gql(`{ connectors { totalCount } }`);
    expect(still.data).toEqual({ connectors: { totalCount: 1 } });
  });
});

describe('the dashboard', () => {
  it('sends only operations within the default limits', async () => {
    // The client's generated documents (graphql-codegen), as it sends them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const client = require('../../client/src/gql/graphql') as Record<string, unknown>;
    const documents = Object.entries(client).filter(
      ([name, value]) => name.endsWith('Document') && (value as DocumentNode)?.kind === 'Document',
    );
    expect(documents.length).toBeGreaterThan(10);
    const schema = await buildTributarySchema();
    const limits = defaultOpsConfig();
    for (const [name, document] of documents) {
      // Variables as the socket sees them: unknown, an Int at the largest page.
      const doc = document as DocumentNode;
      const checked = checkQueryLimits(limits, schema, doc, placeholderVariables(schema, doc));
      expect({ name, ...('error' in checked ? { error: checked.error.message } : {}) }).toEqual({
        name,
      });
      // A real cost was worked out (not skipped for want of variables).
      expect({ name, costed: 'cost' in checked && checked.cost > 0 }).toEqual({
        name,
        costed: true,
      });
    }
  });
});
