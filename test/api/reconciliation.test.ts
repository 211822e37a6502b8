/**
 * Reconciliation through the GraphQL API, on hand-built cycles with a known
 * answer for every pass and status. Transactions and settlements are written
 * straight into their tables (the data layer the syncs write; their own tests
 * cover the syncs); the reconciliation runs as a real job on the worker.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { parse } from 'csv-parse/sync';
import { toGlobalId } from '../../src/schema/global-id';
import { EXCEPTION_CSV_COLUMNS } from '../../src/server/reconciliation-routes';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '../support/wait';

const CREATE_CONNECTOR = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;
const RUN = `mutation($input: RunReconciliationInput!) {
  runReconciliation(input: $input) {
    reconciliation { id status dryRun cycleDate }
    userErrors { code field message }
  }
}`;
const SUMMARY = `
  id cycleDate status dryRun pgCount bankCount matchedCount exceptionCount matchRate
  pgAmount bankAmount matchedAmount exceptionsCsvUrl triggeredBy errorMessage
  rules { amountTolerance amountTolerancePercent dateWindowDays }
  pgConnector { id } bankConnector { id }
  byStatus { status count amount }
  byRule { rule count amount }
`;
const EXCEPTIONS = `
  exceptions(first: 100) {
    totalCount
    edges { node {
      id status pgTransactionId bankReference pgAmount bankAmount difference detail
      resolved resolvedBy resolvedAt resolutionNote
      transactions { txnId amount } settlements { bankReference amount }
    } }
  }
`;
const NODE = `query($id: ID!) { node(id: $id) { ... on ReconciliationSummary { ${SUMMARY} ${EXCEPTIONS} } } }`;
const RESOLVE = `mutation($input: ResolveReconExceptionInput!) {
  resolveReconException(input: $input) {
    exception { id resolved resolvedBy resolvedAt resolutionNote }
    userErrors { code field message }
  }
}`;

type Exception = {
  id: string;
  status: string;
  pgTransactionId: string | null;
  bankReference: string | null;
  pgAmount: string | null;
  bankAmount: string | null;
  difference: string | null;
  resolved: boolean;
  resolutionNote: string | null;
  transactions: { txnId: string; amount: string }[];
  settlements: { bankReference: string; amount: string }[];
};

let app: TestApp;
let pgId: string;
let bankId: string;
let pgRow: number;
let bankRow: number;
const clients: Client[] = [];

const rowOf = (id: string) => Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);

async function connector(
  name: string,
  kind: string,
  config: Record<string, unknown>,
  auth: Record<string, unknown> = { authType: 'NONE' },
) {
  const res = await app.gql(CREATE_CONNECTOR, {
    input: { name, kind, sourceEntity: 'RECON', config, ...auth },
  });
  expect(res.data?.createConnector.userErrors).toEqual([]);
  return res.data!.createConnector.connector.id as string;
}

let seq = 0;
async function txn(
  cycleDate: string,
  txnId: string,
  amount: string,
  ref: string | null,
  status = 'SUCCESS',
) {
  seq += 1;
  await app.db('transactions').insert({
    connectorId: pgRow,
    txnId,
    amount,
    currency: 'INR',
    status,
    txnDate: `${cycleDate}T10:00:00Z`,
    cycleDate,
    bankReference: ref,
    dataHash: `h${seq}`,
  });
}

async function settle(valueDate: string, ref: string, amount: string, txnId: string | null = null) {
  seq += 1;
  await app.db('settlements').insert({
    connectorId: bankRow,
    externalId: `e${seq}`,
    unit: 'test',
    bankReference: ref,
    amount,
    valueDate,
    txnId,
  });
}

async function run(input: Record<string, unknown>, token?: string) {
  return app.gql(RUN, { input: { pgConnectorId: pgId, bankConnectorId: bankId, ...input } }, token);
}

async function reconcile(input: Record<string, unknown>) {
  const res = await run(input);
  expect(res.data?.runReconciliation.userErrors).toEqual([]);
  const id = res.data!.runReconciliation.reconciliation.id as string;
  expect(res.data!.runReconciliation.reconciliation.status).toBe('QUEUED');
  return waitFor(
    'the reconciliation to end',
    async () => {
      const node = (await app.gql(NODE, { id })).data?.node;
      return node && ['SUCCESS', 'FAILED', 'CANCELLED'].includes(node.status) ? node : undefined;
    },
    20_000,
  );
}

const byStatus = (summary: any) =>
  Object.fromEntries(summary.byStatus.map((s: any) => [s.status, [s.count, s.amount]])) as Record<
    string,
    [number, string]
  >;
const byRule = (summary: any) =>
  Object.fromEntries(summary.byRule.map((s: any) => [s.rule, [s.count, s.amount]])) as Record<
    string,
    [number, string]
  >;
const exceptionsOf = (summary: any): Exception[] =>
  summary.exceptions.edges.map((e: { node: Exception }) => e.node);
const keyOf = (e: Exception) =>
  `${e.status}:${e.transactions.map((t) => t.txnId).join('+')}:${e.settlements
    .map((s) => s.amount)
    .join('+')}`;

/** Every record of a stored result is in at most one match and never also in an exception. */
async function assertNoRecordTwice(summaryId: string) {
  const id = rowOf(summaryId);
  const { rows } = await app.db.raw<{ rows: { side: string; rid: string; n: number }[] }>(
    `SELECT side, rid, count(*)::int AS n FROM (
       SELECT 't' AS side, unnest(transaction_ids) AS rid FROM recon_matches WHERE reconciliation_id = ?
       UNION ALL SELECT 's', unnest(settlement_ids) FROM recon_matches WHERE reconciliation_id = ?
       UNION ALL SELECT 't', unnest(transaction_ids) FROM recon_exceptions WHERE reconciliation_id = ?
       UNION ALL SELECT 's', unnest(settlement_ids) FROM recon_exceptions WHERE reconciliation_id = ?
     ) x GROUP BY side, rid HAVING count(*) > 1`,
    [id, id, id, id],
  );
  expect(rows).toEqual([]);
}

beforeAll(async () => {
  app = await startTestApp({ worker: { heartbeatMs: 100 } });
  pgId = await connector('gateway', 'PG_API', { baseUrl: 'http://127.0.0.1:1' });
  bankId = await connector(
    'bank',
    'BANK_API',
    { baseUrl: 'http://127.0.0.1:1' },
    { authType: 'API_KEY', credentials: { apiKey: 'k' } },
  );
  pgRow = rowOf(pgId);
  bankRow = rowOf(bankId);

  // Cycle 2026-03-01, tolerance 0.50, window 1 day: one case of everything.
  const C = '2026-03-01';
  await txn(C, 'T1', '100.00', 'UTR1');
  await settle(C, '  utr1 ', '100.00'); // trimmed, case-insensitive: REFERENCE_EXACT
  await txn(C, 'T2', '250.00', 'UTR2');
  await settle('2026-03-02', 'UTR2', '250.00'); // inside the window
  await txn(C, 'T3', '300.00', 'UTR3');
  await settle(C, 'UTR3', '299.60'); // 0.40 apart: REFERENCE_TOLERANCE
  await txn(C, 'T4', '400.00', 'UTR4');
  await settle(C, 'UTR4', '399.49'); // 0.51 apart, just beyond: AMOUNT_MISMATCH
  await txn(C, 'T5a', '100.00', 'UTR5');
  await txn(C, 'T5b', '200.00', 'UTR5');
  await txn(C, 'T5c', '300.00', 'UTR5');
  await settle(C, 'UTR5', '600.00'); // one settlement for three transactions: SPLIT
  await txn(C, 'T6', '900.00', 'UTR6');
  await settle(C, 'UTR6', '200.00');
  await settle(C, 'UTR6', '300.00');
  await settle(C, 'UTR6', '400.00'); // three settlements for one transaction: SPLIT
  await txn(C, 'T7', '500.00', null);
  await settle(C, 'UTRX7', '500.00', 'T7'); // no reference on the gateway side: TXN_ID
  await txn(C, 'T8', '700.00', 'UTR8', 'FAILED'); // not expected at the bank: nothing
  await txn(C, 'T10', '1000.00', 'UTR10');
  await settle(C, 'UTR10', '1000.00');
  await settle(C, 'UTR10', '1000.00'); // settled twice: DUPLICATE on the bank side
  await txn(C, 'T11a', '60.00', 'UTR11');
  await txn(C, 'T11b', '50.00', 'UTR11');
  await settle(C, 'UTR11', '100.00'); // two transactions not summing to it: DUPLICATE
  await txn(C, 'T12', '120.00', 'UTR12');
  await settle('2026-03-03', 'UTR12', '120.00'); // outside the window: T12 MISSING_IN_BANK
  await settle(C, 'UTR13', '130.00'); // MISSING_IN_PG
  await txn(C, 'T14a', '140.00', 'UTR14');
  await txn(C, 'T14b', '140.00', 'UTR14'); // reported twice: DUPLICATE on the gateway side
  await settle(C, 'UTR14', '140.00');
  await txn('2026-03-02', 'T15', '150.00', 'UTR13'); // another cycle's: not this one's

  // Cycle 2026-03-05, no tolerance: 0.1 + 0.2 must equal 0.3 exactly.
  await txn('2026-03-05', 'T20', '0.1', 'UTR20');
  await txn('2026-03-05', 'T21', '0.2', 'UTR20');
  await settle('2026-03-05', 'UTR20', '0.3');
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app.close();
});

describe('reconciliation', () => {
  let firstId: string;
  let first: any;

  it('matches every pass and classifies every exception of a hand-built cycle', async () => {
    first = await reconcile({
      cycleDate: '2026-03-01',
      amountTolerance: '0.50',
      dateWindowDays: 1,
    });
    firstId = first.id;
    expect(first).toMatchObject({
      status: 'SUCCESS',
      cycleDate: '2026-03-01',
      dryRun: false,
      pgCount: 15,
      bankCount: 14,
      matchedCount: 10,
      exceptionCount: 6,
      pgAmount: '4560.00',
      bankAmount: '5419.09',
      matchedAmount: '3790.00',
      rules: { amountTolerance: '0.50', amountTolerancePercent: 0, dateWindowDays: 1 },
      pgConnector: { id: pgId },
      bankConnector: { id: bankId },
      exceptionsCsvUrl: `/reconciliations/${first.id}/exceptions.csv`,
      errorMessage: null,
    });
    expect(first.matchRate).toBeCloseTo(10 / 15, 10);
    expect(byStatus(first)).toEqual({
      MATCHED: [10, '3790.00'],
      AMOUNT_MISMATCH: [1, '400.00'],
      DUPLICATE: [3, '1250.00'],
      MISSING_IN_BANK: [1, '120.00'],
      MISSING_IN_PG: [1, '130.00'],
    });
    expect(byRule(first)).toEqual({
      REFERENCE_EXACT: [4, '1490.00'],
      REFERENCE_TOLERANCE: [1, '300.00'],
      TXN_ID: [1, '500.00'],
      SPLIT: [4, '1500.00'],
    });
    const exceptions = exceptionsOf(first);
    expect(exceptions.map(keyOf).sort()).toEqual(
      [
        'AMOUNT_MISMATCH:T4:399.49',
        'DUPLICATE::1000.00',
        'DUPLICATE:T11a+T11b:100.00',
        'DUPLICATE:T14b:',
        'MISSING_IN_BANK:T12:',
        'MISSING_IN_PG::130.00',
      ].sort(),
    );
    const mismatch = exceptions.find((e) => e.status === 'AMOUNT_MISMATCH')!;
    expect(mismatch).toMatchObject({
      pgTransactionId: 'T4',
      bankReference: 'UTR4',
      pgAmount: '400.00',
      bankAmount: '399.49',
      difference: '0.51',
      resolved: false,
    });
    const split = exceptions.find((e) => e.transactions.length === 2)!;
    expect(split).toMatchObject({ pgAmount: '110.00', bankAmount: '100.00', difference: '10.00' });
    await assertNoRecordTwice(first.id);
    // The stored result is what reconciliation(cycleDate) returns.
    const stored = await app.gql(`{ reconciliation(cycleDate: "2026-03-01") { id } }`);
    expect(stored.data?.reconciliation.id).toBe(first.id);
    // The run's end and the outbox row were written together.
    const events = await app.db('outboxEvents').where({ type: 'RECONCILIATION_COMPLETED' });
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ cycleDate: '2026-03-01', exceptionCount: 6 });
  });

  it('sums exactly: 0.1 + 0.2 settles 0.3 with no tolerance', async () => {
    const result = await reconcile({ cycleDate: '2026-03-05', dateWindowDays: 0 });
    expect(result).toMatchObject({
      status: 'SUCCESS',
      pgCount: 2,
      bankCount: 1,
      matchedCount: 2,
      exceptionCount: 0,
      pgAmount: '0.3',
      bankAmount: '0.3',
      matchedAmount: '0.3',
    });
    expect(byRule(result).SPLIT).toEqual([2, '0.3']);
    await assertNoRecordTwice(result.id);
  });

  it('filters exceptions by status and resolution, and resolves once (OPERATOR and up)', async () => {
    const missing = await app.gql(
      `query($id: ID!) { node(id: $id) { ... on ReconciliationSummary {
        exceptions(status: MISSING_IN_PG) { totalCount edges { node { id status } } } } } }`,
      { id: firstId },
    );
    const node = missing.data!.node.exceptions;
    expect(node.totalCount).toBe(1);
    const exceptionId: string = node.edges[0].node.id;

    const viewer = await app.gql(
      `mutation { createApiToken(input: { name: "viewer", role: VIEWER }) { token } }`,
    );
    const viewerToken = viewer.data!.createApiToken.token as string;
    const forbidden = await app.gql(
      RESOLVE,
      { input: { id: exceptionId, note: 'x' } },
      viewerToken,
    );
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const forbiddenRun = await run({ cycleDate: '2026-03-01' }, viewerToken);
    expect(forbiddenRun.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const empty = await app.gql(RESOLVE, { input: { id: exceptionId, note: '  ' } });
    expect(empty.data?.resolveReconException.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'note'],
    });
    const resolved = await app.gql(RESOLVE, {
      input: { id: exceptionId, note: 'refund "R-1", credited 03-04' },
    });
    expect(resolved.data?.resolveReconException).toMatchObject({
      userErrors: [],
      exception: {
        id: exceptionId,
        resolved: true,
        resolvedBy: expect.any(String),
        resolutionNote: 'refund "R-1", credited 03-04',
      },
    });
    const twice = await app.gql(RESOLVE, { input: { id: exceptionId, note: 'again' } });
    expect(twice.data?.resolveReconException).toMatchObject({
      exception: null,
      userErrors: [{ code: 'INVALID_STATE', field: ['input', 'id'] }],
    });

    const filtered = await app.gql(
      `query($id: ID!) { node(id: $id) { ... on ReconciliationSummary {
        resolved: exceptions(resolved: true) { totalCount }
        open: exceptions(resolved: false) { totalCount }
        dup: exceptions(status: DUPLICATE, resolved: false) { totalCount } } } }`,
      { id: firstId },
    );
    expect(filtered.data?.node).toEqual({
      resolved: { totalCount: 1 },
      open: { totalCount: 5 },
      dup: { totalCount: 3 },
    });
  });

  it('keeps a dry run apart: listed, marked, never the stored result, replacing nothing', async () => {
    const dry = await reconcile({
      cycleDate: '2026-03-01',
      amountTolerance: '1.00',
      dateWindowDays: 1,
      dryRun: true,
    });
    expect(dry).toMatchObject({
      status: 'SUCCESS',
      dryRun: true,
      matchedCount: 11,
      exceptionCount: 5,
    });
    expect(byRule(dry).REFERENCE_TOLERANCE).toEqual([2, '700.00']);
    const stored = await app.gql(`{ reconciliation(cycleDate: "2026-03-01") { id matchedCount } }`);
    expect(stored.data?.reconciliation).toEqual({ id: firstId, matchedCount: 10 });
    const listed = await app.gql(
      `{ reconciliations(cycleDate: "2026-03-01") { totalCount edges { node { id dryRun } } } }`,
    );
    expect(listed.data?.reconciliations).toEqual({
      totalCount: 2,
      edges: [{ node: { id: dry.id, dryRun: true } }, { node: { id: firstId, dryRun: false } }],
    });
    // The stored result and its resolution are untouched.
    const after = (await app.gql(NODE, { id: firstId })).data!.node;
    expect(after.matchedCount).toBe(10);
    expect(exceptionsOf(after).filter((e) => e.resolved)).toHaveLength(1);
    // A dry run's exceptions are not worked.
    const dryException = exceptionsOf(dry)[0]!;
    const refused = await app.gql(RESOLVE, { input: { id: dryException.id, note: 'n' } });
    expect(refused.data?.resolveReconException.userErrors[0].code).toBe('INVALID_STATE');
    // Expired dry runs are removed when the next reconciliation starts.
    await app
      .db('reconciliations')
      .where({ id: rowOf(dry.id) })
      .update({ expiresAt: new Date(0) });
    await reconcile({ cycleDate: '2026-03-05', dateWindowDays: 0, dryRun: true });
    expect((await app.gql(NODE, { id: dry.id })).data?.node).toBeNull();
  });

  it('replaces the stored result on a re-run, keeping the resolutions of exceptions that remain', async () => {
    await settle('2026-03-01', 'UTR12', '120.00'); // T12 now settles
    await settle('2026-03-01', 'UTR16', '160.00'); // a new MISSING_IN_PG
    const rerun = await reconcile({
      cycleDate: '2026-03-01',
      amountTolerance: '0.50',
      dateWindowDays: 1,
    });
    expect(rerun).toMatchObject({ status: 'SUCCESS', matchedCount: 11, exceptionCount: 6 });
    expect(byStatus(rerun)).toEqual({
      MATCHED: [11, '3910.00'],
      AMOUNT_MISMATCH: [1, '400.00'],
      DUPLICATE: [3, '1250.00'],
      MISSING_IN_BANK: [0, '0'],
      MISSING_IN_PG: [2, '290.00'],
    });
    const kept = exceptionsOf(rerun).filter((e) => e.resolved);
    expect(kept.map(keyOf)).toEqual(['MISSING_IN_PG::130.00']);
    expect(kept[0]!.resolutionNote).toBe('refund "R-1", credited 03-04');
    const stored = await app.gql(`{ reconciliation(cycleDate: "2026-03-01") { id } }`);
    expect(stored.data?.reconciliation.id).toBe(rerun.id);
    expect((await app.gql(NODE, { id: firstId })).data?.node).toBeNull();
    await assertNoRecordTwice(rerun.id);
  });

  it('downloads the exceptions as streamed RFC 4180 CSV with the same token', async () => {
    const stored = (
      await app.gql(
        `{ reconciliation(cycleDate: "2026-03-01") { id exceptionsCsvUrl exceptionCount } }`,
      )
    ).data!.reconciliation;
    const none = await fetch(`${app.url}${stored.exceptionsCsvUrl}`);
    expect(none.status).toBe(401);
    const auth = { authorization: `Bearer ${app.adminToken}` };
    const unknown = await fetch(
      `${app.url}/reconciliations/${toGlobalId('ReconciliationSummary', 999999)}/exceptions.csv`,
      { headers: auth },
    );
    expect(unknown.status).toBe(404);
    const garbage = await fetch(`${app.url}/reconciliations/nope/exceptions.csv`, {
      headers: auth,
    });
    expect(garbage.status).toBe(404);

    const res = await fetch(`${app.url}${stored.exceptionsCsvUrl}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const body = await res.text();
    // CRLF line ends, quotes doubled inside a quoted field.
    expect(body.split('\r\n').filter(Boolean)).toHaveLength(stored.exceptionCount + 1);
    expect(body).toContain('"refund ""R-1"", credited 03-04"');
    const records: Record<string, string>[] = parse(body, { columns: true });
    expect(Object.keys(records[0]!)).toEqual([...EXCEPTION_CSV_COLUMNS]);
    const mismatch = records.find((r) => r.status === 'AMOUNT_MISMATCH')!;
    expect(mismatch).toMatchObject({
      pgTransactionId: 'T4',
      pgAmount: '400.00',
      bankAmount: '399.49',
      difference: '0.51',
      resolved: 'false',
    });
    const [txnRow] = await app.db('transactions').where({ txnId: 'T4' }).select('id');
    expect(mismatch.transactionIds).toBe(toGlobalId('PaymentTransaction', txnRow.id));
    const group = records.find((r) => r.transactionIds.includes(';'))!;
    expect(group.transactionIds.split(';')).toHaveLength(2);
    expect(records.filter((r) => r.resolved === 'true')).toHaveLength(1);
  });

  it('does not match a settlement again in the next cycle', async () => {
    // T30 of 03-02 has the reference and amount of S2 (value date 03-02), which cycle 03-01 matched.
    await txn('2026-03-02', 'T30', '250.00', 'UTR2');
    const next = await reconcile({ cycleDate: '2026-03-02', dateWindowDays: 0 });
    expect(next.errorMessage).toBeNull();
    expect(byStatus(next).MATCHED).toEqual([0, '0']);
    expect(exceptionsOf(next).map(keyOf).sort()).toEqual(
      ['MISSING_IN_BANK:T15:', 'MISSING_IN_BANK:T30:'].sort(),
    );
  });

  it('refuses bad input and a second reconciliation of the same cycle and pair at once', async () => {
    const bad = await run({ cycleDate: '2026-03-01', amountTolerance: '-1', dateWindowDays: 99 });
    expect(bad.data?.runReconciliation.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'amountTolerance'],
    });
    const wrongSide = await app.gql(RUN, {
      input: { cycleDate: '2026-03-01', pgConnectorId: bankId, bankConnectorId: bankId },
    });
    expect(wrongSide.data?.runReconciliation.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'pgConnectorId'],
    });
    await app.services.worker.stop();
    try {
      const queued = await run({ cycleDate: '2026-03-09' });
      expect(queued.data?.runReconciliation.userErrors).toEqual([]);
      const again = await run({ cycleDate: '2026-03-09', dryRun: true });
      expect(again.data?.runReconciliation.userErrors[0].code).toBe('INVALID_STATE');
      // Its job is a run: cancelRun cancels it while QUEUED, and the pair is free again.
      const queuedId = queued.data!.runReconciliation.reconciliation.id;
      const job = await app.gql(
        `query($id: ID!) { node(id: $id) { ... on ReconciliationSummary { run { id status } } } }`,
        { id: queuedId },
      );
      expect(job.data?.node.run.status).toBe('QUEUED');
      const cancelled = await app.gql(
        `mutation($id: ID!) { cancelRun(id: $id) { run { status } userErrors { code } } }`,
        { id: job.data!.node.run.id },
      );
      expect(cancelled.data?.cancelRun).toEqual({ run: { status: 'CANCELLED' }, userErrors: [] });
      const after = await app.gql(NODE, { id: queuedId });
      expect(after.data?.node).toMatchObject({ status: 'CANCELLED', exceptionCount: 0 });
      const retried = await app.gql(
        `mutation($id: ID!) { retryRun(id: $id) { userErrors { code } } }`,
        { id: job.data!.node.run.id },
      );
      expect(retried.data?.retryRun.userErrors[0].code).toBe('INVALID_STATE');
      const free = await run({ cycleDate: '2026-03-09', dryRun: true });
      expect(free.data?.runReconciliation.userErrors).toEqual([]);
      // A reconciliation whose process stopped sending heartbeats is reaped like any run.
      const freeId = free.data!.runReconciliation.reconciliation.id;
      await app
        .db('runs')
        .where({
          id: (
            await app
              .db('reconciliations')
              .where({ id: rowOf(freeId) })
              .first()
          ).runId,
        })
        .update({ status: 'RUNNING', heartbeatAt: new Date(Date.now() - 3_600_000) });
      expect(await app.services.worker.reap()).toHaveLength(1);
      expect((await app.gql(NODE, { id: freeId })).data?.node.status).toBe('FAILED');
      // Omitted ids: the only connector of each side.
      const other = await app.gql(RUN, { input: { cycleDate: '2026-03-10' } });
      expect(other.data?.runReconciliation).toMatchObject({
        userErrors: [],
        reconciliation: { status: 'QUEUED', cycleDate: '2026-03-10' },
      });
    } finally {
      app.services.worker.start();
    }
  });

  it('streams status changes on reconciliationUpdated over graphql-ws', async () => {
    const client = createClient({
      url: app.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: { authorization: `Bearer ${app.adminToken}` },
    });
    clients.push(client);
    const before = app.notifier.subscriberCount;
    const iterator = client.iterate({
      query: `subscription { reconciliationUpdated(cycleDate: "2026-03-05") {
        id status cycleDate matchedCount } }`,
    }) as AsyncIterableIterator<{ data?: any }>;
    await waitFor('the subscriber', () => app.notifier.subscriberCount > before);
    const res = await run({ cycleDate: '2026-03-05', dateWindowDays: 0 });
    const id = res.data!.runReconciliation.reconciliation.id;
    const seen: string[] = [];
    for await (const event of iterator) {
      const summary = event.data!.reconciliationUpdated;
      expect(summary).toMatchObject({ id, cycleDate: '2026-03-05' });
      seen.push(summary.status);
      if (summary.status === 'SUCCESS') {
        expect(summary.matchedCount).toBe(2);
        break;
      }
    }
    expect(seen).toEqual(['QUEUED', 'RUNNING', 'SUCCESS']);
  });
});
