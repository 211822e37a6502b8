import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../src/db/knex';
import { idOf } from '../src/schema/global-id';
import { createTestDatabase, type TestDatabase } from './support/db';
import { hubFleet } from './support/hub-process';
import { addDays } from '../src/connectors/pg-api/sync';
import { calendarDate } from '../src/domains/payments/transaction';
import { GatewayProvider } from './support/gateway-provider';
import { IssuerProvider } from './support/issuer-provider';
import { waitFor } from './support/wait';

/**
 * The crash a newcomer can reproduce by hand: an ISSUER_API connector
 * configured over GraphQL on a real server process (src/main.ts, compiled
 * on load by SWC), killed with SIGKILL in the middle of a run (no graceful
 * shutdown: the run stays RUNNING in the database), and a second process
 * started on the same database. Its reaper marks the dead run FAILED
 * "interrupted" once the heartbeat is RUN_STALE_SECONDS old, and the next
 * run resumes from the last checkpoint, so every record is stored exactly
 * once.
 */

const RECORDS = 50;
const PAGE_SIZE = 10;
const PAGES_BEFORE_KILL = 2;

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;
const RUN = `mutation($input: RunConnectorInput!) {
  runConnector(input: $input) { run { id status } userErrors { code field message } }
}`;
const GET_RUN = `query($id: ID!) { run(id: $id) {
  id status errorMessage
  stats { recordsFetched recordsCreated recordsUpdated recordsSkipped recordsFailed pagesFetched skipped { reason count } }
} }`;
const GET_CONNECTOR = `query($id: ID!) { connector(id: $id) {
  status syncState stats { totalRuns successCount failureCount }
} }`;

interface LogLine {
  msg?: string;
  url?: string;
  runs?: number[];
}

describe('a server process killed mid-run', () => {
  let database: TestDatabase;
  let db: Db;
  let dataDir: string;
  let issuer: IssuerProvider;
  const adminToken = `test-admin-${randomBytes(16).toString('hex')}`;
  // One key for both processes: the second must open the connector's sealed API key.
  const secretKey = randomBytes(32).toString('hex');
  const apiKey = `issuer-secret-${randomBytes(12).toString('hex')}`;

  const { servers, spawnServer, listening, gql, waitForEnd, killAll } = hubFleet<LogLine>({
    env: () => ({
      DATABASE_URL: database.url,
      TRIBUTARY_SECRET_KEY: secretKey,
      TRIBUTARY_ADMIN_TOKEN: adminToken,
      DATA_DIR: dataDir,
    }),
    adminToken,
    getRun: GET_RUN,
    runTimeoutMs: 15_000,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, poolMax: 2 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tributary-process-kill-'));
    issuer = await IssuerProvider.start(apiKey);
  });

  afterAll(async () => {
    await killAll();
    await issuer?.close();
    await db?.destroy();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('marks the interrupted run FAILED and the next run stores every record exactly once', async () => {
    issuer.seed(RECORDS);
    issuer.stallAfterPages = PAGES_BEFORE_KILL;

    // Process A: configure the connector and start a run over HTTP GraphQL.
    const a = await listening(spawnServer('A'));
    const created = (
      await gql(a, CREATE, {
        input: {
          name: 'Issuer',
          kind: 'ISSUER_API',
          sourceEntity: 'NSDC',
          authType: 'API_KEY',
          config: {
            baseUrl: issuer.url,
            pageSize: PAGE_SIZE,
            verifyPath: null,
            retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 100 },
          },
          credentials: { apiKey },
        },
      })
    ).createConnector;
    expect(created.userErrors).toEqual([]);
    const connectorId: string = created.connector.id;
    const started = (await gql(a, RUN, { input: { id: connectorId } })).runConnector;
    expect(started.userErrors).toEqual([]);
    const firstRunId: string = started.run.id;

    // Two pages written, and A is waiting on the third, which the issuer holds.
    const midway = await waitFor(
      'two pages written',
      async () => {
        const run = (await gql(a, GET_RUN, { id: firstRunId })).run;
        return run?.stats.pagesFetched >= PAGES_BEFORE_KILL ? run : undefined;
      },
      15_000,
    );
    expect(midway).toMatchObject({
      status: 'RUNNING',
      stats: { pagesFetched: PAGES_BEFORE_KILL, recordsCreated: PAGES_BEFORE_KILL * PAGE_SIZE },
    });
    await waitFor('the stalled third page', () => issuer.listCalls > PAGES_BEFORE_KILL, 15_000);

    // A real crash: no shutdown handler runs, so the database still says RUNNING.
    a.process.kill('SIGKILL');
    await a.exited;
    expect(a.process.signalCode).toBe('SIGKILL');
    const firstRunDbId = idOf('Run', firstRunId) as number;
    expect(await db('runs').where({ id: firstRunDbId }).first('status', 'pagesFetched')).toEqual({
      status: 'RUNNING',
      pagesFetched: PAGES_BEFORE_KILL,
    });
    issuer.stallAfterPages = null;

    // Process B on the same database: its reaper ends A's run.
    const b = await listening(spawnServer('B'));
    const interrupted = await waitForEnd(b, firstRunId);
    expect(interrupted).toMatchObject({
      status: 'FAILED',
      stats: {
        recordsFetched: PAGES_BEFORE_KILL * PAGE_SIZE,
        recordsCreated: PAGES_BEFORE_KILL * PAGE_SIZE,
        recordsSkipped: 0,
        recordsFailed: 0,
        pagesFetched: PAGES_BEFORE_KILL,
      },
    });
    expect(interrupted.errorMessage).toMatch(
      /^interrupted: its process stopped sending heartbeats/,
    );
    expect(b.lines.find((m) => m.msg === 'interrupted runs marked FAILED')?.runs).toEqual([
      firstRunDbId,
    ]);

    // The next run resumes from the checkpoint (`since` is inclusive: the
    // checkpoint's own record comes back once, as a DUPLICATE).
    const next = (await gql(b, RUN, { input: { id: connectorId } })).runConnector;
    expect(next.userErrors).toEqual([]);
    const done = await waitForEnd(b, next.run.id);
    const rest = RECORDS - PAGES_BEFORE_KILL * PAGE_SIZE;
    expect(done).toMatchObject({
      status: 'SUCCESS',
      errorMessage: null,
      stats: {
        recordsFetched: rest + 1,
        recordsCreated: rest,
        recordsUpdated: 0,
        recordsSkipped: 1,
        recordsFailed: 0,
        skipped: [{ reason: 'DUPLICATE', count: 1 }],
      },
    });

    // Every record exactly once, each stored by the run that fetched it first.
    const rows: { externalId: string; runId: number }[] = await db('credentials')
      .orderBy('id')
      .select('externalId', 'runId');
    expect(rows).toHaveLength(RECORDS);
    expect(new Set(rows.map((r) => r.externalId))).toEqual(
      new Set(issuer.records.map((r) => r.id)),
    );
    const secondRunDbId = idOf('Run', next.run.id) as number;
    expect(rows.filter((r) => r.runId === firstRunDbId)).toHaveLength(
      PAGES_BEFORE_KILL * PAGE_SIZE,
    );
    expect(rows.filter((r) => r.runId === secondRunDbId)).toHaveLength(rest);
    expect(
      await db('skippedRecords').where({ runId: secondRunDbId }).select('externalId', 'reason'),
    ).toEqual([{ externalId: `c${PAGES_BEFORE_KILL * PAGE_SIZE - 1}`, reason: 'DUPLICATE' }]);

    const connector = (await gql(b, GET_CONNECTOR, { id: connectorId })).connector;
    expect(connector).toMatchObject({
      status: 'ACTIVE',
      syncState: { credentials: { cursor: { since: issuer.records[RECORDS - 1].updated_at } } },
      stats: { totalRuns: 2, successCount: 1, failureCount: 1 },
    });

    // The API key reached the issuer, and nowhere in either process's output.
    const requests = issuer.http.requestsTo('/credentials');
    expect(requests.length).toBeGreaterThan(PAGES_BEFORE_KILL);
    expect(requests.every((request) => request.headers['x-api-key'] === apiKey)).toBe(true);
    const output = servers.map((server) => server.output.join('')).join('\n');
    expect(output).toContain('Tributary is listening');
    for (const secret of [apiKey, secretKey, adminToken]) {
      expect(output).not.toContain(secret);
    }
  }, 60_000);

  it('PG_API: the next run after the crash resumes at the page after the checkpoint, every transaction once', async () => {
    const gateway = await GatewayProvider.start({ auth: { apiKey } });
    try {
      // Process B (still up from the test above) runs the daily sync of yesterday, in IST.
      const b = servers.find((server) => server.name === 'B')!;
      const yesterday = addDays(calendarDate(new Date(), 'Asia/Kolkata'), -1);
      gateway.seed(RECORDS, yesterday, 'M1');
      gateway.stallAfterPages = PAGES_BEFORE_KILL;
      const created = (
        await gql(b, CREATE, {
          input: {
            name: 'Gateway',
            kind: 'PG_API',
            sourceEntity: 'SABPAISA',
            authType: 'API_KEY',
            config: {
              baseUrl: gateway.url,
              pageSize: PAGE_SIZE,
              retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 100 },
            },
            credentials: { apiKey },
            schedule: { enabled: false, timezone: 'Asia/Kolkata' },
          },
        })
      ).createConnector;
      expect(created.userErrors).toEqual([]);
      const connectorId: string = created.connector.id;
      const started = (await gql(b, RUN, { input: { id: connectorId } })).runConnector;
      expect(started.userErrors).toEqual([]);
      const firstRunId: string = started.run.id;
      await waitFor(
        'two pages written',
        async () =>
          (await gql(b, GET_RUN, { id: firstRunId })).run?.stats.pagesFetched >= PAGES_BEFORE_KILL,
        15_000,
      );
      await waitFor('the stalled page', () => gateway.pageCalls > PAGES_BEFORE_KILL, 15_000);
      b.process.kill('SIGKILL');
      await b.exited;
      gateway.stallAfterPages = null;

      const c = await listening(spawnServer('C'));
      const interrupted = await waitForEnd(c, firstRunId);
      expect(interrupted).toMatchObject({
        status: 'FAILED',
        stats: { pagesFetched: PAGES_BEFORE_KILL, recordsCreated: PAGES_BEFORE_KILL * PAGE_SIZE },
      });

      const next = (await gql(c, RUN, { input: { id: connectorId } })).runConnector;
      expect(next.userErrors).toEqual([]);
      const done = await waitForEnd(c, next.run.id);
      const rest = RECORDS - PAGES_BEFORE_KILL * PAGE_SIZE;
      // The cursor names the last page written: nothing is read twice.
      expect(done).toMatchObject({
        status: 'SUCCESS',
        stats: {
          recordsFetched: rest,
          recordsCreated: rest,
          recordsSkipped: 0,
          pagesFetched: RECORDS / PAGE_SIZE - PAGES_BEFORE_KILL,
        },
      });
      const connectorRowId = idOf('Connector', connectorId) as number;
      const rows: { txnId: string; runId: number }[] = await db('transactions')
        .where({ connectorId: connectorRowId })
        .select('txnId', 'runId');
      expect(rows).toHaveLength(RECORDS);
      expect(new Set(rows.map((r) => r.txnId))).toEqual(
        new Set(gateway.records.map((r) => r.txn_id)),
      );
      expect(rows.filter((r) => r.runId === idOf('Run', firstRunId))).toHaveLength(
        PAGES_BEFORE_KILL * PAGE_SIZE,
      );
      const connector = (await gql(c, GET_CONNECTOR, { id: connectorId })).connector;
      expect(connector.syncState).toMatchObject({
        transactions: {
          cursor: { date: yesterday, merchantCode: null, page: RECORDS / PAGE_SIZE, done: true },
        },
      });
    } finally {
      await gateway.close();
    }
  }, 60_000);
});
