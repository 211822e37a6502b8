/**
 * PG_API through the engine, end to end: runs queued through GraphQL,
 * executed by the worker against a loopback gateway that pages, fails
 * transiently and serves bad rows, checked by the exact rows and counts they
 * leave (the guarantees the ISSUER_API tests hold the engine to).
 */
import { createClient } from 'graphql-ws';
import { LosslessNumber } from 'lossless-json';
import WebSocket from 'ws';
import { calendarDate } from '../../src/domains/payments/transaction';
import { addDays } from '../../src/connectors/pg-api/sync';
import { idOf } from '../../src/schema/global-id';
import { startTestApp, type TestApp } from '../support/app';
import { GatewayProvider } from '../support/gateway-provider';
import { waitFor } from '../support/wait';

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;
const RUN = `mutation($input: RunConnectorInput!) {
  runConnector(input: $input) { run { id status } userErrors { code field message } }
}`;
const BACKFILL = `mutation($input: BackfillConnectorInput!) {
  backfillConnector(input: $input) { run { id } userErrors { code field message } }
}`;
const GET_RUN = `query($id: ID!) { run(id: $id) {
  id type status errorMessage
  stats { recordsFetched recordsCreated recordsUpdated recordsSkipped recordsFailed pagesFetched
          skipped { reason count } }
  skippedRecords(first: 100) { edges { node { externalId reason message } } }
} }`;
const TRANSACTIONS = `query($filter: TransactionFilter) {
  transactions(first: 100, filter: $filter) {
    totalCount edges { node { txnId amount currency status cycleDate } }
  }
}`;

/** Fast retries, so transient faults cost milliseconds. */
const FAST_RETRY = { maxAttempts: 5, initialDelayMs: 5, maxDelayMs: 2_000 };
const IST = 'Asia/Kolkata';

type Run = Record<string, any>;

async function waitForEnd(app: TestApp, runId: string, timeoutMs = 20_000): Promise<Run> {
  return waitFor(
    `run ${runId} to end`,
    async () => {
      const run = (await app.gql(GET_RUN, { id: runId })).data?.run;
      return run && !['QUEUED', 'RUNNING'].includes(run.status) ? run : undefined;
    },
    timeoutMs,
  );
}

const reasons = (run: Run) =>
  Object.fromEntries(
    (run.stats.skipped as { reason: string; count: number }[]).map((s) => [s.reason, s.count]),
  );

describe('PG_API syncs gateway transactions through the engine', () => {
  let app: TestApp;
  let gateway: GatewayProvider;
  beforeAll(async () => {
    app = await startTestApp({ worker: { heartbeatMs: 100 } });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    gateway = await GatewayProvider.start();
  });
  afterEach(() => gateway.close());

  async function createGateway(name: string, config: Record<string, unknown> = {}) {
    const result = await app.gql(CREATE, {
      input: {
        name,
        kind: 'PG_API',
        sourceEntity: 'SABPAISA',
        authType: 'NONE',
        config: { baseUrl: gateway.url, retry: FAST_RETRY, ...config },
        schedule: { enabled: false, timezone: IST },
      },
    });
    expect(result.data?.createConnector.userErrors).toEqual([]);
    return result.data!.createConnector.connector.id as string;
  }

  async function run(connectorId: string, window: { from?: string; to?: string } = {}) {
    const queued = await app.gql(RUN, { input: { id: connectorId, ...window } });
    expect(queued.data?.runConnector.userErrors).toEqual([]);
    return waitForEnd(app, queued.data!.runConnector.run.id);
  }

  async function transactions(connectorId: string) {
    const result = await app.gql(TRANSACTIONS, { filter: { connectorId } });
    expect(result.errors).toBeUndefined();
    return result.data!.transactions;
  }

  const WINDOW = { from: '2026-01-14T00:00:00Z', to: '2026-01-15T23:59:59Z' };

  it('syncs each date and merchant of a window page by page, counting every reason exactly, through 503 and 429', async () => {
    const good = [
      ...gateway.seed(5, '2026-01-14', 'M1'),
      ...gateway.seed(4, '2026-01-14', 'M2'),
      ...gateway.seed(6, '2026-01-15', 'M1'),
      ...gateway.seed(3, '2026-01-15', 'M2'),
    ];
    const base = { currency: 'INR', status: 'success', merchant_code: 'M1', payment_mode: 'UPI' };
    gateway.add(
      '2026-01-14',
      { ...base, txn_id: 'BAD-AMOUNT', amount: '12,50', txn_date: '2026-01-14 09:00:00' },
      { ...base, txn_id: 'BAD-DATE', amount: 10, txn_date: 'yesterday' },
      { ...base, amount: 5, txn_date: '2026-01-14 09:30:00' },
      { ...good[0] },
    );
    gateway.add(
      '2026-01-15',
      {
        ...base,
        txn_id: 'BIG',
        amount: new LosslessNumber('12345678901234.56'),
        txn_date: '2026-01-15 23:30:00',
      },
      {
        ...base,
        txn_id: 'TENTH',
        amount: new LosslessNumber('0.3'),
        txn_date: '2026-01-15 08:00:00',
      },
      {
        ...base,
        txn_id: 'NUL',
        amount: 1,
        status: 'succ\u0000ess',
        txn_date: '2026-01-15 10:00:00',
      },
    );
    gateway.faults.push(
      { status: 503, json: { message: 'maintenance' } },
      { status: 429, headers: { 'Retry-After': '1' }, json: { message: 'slow down' } },
    );
    const id = await createGateway('SabPaisa', { merchantCodes: ['M1', 'M2'], pageSize: 2 });

    const first = await run(id, WINDOW);
    expect(first).toMatchObject({
      type: 'MANUAL',
      status: 'SUCCESS',
      errorMessage: null,
      stats: {
        recordsFetched: 25,
        recordsCreated: 20,
        recordsUpdated: 0,
        recordsSkipped: 5,
        recordsFailed: 0,
        // 14/M1: 9 records, 14/M2: 4, 15/M1: 9, 15/M2: 3; two a page.
        pagesFetched: 5 + 2 + 5 + 2,
      },
    });
    expect(reasons(first)).toEqual({ DUPLICATE: 1, INVALID_RECORD: 4 });
    const skipped = first.skippedRecords.edges.map((e: { node: unknown }) => e.node);
    expect(skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          externalId: 'BAD-AMOUNT',
          reason: 'INVALID_RECORD',
          message: expect.stringMatching(/^amount is not an amount/),
        }),
        expect.objectContaining({
          externalId: 'BAD-DATE',
          reason: 'INVALID_RECORD',
          message: expect.stringMatching(/^txn_date is not a date/),
        }),
        { externalId: null, reason: 'INVALID_RECORD', message: 'missing txn_id' },
        expect.objectContaining({ externalId: good[0].txn_id, reason: 'DUPLICATE' }),
        {
          externalId: 'NUL',
          reason: 'INVALID_RECORD',
          message: 'contains a NUL character (U+0000), which cannot be stored',
        },
      ]),
    );

    // Each date, then each merchant, page by page, in order; a faulted page asked again.
    const asked = gateway
      .reportQueries()
      .map((q) => `${q.fromDate}/${q.toDate}/${q.merchantCode}/${q.page}`);
    const distinct = asked.filter((key, i) => key !== asked[i - 1]);
    const series = (date: string, merchant: string, pages: number) =>
      Array.from({ length: pages }, (_, i) => `${date}/${date}/${merchant}/${i + 1}`);
    expect(distinct).toEqual([
      ...series('2026-01-14', 'M1', 5),
      ...series('2026-01-14', 'M2', 2),
      ...series('2026-01-15', 'M1', 5),
      ...series('2026-01-15', 'M2', 2),
    ]);
    expect(asked.length).toBe(distinct.length + 2);

    // Exact amounts, upper-cased statuses, cycle dates in the connector's time zone.
    const list = await transactions(id);
    expect(list.totalCount).toBe(20);
    const byId = new Map(
      list.edges.map((e: { node: { txnId: string } }) => [e.node.txnId, e.node]),
    );
    expect(byId.get('BIG')).toEqual({
      txnId: 'BIG',
      amount: '12345678901234.56',
      currency: 'INR',
      status: 'SUCCESS',
      cycleDate: '2026-01-15',
    });
    expect(byId.get('TENTH')).toMatchObject({ amount: '0.3' });
    expect(byId.get(good[0].txn_id as string)).toMatchObject({ amount: '100.50' });

    // A windowed run leaves the connector's cursor alone and keeps its own checkpoint.
    const runRow = await app
      .db('runs')
      .where({ id: idOf('Run', first.id) })
      .first('checkpoints');
    expect(runRow.checkpoints).toEqual({
      transactions: { date: '2026-01-15', merchantCode: 'M2', page: 2, done: true },
    });
    const connectorRowId = idOf('Connector', id);
    expect(await app.db('syncState').where({ connectorId: connectorRowId })).toEqual([]);

    // Raw and mapped payloads: the raw amount digit for digit; the bad ones kept FAILED.
    const big = await app
      .db('externalReferences')
      .where({ connectorId: connectorRowId, externalId: 'BIG' })
      .first();
    expect(big).toMatchObject({ status: 'SYNCED', entityType: 'transaction' });
    expect(big.mapped).toMatchObject({ txnId: 'BIG', amount: '12345678901234.56' });
    const rawText = await app.db.raw(
      `SELECT raw->>'amount' AS amount FROM external_references WHERE id = ?`,
      [big.id],
    );
    expect(rawText.rows[0].amount).toBe('12345678901234.56');
    expect(
      await app
        .db('externalReferences')
        .where({ connectorId: connectorRowId, status: 'FAILED' })
        .orderBy('externalId')
        .select('externalId', 'reason'),
    ).toEqual([
      { externalId: 'BAD-AMOUNT', reason: 'INVALID_RECORD' },
      { externalId: 'BAD-DATE', reason: 'INVALID_RECORD' },
      { externalId: 'NUL', reason: 'INVALID_RECORD' },
    ]);

    // The same window again: nothing new, every good record a DUPLICATE.
    const again = await run(id, WINDOW);
    expect(again).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsFetched: 25, recordsCreated: 0, recordsUpdated: 0, recordsSkipped: 25 },
    });
    expect(reasons(again)).toEqual({ DUPLICATE: 21, INVALID_RECORD: 4 });

    // The gateway changes one record: it is updated, the rest stay DUPLICATEs.
    good[7].status = 'refunded';
    const changed = await run(id, WINDOW);
    expect(changed).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsCreated: 0, recordsUpdated: 1, recordsSkipped: 24 },
    });
    expect(reasons(changed)).toEqual({ DUPLICATE: 20, INVALID_RECORD: 4 });
    const after = await transactions(id);
    expect(after.totalCount).toBe(20);
    expect(
      after.edges.find((e: { node: { txnId: string } }) => e.node.txnId === good[7].txn_id).node
        .status,
    ).toBe('REFUNDED');
    expect(
      await app.db('transactions').where({ connectorId: connectorRowId }).count('* as n'),
    ).toEqual([{ n: 20 }]);
  });

  it('without a window syncs T-syncDaysBack in its time zone and checkpoints the cursor; a backfill leaves it alone', async () => {
    const yesterday = addDays(calendarDate(new Date(), IST), -1);
    gateway.seed(3, yesterday, 'M9', 'Y');
    gateway.seed(2, '2026-01-10', 'M9', 'B');
    const id = await createGateway('SabPaisa T-1', { pageSize: 5 });

    const daily = await run(id);
    expect(daily).toMatchObject({ status: 'SUCCESS', stats: { recordsCreated: 3 } });
    expect(gateway.reportQueries()).toEqual([
      { fromDate: yesterday, toDate: yesterday, page: '1', pageSize: '5' },
    ]);
    const cursor = { date: yesterday, merchantCode: null, page: 1, done: true };
    const state = await app.gql(`query($id: ID!) { connector(id: $id) { syncState } }`, { id });
    expect(state.data!.connector.syncState).toMatchObject({ transactions: { cursor } });

    const backfill = await app.gql(BACKFILL, {
      input: { id, from: '2026-01-10', to: '2026-01-10' },
    });
    expect(backfill.data?.backfillConnector.userErrors).toEqual([]);
    const filled = await waitForEnd(app, backfill.data!.backfillConnector.run.id);
    expect(filled).toMatchObject({
      type: 'BACKFILL',
      status: 'SUCCESS',
      stats: { recordsCreated: 2, pagesFetched: 1 },
    });
    expect(gateway.reportQueries().at(-1)).toMatchObject({
      fromDate: '2026-01-10',
      toDate: '2026-01-10',
    });
    const stateAfter = await app.gql(`query($id: ID!) { connector(id: $id) { syncState } }`, {
      id,
    });
    expect(stateAfter.data!.connector.syncState).toMatchObject({ transactions: { cursor } });
  });

  it('holds one active run; a cancelled run keeps its checkpoint and its retry stores every row once', async () => {
    gateway.seed(10, '2026-01-20', 'M1');
    gateway.stallAfterPages = 2;
    const id = await createGateway('SabPaisa stalled', { merchantCodes: ['M1'], pageSize: 2 });
    const window = { from: '2026-01-20T00:00:00Z', to: '2026-01-20T23:59:59Z' };
    const queued = await app.gql(RUN, { input: { id, ...window } });
    const runId = queued.data!.runConnector.run.id as string;
    await waitFor(
      'two pages written',
      async () => (await app.gql(GET_RUN, { id: runId })).data?.run.stats.pagesFetched >= 2,
      15_000,
    );

    const second = await app.gql(RUN, { input: { id } });
    expect(second.data?.runConnector.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_STATE' }),
    ]);

    const cancel = await app.gql(
      `mutation($id: ID!) { cancelRun(id: $id) { userErrors { code } } }`,
      { id: runId },
    );
    expect(cancel.data?.cancelRun.userErrors).toEqual([]);
    const cancelled = await waitForEnd(app, runId);
    expect(cancelled).toMatchObject({
      status: 'CANCELLED',
      stats: { pagesFetched: 2, recordsCreated: 4 },
    });

    gateway.stallAfterPages = null;
    const retried = await app.gql(
      `mutation($id: ID!) { retryRun(id: $id) { run { id } userErrors { code } } }`,
      { id: runId },
    );
    expect(retried.data?.retryRun.userErrors).toEqual([]);
    const done = await waitForEnd(app, retried.data!.retryRun.run.id);
    // From the page after the checkpoint: pages 3 to 5, nothing read twice.
    expect(done).toMatchObject({
      status: 'SUCCESS',
      stats: { pagesFetched: 3, recordsCreated: 6, recordsSkipped: 0 },
    });
    const rows = await app
      .db('transactions')
      .where({ connectorId: idOf('Connector', id) })
      .select('txnId', 'runId');
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r: { txnId: string }) => r.txnId)).size).toBe(10);
  });

  it('streams live progress to a subscriber until the run ends', async () => {
    gateway.seed(60, '2026-01-25', 'M1');
    // Latency per page, so the run lasts long enough for several throttled events (4/s).
    gateway.pageDelayMs = 100;
    const id = await createGateway('SabPaisa watched', { merchantCodes: ['M1'], pageSize: 4 });
    const client = createClient({
      url: app.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${app.adminToken}` },
      retryAttempts: 0,
    });
    const events: { status: string; recordsProcessed: number; created: number }[] = [];
    try {
      const ended = new Promise<void>((resolve, reject) => {
        client.subscribe<{
          runProgress: {
            status: string;
            progress: { recordsProcessed: number };
            stats: { recordsCreated: number };
          };
        }>(
          {
            query: `subscription($connectorId: ID) { runProgress(connectorId: $connectorId) {
              status progress { recordsProcessed } stats { recordsCreated } } }`,
            variables: { connectorId: id },
          },
          {
            next: ({ data }) => {
              if (!data) return;
              const { status, progress, stats } = data.runProgress;
              events.push({
                status,
                recordsProcessed: progress.recordsProcessed,
                created: stats.recordsCreated,
              });
              if (!['QUEUED', 'RUNNING'].includes(status)) resolve();
            },
            error: reject,
            complete: () => undefined,
          },
        );
      });
      // Subscribed before the run is queued.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const queued = await app.gql(RUN, {
        input: { id, from: '2026-01-25T00:00:00Z', to: '2026-01-25T23:59:59Z' },
      });
      expect(queued.data?.runConnector.userErrors).toEqual([]);
      await ended;
    } finally {
      await client.dispose();
    }
    const running = events.filter((e) => e.status === 'RUNNING' && e.recordsProcessed > 0);
    expect(running.length).toBeGreaterThanOrEqual(2);
    const processed = running.map((e) => e.recordsProcessed);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ status: 'SUCCESS', created: 60 });
  });
});
