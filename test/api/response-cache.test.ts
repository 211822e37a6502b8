/**
 * The GraphQL response cache (src/server/response-cache.ts) through the API:
 * a repeated query is answered from memory while the database is unchanged,
 * and never once anything was written, on this process or another one.
 *
 * The apps here keep entries for a minute (GRAPHQL_RESPONSE_CACHE_TTL_MS),
 * so an answer that outlived a write would show: only the key (the database
 * snapshot, the caller) keeps them right.
 */
import { CONNECTORS_PAGE } from '../../bench/api-queries';
import { defaultOpsConfig, loadConfig } from '../../src/config';
import { startTestApp, type TestApp } from '../support/app';
import { IssuerProvider } from '../support/issuer-provider';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';
import { startSplitApps, type SplitApps } from '../support/split-apps';
import { sleep, waitFor } from '../support/wait';

const LONG = { responseCache: { ...defaultOpsConfig().responseCache!, ttlMs: 60_000 } };

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { message } }
}`;
const RENAME = `mutation($input: UpdateConnectorInput!) {
  updateConnector(input: $input) { connector { id name } userErrors { message } }
}`;
const NAMES = `{ connectors(first: 50) { edges { node { id name status } } } }`;

async function createConnector(app: TestApp, name: string): Promise<string> {
  const res = await app.gql(CREATE, {
    input: {
      name,
      kind: 'ISSUER_API',
      sourceEntity: name.toUpperCase().replace(/\W/g, '_'),
      authType: 'API_KEY',
      config: { baseUrl: 'http://127.0.0.1:1' },
      credentials: { apiKey: 'key' },
    },
  });
  expect(res.data?.createConnector.userErrors).toEqual([]);
  return res.data!.createConnector.connector.id;
}

function nameOf(res: { data?: Record<string, any> }, id: string): string | undefined {
  return res.data?.connectors.edges.find((edge: any) => edge.node.id === id)?.node.name;
}

describe('response cache on one process', () => {
  let app: TestApp;
  let connectorId: string;
  beforeAll(async () => {
    app = await startTestApp({ ops: LONG });
    connectorId = await createConnector(app, 'cached one');
    // Only requests write from here (no anchoring timer).
    await app.services.anchors.stop();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers a repeated query from the cache, with only the token check, while nothing is written', async () => {
    // Other test files write to other databases of the same server, which
    // also moves the snapshot: try until two requests fall between writes.
    const first = await app.gql(CONNECTORS_PAGE, { first: 50 });
    expect(first.errors).toBeUndefined();
    const sql: string[] = [];
    const onQuery = (query: { sql: string }) => sql.push(query.sql);
    const hit = await waitFor('a request answered from the cache', async () => {
      const hitsBefore = app.responseCache!.hits;
      sql.length = 0;
      app.db.on('query', onQuery);
      try {
        const again = await app.gql(CONNECTORS_PAGE, { first: 50 });
        return app.responseCache!.hits > hitsBefore && again;
      } finally {
        app.db.off('query', onQuery);
      }
    });
    expect(hit.text).toBe(first.text);
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/"api_tokens"/);
  });

  it('a mutation is seen by the next query, however long entries live', async () => {
    for (const name of ['renamed once', 'renamed twice', 'renamed thrice']) {
      expect(nameOf(await app.gql(NAMES), connectorId)).not.toBe(name);
      const renamed = await app.gql(RENAME, { input: { id: connectorId, name } });
      expect(renamed.data?.updateConnector.userErrors).toEqual([]);
      expect(nameOf(await app.gql(NAMES), connectorId)).toBe(name);
    }
    const paused = await app.gql(
      `mutation($id: ID!) { pauseConnector(id: $id) { userErrors { message } } }`,
      {
        id: connectorId,
      },
    );
    expect(paused.data?.pauseConnector.userErrors).toEqual([]);
    const after = await app.gql(NAMES);
    expect(
      after.data!.connectors.edges.find((e: any) => e.node.id === connectorId).node.status,
    ).toBe('PAUSED');
  });

  it('a write made without the API (psql, another program) is seen by the next query', async () => {
    await app.gql(NAMES);
    await app.gql(NAMES);
    await app.db('connectors').update({ name: 'renamed in SQL' });
    expect(nameOf(await app.gql(NAMES), connectorId)).toBe('renamed in SQL');
  });

  it('never caches mutations, nor queries that are not answered from the database alone', async () => {
    const before = { ...app.responseCache! };
    // The same mutation twice: two tokens.
    const mint = `mutation { createApiToken(input: { name: "twice", role: VIEWER }) { token } }`;
    const tokens = [await app.gql(mint), await app.gql(mint)].map(
      (res) => res.data!.createApiToken.token,
    );
    expect(new Set(tokens).size).toBe(2);
    // This process's scheduler state.
    await app.gql(`{ scheduler { running } }`);
    await app.gql(`{ scheduler { running } }`);
    expect(app.responseCache!).toEqual(before);
  });

  it('a query whose variables are too deep to key is answered as before, uncached', async () => {
    const depth = 100_000;
    const nested = '{"n":'.repeat(depth) + '1' + '}'.repeat(depth);
    const query = `query($f: TransactionFilter) { transactions(filter: $f) { totalCount } }`;
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminToken}` },
      body: `{"query":${JSON.stringify(query)},"variables":{"f":${nested}}}`,
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(res.status).toBe(400);
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an entry lives no longer than its lifetime', async () => {
    const short = await startTestApp({
      database: app.database,
      ops: { responseCache: { ...LONG.responseCache, ttlMs: 50 } },
    });
    try {
      const before = { ...short.responseCache! };
      await short.gql(NAMES);
      await sleep(150);
      await short.gql(NAMES);
      expect(short.responseCache!.hits).toBe(before.hits);
      expect(short.responseCache!.misses).toBe(before.misses + 2);
    } finally {
      await short.close();
    }
  });

  it('keeps at most GRAPHQL_RESPONSE_CACHE_ITEMS answers and _MAX_MB of them', async () => {
    const hitsOf = async (app2: TestApp, ask: () => Promise<unknown>) => {
      const before = app2.responseCache!.hits;
      await ask();
      return app2.responseCache!.hits - before;
    };
    const one = await startTestApp({
      database: app.database,
      ops: { responseCache: { ...LONG.responseCache, maxEntries: 1 } },
    });
    const tiny = await startTestApp({
      database: app.database,
      ops: { responseCache: { ...LONG.responseCache, maxBytes: 100 } },
    });
    try {
      // A repeated query is found again (tried until no other test file wrote meanwhile)...
      await waitFor('a hit with one entry', async () => {
        await one.gql(NAMES);
        return (await hitsOf(one, () => one.gql(NAMES))) === 1;
      });
      // ...but not once another answer took its place.
      await one.gql(NAMES);
      await one.gql(`{ viewer { name } }`);
      expect(await hitsOf(one, () => one.gql(NAMES))).toBe(0);
      // An answer bigger than the cache is never kept (this one is about 200 bytes).
      for (let i = 0; i < 5; i += 1) {
        await tiny.gql(NAMES);
        expect(await hitsOf(tiny, () => tiny.gql(NAMES))).toBe(0);
      }
      expect(tiny.responseCache!.misses).toBeGreaterThanOrEqual(10);
    } finally {
      await tiny.close();
      await one.close();
    }
  });

  it('a VIEWER never gets what an ADMIN got, nor the other way round', async () => {
    const created = await app.gql(
      `mutation { createApiToken(input: { name: "reader", role: VIEWER }) { token userErrors { message } } }`,
    );
    const viewerToken = created.data!.createApiToken.token as string;
    const query = `{ viewer { name role } webhooks { id url } }`;
    // Twice each way, so the second of each could be a cached answer.
    for (let i = 0; i < 2; i += 1) {
      const admin = await app.gql(query);
      expect(admin.errors).toBeUndefined();
      expect(admin.data!.viewer.role).toBe('ADMIN');
      expect(admin.data!.webhooks).toEqual([]);
      const viewer = await app.gql(query, {}, viewerToken);
      expect(viewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(viewer.data ?? null).toBeNull();
      const who = await app.gql(`{ viewer { name role } }`, {}, viewerToken);
      expect(who.data!.viewer).toEqual({ name: 'token:reader', role: 'VIEWER' });
    }
  });
});

describe('response cache across processes', () => {
  let apps: SplitApps;
  let issuer: IssuerProvider;
  beforeAll(async () => {
    apps = await startSplitApps(true, { ops: LONG });
    issuer = await IssuerProvider.start();
  });
  afterAll(async () => {
    await issuer?.close();
    await apps?.close();
  });

  it("a write on another process is seen once it commits (the worker's mutation here)", async () => {
    const { api, worker } = apps;
    const id = await createConnector(api, 'across');
    await api.gql(NAMES);
    await api.gql(NAMES);
    const renamed = await worker.gql(RENAME, { input: { id, name: 'renamed elsewhere' } });
    expect(renamed.data?.updateConnector.userErrors).toEqual([]);
    await waitFor(
      'the API process to answer with the new name',
      async () => nameOf(await api.gql(NAMES), id) === 'renamed elsewhere',
      5_000,
    );
  });

  it("a run's progress on the worker changes the API process's connectors page", async () => {
    const { api } = apps;
    issuer.seed(200);
    const connectorId = await createIssuerConnector(api, issuer, 'Progressing', {
      pageSize: 10,
      verifyPath: null,
    });
    issuer.pageDelayMs = 30;
    const lastRunOf = async () => {
      const res = await api.gql(CONNECTORS_PAGE, { first: 50 });
      expect(res.errors).toBeUndefined();
      return res.data!.connectors.edges.find((e: any) => e.node.id === connectorId).node.lastRun;
    };
    expect(await lastRunOf()).toBeNull();
    const runId = await queueRun(api, connectorId);
    const seen = new Set<string>();
    const final = await waitFor(
      'the run to finish',
      async () => {
        const lastRun = await lastRunOf();
        if (lastRun) seen.add(`${lastRun.status} ${lastRun.stats.recordsFetched}`);
        return lastRun?.status === 'SUCCESS' && lastRun;
      },
      30_000,
      20,
    );
    expect(final.id).toBe(runId);
    expect(final.stats.recordsFetched).toBe(200);
    expect(final.stats.recordsCreated).toBe(200);
    // Queued or running, some pages in, and done: each a different answer.
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });
});

describe('GRAPHQL_RESPONSE_CACHE', () => {
  it('is on by default and off with false', () => {
    expect(loadConfig({}).ops.responseCache).toEqual({
      ttlMs: 1_000,
      maxEntries: 1_000,
      maxBytes: 32 * 1024 * 1024,
    });
    expect(loadConfig({ GRAPHQL_RESPONSE_CACHE: 'false' }).ops.responseCache).toBeNull();
    expect(
      loadConfig({ GRAPHQL_RESPONSE_CACHE_TTL_MS: '250', GRAPHQL_RESPONSE_CACHE_MAX_MB: '8' }).ops
        .responseCache,
    ).toMatchObject({ ttlMs: 250, maxBytes: 8 * 1024 * 1024 });
  });
});
