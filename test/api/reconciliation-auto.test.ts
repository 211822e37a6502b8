/**
 * The automatic reconciliation, end to end with real connectors: a gateway
 * (PG_API) on loopback and a bank settlement API (BANK_API) whose connector
 * has `config.reconcile`. A bank run queues the cycle dates the gateway has
 * already synced; a gateway run queues the dates the bank has settlements
 * for; the result is read, worked and downloaded through the API.
 */
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
const RUN_STATE = `query($id: ID!) { run(id: $id) { status logs(first: 50) { edges { node { message } } } } }`;
const RECONCILIATIONS = `{ reconciliations(first: 20) { edges { node {
  id cycleDate status triggeredBy matchedCount exceptionCount
  byStatus { status count amount }
} } } }`;
const IST = 'Asia/Kolkata';
const FAST_RETRY = { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 20 };

type Book = Record<string, Record<string, unknown>[]>;

describe('automatic reconciliation after syncs', () => {
  let app: TestApp;
  let gateway: GatewayProvider;
  let bank: HttpProvider;
  const book: Book = {};

  beforeAll(async () => {
    app = await startTestApp({ worker: { heartbeatMs: 100 } });
    gateway = await GatewayProvider.start();
    bank = await HttpProvider.start();
    bank.on(
      'GET',
      '/settlements',
      bankSettlementsRoute((date) => [book[date] ?? []]),
    );
  });
  afterAll(async () => {
    await app.close();
    await gateway.http.close();
    await bank.close();
  });

  async function create(input: Record<string, unknown>): Promise<string> {
    const res = await app.gql(CREATE, { input });
    expect(res.data?.createConnector.userErrors).toEqual([]);
    return res.data!.createConnector.connector.id;
  }

  async function backfill(id: string, from: string, to: string) {
    const queued = await app.gql(BACKFILL, { input: { id, from, to } });
    const runId = queued.data!.backfillConnector.run.id as string;
    return waitFor('the sync to end', async () => {
      const run = (await app.gql(RUN_STATE, { id: runId })).data!.run;
      if (['QUEUED', 'RUNNING'].includes(run.status)) return undefined;
      // The follow-up (queueing reconciliations) runs once the run has ended.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = (await app.gql(RUN_STATE, { id: runId })).data!.run;
      return {
        status: after.status as string,
        logs: after.logs.edges.map(
          (e: { node: { message: string } }) => e.node.message,
        ) as string[],
      };
    });
  }

  async function reconciliations() {
    return (await app.gql(RECONCILIATIONS)).data!.reconciliations.edges.map(
      (e: { node: any }) => e.node,
    );
  }

  it('queues each cycle date once both sides have it, and reconciles it', async () => {
    gateway.seed(3, '2026-04-01', 'M1', 'A'); // A0..A2: 100.50, 101.50, 102.50, UTR0..UTR2
    gateway.add('2026-04-03', {
      txn_id: 'C1',
      merchant_code: 'M1',
      amount: '300.00',
      currency: 'INR',
      status: 'success',
      txn_date: '2026-04-03 11:00:00',
      bank_ref: 'UTR30',
      payment_mode: 'UPI',
    });
    const pgId = await create({
      name: 'gateway',
      kind: 'PG_API',
      sourceEntity: 'SABPAISA',
      authType: 'NONE',
      config: { baseUrl: gateway.url, retry: FAST_RETRY },
      schedule: { enabled: false, timezone: IST },
    });
    book['2026-04-01'] = [
      { utr: 'UTR0', amount: '100.50', value_date: '2026-04-01' },
      { utr: 'utr1 ', amount: '101.50', value_date: '2026-04-01' },
    ];
    book['2026-04-02'] = [{ utr: 'UTR9', amount: '9.00', value_date: '2026-04-02' }];
    const bankId = await create({
      name: 'bank',
      kind: 'BANK_API',
      sourceEntity: 'HDFC',
      authType: 'API_KEY',
      credentials: { apiKey: 'k-1' },
      config: {
        baseUrl: bank.url,
        retry: FAST_RETRY,
        reconcile: { with: pgId, amountTolerance: '0.00', dateWindowDays: 1 },
      },
    });

    // The bank first: the gateway has synced nothing, so nothing is due yet.
    const bankRun = await backfill(bankId, '2026-04-01', '2026-04-02');
    expect(bankRun.status).toBe('SUCCESS');
    expect(bankRun.logs.some((line) => line.includes('reconciliation'))).toBe(false);
    expect(await reconciliations()).toEqual([]);

    // The gateway then syncs 04-01 and 04-03: only 04-01 has settlements in its window.
    const gatewayRun = await backfill(pgId, '2026-04-01', '2026-04-03');
    expect(gatewayRun.status).toBe('SUCCESS');
    expect(gatewayRun.logs.filter((line) => line.startsWith('queued the reconciliation'))).toEqual([
      expect.stringContaining('reconciliation of 2026-04-01 (bank with connector'),
    ]);
    const first = await waitFor('the reconciliation of 04-01', async () => {
      const [one] = await reconciliations();
      return one?.status === 'SUCCESS' ? one : undefined;
    });
    expect(first).toMatchObject({
      cycleDate: '2026-04-01',
      matchedCount: 2,
      exceptionCount: 2,
      triggeredBy: expect.stringMatching(/^run \d+ of gateway$/),
    });
    const counts = Object.fromEntries(
      first.byStatus.map((s: any) => [s.status, `${s.count}:${s.amount}`]),
    );
    expect(counts).toEqual({
      MATCHED: '2:202.00',
      AMOUNT_MISMATCH: '0:0',
      DUPLICATE: '0:0',
      MISSING_IN_BANK: '1:102.50',
      MISSING_IN_PG: '1:9.00',
    });

    // The bank's next run brings 04-03's settlement: 04-03 is due now (04-02 has no gateway side).
    book['2026-04-03'] = [{ utr: 'UTR30', amount: '300.00', value_date: '2026-04-03' }];
    const later = await backfill(bankId, '2026-04-03', '2026-04-03');
    expect(later.logs.filter((line) => line.startsWith('queued the reconciliation'))).toEqual([
      expect.stringContaining('reconciliation of 2026-04-03'),
    ]);
    const third = await waitFor('the reconciliation of 04-03', async () => {
      const found = (await reconciliations()).find((r: any) => r.cycleDate === '2026-04-03');
      return found?.status === 'SUCCESS' ? found : undefined;
    });
    expect(third).toMatchObject({ matchedCount: 1, exceptionCount: 0 });
    expect(third.triggeredBy).toMatch(/of bank$/);
  });

  it('refuses a reconcile setting that names no connector', async () => {
    const res = await app.gql(CREATE, {
      input: {
        name: 'bank 2',
        kind: 'BANK_API',
        sourceEntity: 'HDFC',
        authType: 'API_KEY',
        credentials: { apiKey: 'k-2' },
        config: { baseUrl: bank.url, reconcile: { with: 'nope', amountTolerance: '-1' } },
      },
    });
    const fields = res.data?.createConnector.userErrors.map((e: any) => e.field.join('.'));
    expect(fields).toEqual(
      expect.arrayContaining([
        'input.config.reconcile.with',
        'input.config.reconcile.amountTolerance',
      ]),
    );
  });
});
