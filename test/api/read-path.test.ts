/**
 * The read path costs a fixed number of SQL statements per level of nesting,
 * whatever the page size: the dashboard's connectors page at 5 and at 50
 * connectors sends the same statements (an N+1 coming back adds 45 or more).
 */
import { CONNECTORS_PAGE, RUN_HISTORY } from '../../bench/api-queries';
import { startTestApp, type TestApp } from '../support/app';

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { message } }
}`;

const STATUSES = [
  'SUCCESS',
  'FAILED',
  'PARTIAL_SUCCESS',
  'SUCCESS',
  'CANCELLED',
  'SUCCESS',
  'SUCCESS',
];

describe('read path statements', () => {
  let app: TestApp;
  /** Connector row id -> its run row ids, newest first. */
  const runsOf = new Map<number, number[]>();
  /** Connector row id -> its newest sync (not TEST) run's id. */
  const lastRunOf = new Map<number, number | undefined>();
  let connectorIds: number[] = [];

  beforeAll(async () => {
    // The statements of the read path itself: the response cache (which would
    // answer a repeated query with none) is off here; response-cache.test.ts tests it.
    app = await startTestApp({ ops: { responseCache: null } });
    for (let i = 0; i < 50; i += 1) {
      const res = await app.gql(CREATE, {
        input: {
          name: `read ${i}`,
          kind: 'ISSUER_API',
          sourceEntity: `ISSUER_${i}`,
          authType: 'API_KEY',
          config: { baseUrl: 'http://127.0.0.1:1' },
          credentials: { apiKey: `key-${i}` },
          schedule: i % 2 ? { enabled: true, cron: '*/5 * * * *', timezone: 'Asia/Kolkata' } : null,
        },
      });
      expect(res.data?.createConnector.userErrors).toEqual([]);
    }
    connectorIds = (await app.db('connectors').select('id').orderBy('id')).map((row) => row.id);
    // A history of 0..7 finished runs per connector, with skipped records on some.
    for (const [i, connectorId] of connectorIds.entries()) {
      const count = i % 8;
      const ids: number[] = [];
      for (let n = 0; n < count; n += 1) {
        const [run] = await app
          .db('runs')
          .insert({
            connectorId,
            type: n % 3 ? 'MANUAL' : 'SCHEDULED',
            status: STATUSES[n],
            phase: 'DONE',
            triggeredBy: 'test',
            recordsFetched: 10 + n,
            recordsCreated: n,
            recordsSkipped: n % 2,
            startedAt: new Date(Date.UTC(2026, 0, 1, 0, n)),
            completedAt: new Date(Date.UTC(2026, 0, 1, 0, n, 30)),
          })
          .returning('id');
        ids.unshift(run.id);
        if (n % 2) {
          await app.db('skippedRecords').insert({
            runId: run.id,
            connectorId,
            externalId: `x${n}`,
            reason: 'DUPLICATE',
            message: 'seen before',
          });
        }
      }
      // The newest run of some is a TEST run: in runs(), not lastRun.
      lastRunOf.set(connectorId, ids[0]);
      if (i % 8 === 5) {
        const [test] = await app
          .db('runs')
          .insert({
            connectorId,
            type: 'TEST',
            status: 'SUCCESS',
            phase: 'DONE',
            triggeredBy: 'test',
            startedAt: new Date(Date.UTC(2026, 0, 2)),
            completedAt: new Date(Date.UTC(2026, 0, 2, 0, 0, 1)),
          })
          .returning('id');
        ids.unshift(test.id);
      }
      runsOf.set(connectorId, ids);
    }
    // Only the requests' own statements on the pool from here (no anchoring timer).
    await app.services.anchors.stop();
  });
  afterAll(async () => {
    await app.close();
  });

  /**
   * The statements the app's pool sends while `body` runs for the query
   * itself: the bearer token's check (the same for every request: its
   * look-up on api_tokens, and lastUsedAt once a minute) left out.
   */
  async function statements<T>(body: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
    const sql: string[] = [];
    const onQuery = (query: { sql: string }) => {
      if (!/"api_tokens"/.test(query.sql)) sql.push(query.sql);
    };
    app.db.on('query', onQuery);
    try {
      return { result: await body(), sql };
    } finally {
      app.db.off('query', onQuery);
    }
  }

  const rowId = (globalId: string) =>
    Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);

  it('costs the same few statements for 5 connectors as for 50', async () => {
    const small = await statements(() => app.gql(CONNECTORS_PAGE, { first: 5 }));
    const large = await statements(() => app.gql(CONNECTORS_PAGE, { first: 50 }));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data?.connectors.edges).toHaveLength(50);
    // connectors, their count, secrets, the level of runs (the pages, their
    // counts and lastRun, TEST runs excluded, in one statement), skip counts.
    expect(large.sql.length).toBeLessThanOrEqual(5);
    expect(large.sql.length).toBe(small.sql.length);

    // The batched answers are the right ones for every connector.
    for (const edge of large.result.data!.connectors.edges) {
      const node = edge.node;
      const expected = runsOf.get(rowId(node.id))!;
      expect(node.runs.totalCount).toBe(expected.length);
      expect(node.runs.edges.map((e: any) => rowId(e.node.id))).toEqual(expected.slice(0, 5));
      expect(node.lastRun ? rowId(node.lastRun.id) : null).toBe(
        lastRunOf.get(rowId(node.id)) ?? null,
      );
      if (node.lastRun) {
        const skipped = node.lastRun.stats.recordsSkipped;
        expect(node.lastRun.stats.skipped).toEqual(
          skipped ? [{ reason: 'DUPLICATE', count: 1 }] : [],
        );
      }
      expect(node.schedule.nextRunAt === null).toBe(!node.schedule.enabled);
    }
  });

  it('does not count what is not selected', async () => {
    const withCount = await statements(() =>
      app.gql(
        `{ connectors(first: 50) { totalCount edges { node { id runs(first: 2) { totalCount } } } } }`,
      ),
    );
    const withoutCount = await statements(() =>
      app.gql(
        `{ connectors(first: 50) { edges { node { id runs(first: 2) { edges { cursor } } } } } }`,
      ),
    );
    expect(withCount.sql.filter((sql) => /count\(/i.test(sql))).toHaveLength(2);
    expect(withoutCount.sql.filter((sql) => /count\(/i.test(sql))).toHaveLength(0);
    expect(withoutCount.sql.length).toBe(2);
  });

  it('pages each connector runs with a cursor and filters, still in one statement', async () => {
    const busy = connectorIds.find((id) => runsOf.get(id)!.length === 7)!;
    const first = await app.gql(
      `query($first: Int, $after: String) { connectors(first: $first, after: $after) {
        edges { node { id runs(first: 3) { pageInfo { hasNextPage endCursor } edges { node { id } } } } } } }`,
      { first: 50 },
    );
    const node = first.data!.connectors.edges.find((e: any) => rowId(e.node.id) === busy).node;
    expect(node.runs.pageInfo.hasNextPage).toBe(true);
    const next = await statements(() =>
      app.gql(
        `query($id: ID!, $after: String) { connector(id: $id) {
          runs(first: 3, after: $after) { edges { node { id } } }
          failed: runs(first: 5, status: FAILED) { totalCount edges { node { id status } } } } }`,
        { id: node.id, after: node.runs.pageInfo.endCursor },
      ),
    );
    // The connector, then both pages (one with its count) in one statement.
    expect(next.sql).toHaveLength(2);
    expect(next.result.data!.connector.runs.edges.map((e: any) => rowId(e.node.id))).toEqual(
      runsOf.get(busy)!.slice(3, 6),
    );
    expect(next.result.data!.connector.failed.totalCount).toBe(1);
    expect(next.result.data!.connector.failed.edges[0].node.status).toBe('FAILED');
  });

  it('still checks the arguments of nested fields (the limits run only where arguments are)', async () => {
    const busy = connectorIds.find((id) => runsOf.get(id)!.length === 7)!;
    const run = runsOf.get(busy)![0];
    const query = `query($id: ID!, $search: String) {
      node(id: $id) { ... on Run { id logs(first: 1, search: $search) { totalCount } } } }`;
    const id = Buffer.from(`Run:${run}`).toString('base64url');
    const within = await app.gql(query, { id, search: 's'.repeat(200) });
    expect(within.errors).toBeUndefined();
    expect(within.data?.node.logs.totalCount).toBe(0);
    const over = await app.gql(query, { id, search: 's'.repeat(201) });
    expect(over.errors?.[0]).toMatchObject({
      message: 'search: search must be at most 200 characters',
      extensions: { code: 'BAD_USER_INPUT' },
      path: ['node', 'logs'],
    });
  });

  it('costs the same statements for a run history of 5 runs as of 50', async () => {
    const small = await statements(() => app.gql(RUN_HISTORY, { first: 5 }));
    const large = await statements(() => app.gql(RUN_HISTORY, { first: 50 }));
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data?.runs.edges).toHaveLength(50);
    // runs, their count, connectors, skip counts.
    expect(large.sql.length).toBeLessThanOrEqual(4);
    expect(large.sql.length).toBe(small.sql.length);
  });

  it('reads syncState of a page of connectors in one statement', async () => {
    await app.db('syncState').insert(
      connectorIds.slice(0, 3).map((connectorId, i) => ({
        connectorId,
        stream: 'credentials',
        cursor: { offset: i },
        updatedAt: new Date(Date.UTC(2026, 0, 2)),
      })),
    );
    const { result, sql } = await statements(() =>
      app.gql(`{ connectors(first: 50) { edges { node { id syncState } } } }`),
    );
    expect(sql).toHaveLength(2);
    const states = new Map(
      result.data!.connectors.edges.map((e: any) => [rowId(e.node.id), e.node.syncState]),
    );
    expect(states.get(connectorIds[1])).toEqual({
      credentials: { cursor: { offset: 1 }, updatedAt: '2026-01-02T00:00:00.000Z' },
    });
    expect(states.get(connectorIds[10])).toBeNull();
  });
});
