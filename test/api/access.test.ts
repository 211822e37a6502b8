import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '../support/wait';

const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name role lastUsedAt revokedAt } userErrors { code field message } }
}`;
const PAUSE = `mutation($id: ID!) { pauseConnector(id: $id) { connector { status } userErrors { code } } }`;
const CREATE_CONNECTOR = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;

describe('access', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function token(role: string): Promise<{ id: string; token: string }> {
    const res = await app.gql(CREATE_TOKEN, { input: { name: `${role} token`, role } });
    expect(res.data?.createApiToken.userErrors).toEqual([]);
    return { id: res.data?.createApiToken.apiToken.id, token: res.data?.createApiToken.token };
  }

  it('answers 401 without a token or with an unknown one', async () => {
    const none = await app.gql('{ connectors { totalCount } }', {}, null);
    expect(none.status).toBe(401);
    expect(none.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const unknown = await app.gql('{ connectors { totalCount } }', {}, 'trb_not-a-real-token');
    expect(unknown.status).toBe(401);
  });

  it('serves the admin token from the environment', async () => {
    const res = await app.gql('{ connectors { totalCount } }');
    expect(res.status).toBe(200);
    expect(res.data?.connectors.totalCount).toBe(0);
  });

  it('returns a created token once and stores only its hash', async () => {
    const { token: viewer } = await token('VIEWER');
    expect(viewer).toMatch(/^trb_[A-Za-z0-9_-]{43}$/);
    const rows = await app.db('api_tokens').select('*');
    expect(JSON.stringify(rows)).not.toContain(viewer);
    expect(rows.every((row: { tokenHash: Buffer }) => row.tokenHash.length === 32)).toBe(true);
    const listed = await app.gql('{ apiTokens { name role lastUsedAt } }');
    expect(listed.text).not.toContain(viewer);
  });

  it('lets a VIEWER read but not mutate, and records lastUsedAt', async () => {
    const viewer = await token('VIEWER');
    const read = await app.gql('{ connectors { totalCount } }', {}, viewer.token);
    expect(read.data?.connectors.totalCount).toBe(0);
    const write = await app.gql(
      CREATE_CONNECTOR,
      {
        input: {
          name: 'nope',
          kind: 'PG_API',
          sourceEntity: 'X',
          authType: 'NONE',
          config: { baseUrl: 'http://127.0.0.1:1' },
        },
      },
      viewer.token,
    );
    expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(write.data).toBeNull();
    expect(await app.db('connectors').count('* as n').first()).toEqual({ n: 0 });
    const tokens = await app.gql('{ apiTokens { name } }', {}, viewer.token);
    expect(tokens.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const listed = await app.gql<{ apiTokens: { name: string; lastUsedAt: string | null }[] }>(
      '{ apiTokens { name lastUsedAt } }',
    );
    const used = listed.data?.apiTokens.find((t) => t.name === 'VIEWER token' && t.lastUsedAt);
    expect(used).toBeDefined();
  });

  it('writes lastUsedAt at most once a minute: other requests cost one statement, the look-up', async () => {
    const viewer = await token('VIEWER');
    const sent: string[] = [];
    const onQuery = (query: { sql: string }) => {
      if (/"api_tokens"/.test(query.sql)) sent.push(query.sql);
    };
    app.db.on('query', onQuery);
    try {
      await app.gql('{ __typename }', {}, viewer.token);
      expect(sent.filter((sql) => /^update/i.test(sql))).toHaveLength(1);
      const row = await app
        .db('api_tokens')
        .where({ name: 'VIEWER token' })
        .orderBy('id', 'desc')
        .first();
      expect(row.lastUsedAt).toBeInstanceOf(Date);
      sent.length = 0;
      await Promise.all([1, 2, 3].map(() => app.gql('{ __typename }', {}, viewer.token)));
      expect(sent).toHaveLength(3);
      expect(sent.every((sql) => /^select/i.test(sql))).toBe(true);
      const again = await app.db('api_tokens').where({ id: row.id }).first();
      expect(again.lastUsedAt).toEqual(row.lastUsedAt);
    } finally {
      app.db.off('query', onQuery);
    }
  });

  it('lets an OPERATOR pause but not create or delete', async () => {
    const created = await app.gql(CREATE_CONNECTOR, {
      input: {
        name: 'op target',
        kind: 'PG_API',
        sourceEntity: 'SABPAISA',
        authType: 'NONE',
        config: { baseUrl: 'http://127.0.0.1:1' },
      },
    });
    const id = created.data?.createConnector.connector.id;
    const operator = await token('OPERATOR');
    const paused = await app.gql(PAUSE, { id }, operator.token);
    expect(paused.data?.pauseConnector).toEqual({
      connector: { status: 'PAUSED' },
      userErrors: [],
    });
    const del = await app.gql(
      `mutation($id: ID!) { deleteConnector(id: $id) { deletedId } }`,
      { id },
      operator.token,
    );
    expect(del.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const mint = await app.gql(
      CREATE_TOKEN,
      { input: { name: 'x', role: 'ADMIN' } },
      operator.token,
    );
    expect(mint.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a revoked token at once', async () => {
    const operator = await token('OPERATOR');
    expect((await app.gql('{ connectors { totalCount } }', {}, operator.token)).status).toBe(200);
    const revoked = await app.gql(
      `mutation($id: ID!) { revokeApiToken(id: $id) { apiToken { revokedAt } userErrors { code } } }`,
      { id: operator.id },
    );
    expect(revoked.data?.revokeApiToken.apiToken.revokedAt).toEqual(expect.any(String));
    expect((await app.gql('{ connectors { totalCount } }', {}, operator.token)).status).toBe(401);
    const again = await app.gql(
      `mutation($id: ID!) { revokeApiToken(id: $id) { apiToken { id } userErrors { code } } }`,
      { id: operator.id },
    );
    expect(again.data?.revokeApiToken.userErrors).toEqual([{ code: 'INVALID_STATE' }]);
  });

  it('rejects an empty token name as a userError', async () => {
    const res = await app.gql(CREATE_TOKEN, { input: { name: '  ', role: 'VIEWER' } });
    expect(res.data?.createApiToken).toMatchObject({
      token: null,
      apiToken: null,
      userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'name'] }],
    });
  });

  describe('over WebSocket', () => {
    function connect(authorization?: string) {
      return createClient({
        url: app.wsUrl,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: authorization ? { authorization } : {},
      });
    }

    it('closes with 4401 without a valid token', async () => {
      const client = connect('Bearer wrong');
      const closed = new Promise<number>((resolve) =>
        client.on('closed', (event) => resolve((event as { code: number }).code)),
      );
      const result = new Promise((resolve) =>
        client.subscribe(
          { query: '{ connectors { totalCount } }' },
          { next: resolve, error: resolve, complete: () => {} },
        ),
      );
      expect(await closed).toBe(4401);
      await result;
      await client.dispose();
    });

    it('serves subscriptions to a valid token given in connectionParams, and refuses queries', async () => {
      const client = connect(`Bearer ${app.adminToken}`);
      const refused = await new Promise<unknown>((resolve) =>
        client.subscribe(
          { query: '{ connectors { totalCount } }' },
          { next: resolve, error: resolve, complete: () => {} },
        ),
      );
      // Queries and mutations go over HTTP only (src/server/socket-policy.ts).
      expect(refused).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('only subscriptions are served over WebSocket'),
          extensions: { code: 'BAD_REQUEST' },
        }),
      ]);
      const before = app.notifier.subscriberCount;
      const events = client.iterate({ query: 'subscription { schedulerUpdated { running } }' });
      const next = events.next();
      await waitFor('the subscription', () => app.notifier.subscriberCount > before);
      await app.services.scheduler.start();
      await app.services.scheduler.stop();
      const first = await next;
      expect(first.value).toEqual({ data: { schedulerUpdated: { running: expect.any(Boolean) } } });
      await events.return?.();
      await client.dispose();
    });
  });
});
