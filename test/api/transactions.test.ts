/**
 * Gateway transactions through the payments pipeline (with the engine's
 * planning and writers, page by page) and the GraphQL API: created / updated /
 * DUPLICATE counts against real Postgres,
 * exact amounts read back, FAILED records kept with their reason, and the
 * transactions / records / node queries over what was written.
 */
import { LosslessNumber } from 'lossless-json';
import { parseExactJson } from '../../src/connectors/pg-api/json';
import {
  planTransactions,
  writeTransactions,
  type TransactionCandidate,
} from '../support/transaction-pages';
import type { SkippedRecord } from '../../src/pipeline/page-outcome';
import { fromGlobalId } from '../../src/schema/global-id';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
let connectorGid: string;
let connectorId: number;
let otherConnectorId: number;
let runId: number;

async function createConnector(name: string): Promise<string> {
  const created = await app.gql(
    `mutation($input: CreateConnectorInput!) {
      createConnector(input: $input) { connector { id } userErrors { message } }
    }`,
    {
      input: {
        name,
        kind: 'PG_API',
        sourceEntity: 'SABPAISA',
        authType: 'IP_WHITELIST',
        config: { baseUrl: 'https://gateway.example' },
      },
    },
  );
  const payload = created.data!.createConnector;
  if (payload.userErrors.length > 0) throw new Error(JSON.stringify(payload.userErrors));
  return payload.connector.id;
}

function gatewayRow(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    txn_id: `T${n}`,
    merchant_code: n % 2 ? 'M1' : 'M2',
    amount: new LosslessNumber(`${1000 + n}.50`),
    currency: 'INR',
    status: 'success',
    txn_date: `2026-01-15 1${n % 10}:00:00`,
    bank_ref: `UTR${n}`,
    payment_mode: 'UPI',
    ...overrides,
  };
}

/**
 * One page through the engine's planning and writers: DUPLICATEs in
 * `skipped`, records that could not be mapped in `invalid`.
 */
async function syncPage(
  raws: Record<string, unknown>[],
  options: { connector?: number; pending?: TransactionCandidate[]; write?: boolean } = {},
) {
  const connector = options.connector ?? connectorId;
  const plan = await planTransactions(app.db, connector, raws, { pending: options.pending });
  const invalid = plan.skipped.filter((s) => s.reason === 'INVALID_RECORD');
  const skipped = plan.skipped.filter((s) => s.reason !== 'INVALID_RECORD');
  const page = { candidates: plan.candidates, skipped, invalid };
  if (options.write === false) return { ...page, created: 0, updated: 0 };
  const written = await app.db.transaction((trx) =>
    writeTransactions(trx, { connectorId: connector, runId }, plan.candidates, invalid),
  );
  return { ...page, ...written };
}

const reasons = (skipped: SkippedRecord[]) => skipped.map((s) => `${s.externalId}:${s.reason}`);

beforeAll(async () => {
  app = await startTestApp();
  connectorGid = await createConnector('SabPaisa PG API');
  connectorId = fromGlobalId(connectorGid)!.id;
  otherConnectorId = fromGlobalId(await createConnector('Other Gateway'))!.id;
  [{ id: runId }] = await app
    .db('runs')
    .insert({ connectorId, type: 'MANUAL', triggeredBy: 'test', status: 'SUCCESS', phase: 'DONE' })
    .returning('id');
});
afterAll(() => app?.close());

describe('the transaction page writer', () => {
  it('creates new transactions, then counts an unchanged re-read as DUPLICATE and a changed one as updated', async () => {
    const first = await syncPage([1, 2, 3, 4].map((n) => gatewayRow(n)));
    expect({ created: first.created, updated: first.updated, skipped: first.skipped }).toEqual({
      created: 4,
      updated: 0,
      skipped: [],
    });
    const again = await syncPage([1, 2, 3, 4].map((n) => gatewayRow(n)));
    expect(again.created + again.updated).toBe(0);
    expect(reasons(again.skipped)).toEqual([
      'T1:DUPLICATE',
      'T2:DUPLICATE',
      'T3:DUPLICATE',
      'T4:DUPLICATE',
    ]);
    expect(again.skipped[0].message).toBe('already held, unchanged');

    const changed = await syncPage([
      gatewayRow(1, { status: 'refunded' }),
      gatewayRow(2),
      gatewayRow(5),
    ]);
    expect({ created: changed.created, updated: changed.updated }).toEqual({
      created: 1,
      updated: 1,
    });
    expect(reasons(changed.skipped)).toEqual(['T2:DUPLICATE']);
    const t1 = await app.db('transactions').where({ connectorId, txnId: 'T1' }).first();
    expect(t1.status).toBe('REFUNDED');
    expect(await app.db('transactions').where({ connectorId }).count('* as n').first()).toEqual({
      n: 5,
    });
  });

  it('keeps every record of one txnId once: a repeat within a page, or a page still being written', async () => {
    const page = await syncPage([gatewayRow(6), gatewayRow(6, { status: 'failed' })], {
      write: false,
    });
    expect(page.candidates.map((c) => c.externalId)).toEqual(['T6']);
    expect(page.skipped).toEqual([
      expect.objectContaining({
        externalId: 'T6',
        reason: 'DUPLICATE',
        message: 'the same external id came twice in one page',
      }),
    ]);
    // The page before, not yet committed, holds T6 unchanged: DUPLICATE, as after its commit.
    const next = await syncPage([gatewayRow(6), gatewayRow(7)], {
      pending: page.candidates,
      write: false,
    });
    expect(reasons(next.skipped)).toEqual(['T6:DUPLICATE']);
    expect(next.candidates.map((c) => c.externalId)).toEqual(['T7']);
  });

  it('writes a page in two statements whatever its size', async () => {
    const statements: string[] = [];
    const listen = (query: { sql: string }) => statements.push(query.sql);
    const { candidates } = await syncPage(
      Array.from({ length: 300 }, (_, i) => gatewayRow(1000 + i)),
      { write: false },
    );
    app.db.on('query', listen);
    try {
      const counts = await app.db.transaction((trx) =>
        writeTransactions(trx, { connectorId, runId }, candidates),
      );
      expect(counts.created).toBe(300);
    } finally {
      app.db.off('query', listen);
    }
    const writes = statements.filter((sql) => /^\s*insert/i.test(sql));
    expect(writes).toHaveLength(2);
    expect(writes[0]).toMatch(/INSERT INTO transactions/);
    expect(writes[1]).toMatch(/INSERT INTO external_references/);
  });

  it('stores amounts exactly and keeps raw and mapped payloads', async () => {
    const [big, small, tenth] = parseExactJson(
      '[{"amount": 12345678901234.56}, {"amount": 0.30}, {"amount": 0.1}]',
    ) as Record<string, unknown>[];
    await syncPage([
      gatewayRow(20, big),
      gatewayRow(21, small),
      gatewayRow(22, tenth),
      gatewayRow(23, { amount: '98765432109876543210.0001' }),
    ]);
    const rows = await app
      .db('transactions')
      .whereIn('txnId', ['T20', 'T21', 'T22', 'T23'])
      .orderBy('txnId')
      .select('amount', 'cycleDate', 'txnDate');
    expect(rows.map((r) => r.amount)).toEqual([
      '12345678901234.56',
      '0.30',
      '0.1',
      '98765432109876543210.0001',
    ]);
    // 10:00 in India, written without an offset: the 15th there, 04:30 UTC.
    expect(rows[0].cycleDate).toBe('2026-01-15');
    expect(rows[0].txnDate.toISOString()).toBe('2026-01-15T04:30:00.000Z');
    const ref = await app
      .db('externalReferences')
      .where({ connectorId, entityType: 'transaction', externalId: 'T20' })
      .select(app.db.raw(`raw->>'amount' AS "rawAmount"`), 'mapped', 'status', 'internalId')
      .first();
    // jsonb keeps numbers as numeric: the raw amount survives digit for digit too.
    expect(ref.rawAmount).toBe('12345678901234.56');
    expect(ref.mapped).toMatchObject({
      txnId: 'T20',
      amount: '12345678901234.56',
      status: 'SUCCESS',
    });
    expect(ref.status).toBe('SYNCED');
    expect(ref.internalId).toEqual(expect.any(Number));
  });

  it('keeps bad records FAILED with the field named, until a good version maps', async () => {
    const page = await syncPage([
      gatewayRow(30, { amount: 'twelve' }),
      gatewayRow(31, { txn_date: '31/01/2026' }),
      gatewayRow(32, { txn_id: undefined }),
      gatewayRow(1, { amount: 'bad' }),
    ]);
    expect(page.invalid.map((s) => [s.externalId, s.message])).toEqual([
      ['T30', expect.stringMatching(/^amount is not an amount/)],
      ['T31', expect.stringMatching(/^txn_date is not a date/)],
      [null, 'missing txn_id'],
      ['T1', expect.stringMatching(/^amount is not an amount/)],
    ]);
    const refs = await app
      .db('externalReferences')
      .where({ connectorId, status: 'FAILED' })
      .orderBy('externalId')
      .select('externalId', 'reason', 'error', 'mapped');
    // T1 is held (MAPPED): a bad re-read does not replace what the hub holds.
    expect(refs).toEqual([
      {
        externalId: 'T30',
        reason: 'INVALID_RECORD',
        error: expect.stringMatching(/^amount/),
        mapped: null,
      },
      {
        externalId: 'T31',
        reason: 'INVALID_RECORD',
        error: expect.stringMatching(/^txn_date/),
        mapped: null,
      },
    ]);
    const fixed = await syncPage([gatewayRow(30)]);
    expect(fixed.created).toBe(1);
    const ref = await app
      .db('externalReferences')
      .where({ connectorId, externalId: 'T30' })
      .first();
    expect(ref).toMatchObject({ status: 'SYNCED', reason: null, error: null });
  });

  it('keys transactions per connector', async () => {
    const other = await syncPage([gatewayRow(1), gatewayRow(2)], { connector: otherConnectorId });
    expect(other.created).toBe(2);
  });
});

describe('the payments queries', () => {
  const LIST = `query($first: Int, $after: String, $filter: TransactionFilter) {
    transactions(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id txnId amount currency status cycleDate txnDate merchantCode bankReference paymentMode
        createdAt updatedAt connector { id name } run { id status } } }
    }
  }`;
  const list = async (variables: Record<string, unknown>) => {
    const result = await app.gql(LIST, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.transactions;
  };

  it('filters by connector, cycle date, merchant, status and exact txnId or bank reference', async () => {
    const all = await list({ first: 5, filter: { connectorId: connectorGid } });
    const total = await app.db('transactions').where({ connectorId }).count('* as n').first();
    expect(all.totalCount).toBe(total!.n);
    const everyone = await app.db('transactions').count('* as n').first();
    expect((await list({ filter: {} })).totalCount).toBe(everyone!.n);
    expect(everyone!.n).toBeGreaterThan(all.totalCount);
    const t5 = await list({ filter: { connectorId: connectorGid, search: 'T5' } });
    expect(t5.totalCount).toBe(1);
    expect(t5.edges[0].node).toMatchObject({
      txnId: 'T5',
      amount: '1005.50',
      currency: 'INR',
      status: 'SUCCESS',
      cycleDate: '2026-01-15',
      txnDate: '2026-01-15T09:30:00.000Z',
      merchantCode: 'M1',
      bankReference: 'UTR5',
      paymentMode: 'UPI',
      connector: { id: connectorGid, name: 'SabPaisa PG API' },
      run: { status: 'SUCCESS' },
    });
    const byUtr = await list({ filter: { search: 'UTR5', connectorId: connectorGid } });
    expect(byUtr.edges.map((e: { node: { txnId: string } }) => e.node.txnId)).toEqual(['T5']);
    // search is exact: a prefix finds nothing.
    expect((await list({ filter: { search: 'UTR' } })).totalCount).toBe(0);
    const refunded = await list({ filter: { status: 'refunded' } });
    expect(refunded.edges.map((e: { node: { txnId: string } }) => e.node.txnId)).toEqual(['T1']);
    const m2 = await list({
      filter: { connectorId: connectorGid, merchantCode: 'M2', search: 'T2' },
    });
    expect(m2.totalCount).toBe(1);
    expect((await list({ filter: { cycleDate: '2026-01-14' } })).totalCount).toBe(0);
    expect(
      (await list({ filter: { cycleDate: '2026-01-15', connectorId: connectorGid } })).totalCount,
    ).toBe(all.totalCount);
    // An id of another type matches nothing.
    expect((await list({ filter: { connectorId: t5.edges[0].node.id } })).totalCount).toBe(0);
  });

  it('pages newest first with cursors, every row once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = await list({ first: 100, after, filter: { connectorId: connectorGid } });
      seen.push(...page.edges.map((e: { node: { txnId: string } }) => e.node.txnId));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    const total = await app.db('transactions').where({ connectorId }).count('* as n').first();
    expect(seen).toHaveLength(total!.n as number);
    const tooMany = await app.gql(LIST, { first: 101 });
    expect(tooMany.errors?.[0].message).toMatch(/first must be between 0 and 100/);
  });

  it('returns exact amounts as strings through the API', async () => {
    const big = await list({ filter: { search: 'T20' } });
    expect(big.edges[0].node.amount).toBe('12345678901234.56');
    expect(JSON.parse(app.responses.at(-1)!).data.transactions.edges[0].node.amount).toBe(
      '12345678901234.56',
    );
    expect((await list({ filter: { search: 'T21' } })).edges[0].node.amount).toBe('0.30');
    expect((await list({ filter: { search: 'T23' } })).edges[0].node.amount).toBe(
      '98765432109876543210.0001',
    );
  });

  const RECORDS = `query($connectorId: ID!, $entityType: String, $status: RecordStatus, $first: Int) {
    records(connectorId: $connectorId, entityType: $entityType, status: $status, first: $first) {
      totalCount
      edges { node { id entityType externalId status reason error raw mapped connector { id } run { id } createdAt updatedAt } }
    }
  }`;

  it('lists a connector’s records, MAPPED and FAILED, with raw and mapped payloads', async () => {
    const failed = await app.gql(RECORDS, { connectorId: connectorGid, status: 'FAILED' });
    expect(failed.errors).toBeUndefined();
    expect(failed.data!.records.totalCount).toBe(1);
    expect(failed.data!.records.edges[0].node).toMatchObject({
      entityType: 'transaction',
      externalId: 'T31',
      status: 'FAILED',
      reason: 'INVALID_RECORD',
      error: expect.stringMatching(/^txn_date is not a date/),
      raw: expect.objectContaining({ txn_id: 'T31', txn_date: '31/01/2026' }),
      mapped: null,
      connector: { id: connectorGid },
    });
    const mapped = await app.gql(RECORDS, {
      connectorId: connectorGid,
      entityType: 'transaction',
      status: 'MAPPED',
      first: 1,
    });
    const total = await app.db('transactions').where({ connectorId }).count('* as n').first();
    expect(mapped.data!.records.totalCount).toBe(total!.n);
    expect(mapped.data!.records.edges[0].node).toMatchObject({
      status: 'MAPPED',
      reason: null,
      error: null,
      mapped: expect.objectContaining({ currency: 'INR' }),
    });
    const none = await app.gql(RECORDS, { connectorId: connectorGid, entityType: 'credential' });
    expect(none.data!.records.totalCount).toBe(0);
  });

  it('finds both by node(id)', async () => {
    const t5 = await list({ filter: { search: 'T5' } });
    const id = t5.edges[0].node.id;
    const node = await app.gql(
      `query($id: ID!) { node(id: $id) { __typename id ... on PaymentTransaction { txnId amount } } }`,
      { id },
    );
    expect(node.data!.node).toEqual({
      __typename: 'PaymentTransaction',
      id,
      txnId: 'T5',
      amount: '1005.50',
    });
    const records = await app.gql(RECORDS, { connectorId: connectorGid, status: 'FAILED' });
    const recordId = records.data!.records.edges[0].node.id;
    const record = await app.gql(
      `query($id: ID!) { node(id: $id) { __typename ... on ExternalRecord { externalId status } } }`,
      { id: recordId },
    );
    expect(record.data!.node).toEqual({
      __typename: 'ExternalRecord',
      externalId: 'T31',
      status: 'FAILED',
    });
    const missing = await app.gql(
      `query { node(id: "${Buffer.from('PaymentTransaction:999999').toString('base64url')}") { id } }`,
    );
    expect(missing.data!.node).toBeNull();
  });
});
