/**
 * A reconciliation is a RECONCILE run of its bank connector on the shared
 * job queue, but no sync of it: a real gateway (PG_API) and bank (BANK_API)
 * on loopback are synced, then reconciled (one SUCCESS, one reaped FAILED,
 * one queued next to a sync), and the bank connector's sync history, its
 * counts, the root run list, runActivity, syncHealth, runUpdated and the
 * scheduler's active-run check see the sync runs only.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../support/app';
import { GatewayProvider } from '../support/gateway-provider';
import { bankSettlementsRoute } from '../support/bank-api';
import { HttpProvider } from '../support/http-provider';
import { waitFor } from '../support/wait';

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;
const BACKFILL = `mutation($input: BackfillConnectorInput!) {
  backfillConnector(input: $input) { run { id } userErrors { message } }
}`;
const RUN_CONNECTOR = `mutation($input: RunConnectorInput!) {
  runConnector(input: $input) { run { id status } userErrors { code message } }
}`;
const RECONCILE = `mutation($input: RunReconciliationInput!) {
  runReconciliation(input: $input) { reconciliation { id run { id } } userErrors { code message } }
}`;
const RECON_STATUS = `query($id: ID!) { node(id: $id) { ... on ReconciliationSummary { status } } }`;
const RUN_STATUS = `query($id: ID!) { run(id: $id) { status } }`;
const IST = 'Asia/Kolkata';
const FAST_RETRY = { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 20 };
const YEARLY = '0 0 1 1 *';

const rowOf = (id: string) => Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);

describe('reconciliations stay out of the bank connector sync history', () => {
  let app: TestApp;
  let gateway: GatewayProvider;
  let bank: HttpProvider;
  let client: Client | undefined;

  beforeAll(async () => {
    app = await startTestApp({ worker: { heartbeatMs: 100 } });
    gateway = await GatewayProvider.start();
    bank = await HttpProvider.start();
    const book: Record<string, Record<string, unknown>[]> = {
      '2026-04-01': [
        { utr: 'UTR0', amount: '100.50', value_date: '2026-04-01' },
        { utr: 'UTR9', amount: '9.00', value_date: '2026-04-01' },
      ],
    };
    bank.on(
      'GET',
      '/settlements',
      bankSettlementsRoute((date) => [book[date] ?? []]),
    );
  });
  afterAll(async () => {
    await client?.dispose();
    await app.close();
    await gateway.http.close();
    await bank.close();
  });

  async function create(input: Record<string, unknown>): Promise<string> {
    const res = await app.gql(CREATE, { input });
    expect(res.data?.createConnector.userErrors).toEqual([]);
    return res.data!.createConnector.connector.id;
  }

  async function ended(runId: string): Promise<string> {
    return waitFor(`run ${runId} to end`, async () => {
      const { status } = (await app.gql(RUN_STATUS, { id: runId })).data!.run;
      return ['QUEUED', 'RUNNING'].includes(status) ? undefined : (status as string);
    });
  }

  async function backfill(id: string): Promise<string> {
    const res = await app.gql(BACKFILL, { input: { id, from: '2026-04-01', to: '2026-04-01' } });
    const runId = res.data!.backfillConnector.run.id as string;
    expect(await ended(runId)).toBe('SUCCESS');
    return runId;
  }

  async function reconcile(pgConnectorId: string, bankConnectorId: string, dryRun = false) {
    const res = await app.gql(RECONCILE, {
      input: { cycleDate: '2026-04-01', pgConnectorId, bankConnectorId, dryRun },
    });
    expect(res.data?.runReconciliation.userErrors).toEqual([]);
    return res.data!.runReconciliation.reconciliation as { id: string; run: { id: string } };
  }

  it('lists, counts and watches only sync runs', async () => {
    gateway.seed(2, '2026-04-01', 'M1', 'A'); // UTR0 100.50, UTR1 101.50
    const pgId = await create({
      name: 'gateway',
      kind: 'PG_API',
      sourceEntity: 'SABPAISA',
      authType: 'NONE',
      config: { baseUrl: gateway.url, retry: FAST_RETRY },
      schedule: { enabled: false, timezone: IST },
    });
    const bankId = await create({
      name: 'bank',
      kind: 'BANK_API',
      sourceEntity: 'HDFC',
      authType: 'API_KEY',
      credentials: { apiKey: 'k-1' },
      config: { baseUrl: bank.url, retry: FAST_RETRY },
      schedule: { enabled: true, cron: YEARLY, timezone: 'UTC' },
    });
    const gatewaySync = await backfill(pgId);
    const bankSync = await backfill(bankId);

    // Everything the bank connector's runs tell from here on.
    client = createClient({
      url: app.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: { authorization: `Bearer ${app.adminToken}` },
    });
    const before = app.notifier.subscriberCount;
    const updates = client.iterate({
      query: `subscription($id: ID!) { runUpdated(connectorId: $id) { id status } }`,
      variables: { id: bankId },
    }) as AsyncIterableIterator<{ data?: { runUpdated: { id: string; status: string } } }>;
    await waitFor('the subscriber', () => app.notifier.subscriberCount > before);

    // A reconciliation that succeeds.
    const done = await reconcile(pgId, bankId);
    await waitFor('the reconciliation', async () => {
      const { status } = (await app.gql(RECON_STATUS, { id: done.id })).data!.node;
      return status === 'SUCCESS' || undefined;
    });

    await app.services.worker.stop();
    let laterSync: string;
    try {
      // One whose process died: reaped, FAILED.
      const reaped = await reconcile(pgId, bankId, true);
      await app
        .db('runs')
        .where({ id: rowOf(reaped.run.id) })
        .update({ status: 'RUNNING', heartbeatAt: new Date(Date.now() - 3_600_000) });
      expect(await app.services.worker.reap()).toHaveLength(1);
      expect((await app.gql(RECON_STATUS, { id: reaped.id })).data!.node.status).toBe('FAILED');

      // One QUEUED: the bank connector still syncs, and a cron tick names the sync as the
      // active run it waits for, not the reconciliation queued before it.
      const queued = await reconcile(pgId, bankId);
      const sync = await app.gql(RUN_CONNECTOR, { input: { id: bankId } });
      expect(sync.data?.runConnector.userErrors).toEqual([]);
      laterSync = sync.data!.runConnector.run.id;
      const tick = await app.services.scheduler.enqueue(
        rowOf(bankId),
        { expression: YEARLY, timezone: 'UTC' },
        new Date('2027-01-01T00:00:00Z'),
      );
      expect(tick).toEqual({
        kind: 'skipped',
        reason: 'previous run still active',
        activeRunId: rowOf(laterSync),
      });
      expect(rowOf(queued.run.id)).toBeLessThan(rowOf(laterSync));
    } finally {
      app.services.worker.start();
    }
    expect(await ended(laterSync)).toBe('SUCCESS');
    await waitFor('every reconciliation to end', async () => {
      const open = await app
        .db('runs')
        .where({ jobKind: 'RECONCILE' })
        .whereIn('status', ['QUEUED', 'RUNNING']);
      return open.length === 0 || undefined;
    });
    expect(
      await app.db('runs').where({ jobKind: 'RECONCILE' }).orderBy('id').pluck('status'),
    ).toEqual(['SUCCESS', 'FAILED', 'SUCCESS']);

    // The bank connector: its last run, its runs and their counts are its syncs.
    const sinceSync = [laterSync, bankSync];
    const view = await app.gql(
      `query($id: ID!) { connector(id: $id) {
        lastRun { id }
        counted: runs(first: 20) { totalCount edges { node { id } } }
        page: runs(first: 1) { edges { node { id } } pageInfo { hasNextPage } }
        stats { totalRuns successCount failureCount }
      } }`,
      { id: bankId },
    );
    expect(view.errors).toBeUndefined();
    const bankView = view.data!.connector;
    expect(bankView.lastRun.id).toBe(laterSync);
    expect(bankView.counted.totalCount).toBe(2);
    expect(bankView.counted.edges.map((e: any) => e.node.id)).toEqual(sinceSync);
    expect(bankView.page).toEqual({
      edges: [{ node: { id: laterSync } }],
      pageInfo: { hasNextPage: true },
    });
    expect(bankView.stats).toEqual({ totalRuns: 2, successCount: 2, failureCount: 0 });

    // The connectors page (a batch of connectors) reads the same.
    const page = await app.gql(`{ connectors(first: 10) { edges { node { id
      lastRun { id } runs(first: 5) { totalCount edges { node { id } } } } } } }`);
    const bankNode = page.data!.connectors.edges.find((e: any) => e.node.id === bankId).node;
    expect(bankNode.lastRun.id).toBe(laterSync);
    expect(bankNode.runs.totalCount).toBe(2);
    expect(bankNode.runs.edges.map((e: any) => e.node.id)).toEqual(sinceSync);

    // The root list of runs, for the bank and for all.
    const root = await app.gql(
      `query($id: ID!) {
        bank: runs(connectorId: $id, first: 20) { totalCount edges { node { id } } }
        all: runs(first: 20) { totalCount edges { node { id } } }
      }`,
      { id: bankId },
    );
    expect(root.data!.bank.totalCount).toBe(2);
    expect(root.data!.bank.edges.map((e: any) => e.node.id)).toEqual(sinceSync);
    expect(root.data!.all.totalCount).toBe(3);
    expect(root.data!.all.edges.map((e: any) => e.node.id)).toEqual([...sinceSync, gatewaySync]);

    // Day figures and health count the three syncs (a FAILED reconciliation would make it
    // 1 failure in 6 finished runs: unhealthy).
    const day = await app.gql(`{ runActivity(days: 1) { succeeded failed recordsSynced }
      syncHealth { healthy failureRate message } }`);
    expect(day.data!.runActivity).toEqual([{ succeeded: 3, failed: 0, recordsSynced: 4 }]);
    expect(day.data!.syncHealth).toMatchObject({ healthy: true, failureRate: 0 });
    expect(day.data!.syncHealth.message).toMatch(/^healthy: 3 runs in 24 h, 0 failed;/);

    // runUpdated for the bank told the later sync only (QUEUED, RUNNING, SUCCESS), not the
    // three reconciliations that were queued, run, reaped and finished before it.
    const told: string[] = [];
    for await (const event of updates) {
      const run = event.data!.runUpdated;
      told.push(`${run.id === laterSync ? 'sync' : run.id}:${run.status}`);
      if (run.id === laterSync && run.status === 'SUCCESS') break;
    }
    expect(told).toEqual(['sync:QUEUED', 'sync:RUNNING', 'sync:SUCCESS']);
  });
});
