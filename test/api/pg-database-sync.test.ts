/**
 * PG_DATABASE end to end: a second Postgres database on loopback holding a
 * settlements table, read by a role that has only SELECT on it; connectors
 * created and run through GraphQL.
 */
import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '../../src/db/knex';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;
const RUN = `mutation($input: RunConnectorInput!) { runConnector(input: $input) { run { id } } }`;
const GET_RUN = `query($id: ID!) { run(id: $id) {
  id status errorMessage
  stats { recordsFetched recordsCreated recordsUpdated recordsSkipped recordsFailed pagesFetched }
} }`;
const SETTLEMENTS = `query($filter: SettlementFilter) {
  settlements(first: 100, filter: $filter) {
    totalCount edges { node { bankReference amount valueDate txnId } }
  }
}`;
const QUERY = `select id, utr, amount, value_date, txn_id, updated_at from src_settlements
  where (:since is null or updated_at > :since) order by updated_at limit :limit`;

describe('PG_DATABASE sync', () => {
  let app: TestApp;
  let source: TestDatabase;
  let owner: Db;
  const role = `reader_${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  let where: { host: string; port: number; database: string };

  beforeAll(async () => {
    app = await startTestApp({ worker: { heartbeatMs: 100 } });
    source = await createTestDatabase({ empty: true });
    owner = createDb({ url: source.url, poolMax: 1 });
    const url = new URL(source.url);
    where = { host: url.hostname, port: Number(url.port), database: url.pathname.slice(1) };
    await owner.raw(`
      CREATE TABLE src_settlements (id bigint PRIMARY KEY, utr text, amount numeric, value_date date,
        txn_id text, updated_at timestamptz NOT NULL);
      CREATE ROLE ${role} LOGIN PASSWORD '${password}';
      GRANT CONNECT ON DATABASE ${where.database} TO ${role};
      GRANT USAGE ON SCHEMA public TO ${role};
      GRANT SELECT ON src_settlements TO ${role};
    `);
  });
  afterAll(async () => {
    await owner.destroy();
    await source.drop();
    const admin = createDb({ url: process.env.TRIBUTARY_TEST_ADMIN_URL!, poolMax: 1 });
    await admin.raw(`DROP ROLE IF EXISTS ${role}`);
    await admin.destroy();
    await app.close();
  });

  let count = 0;
  async function createConnector(config: Record<string, unknown>) {
    count += 1;
    const result = await app.gql(CREATE, {
      input: {
        name: `source db ${count}`,
        kind: 'PG_DATABASE',
        sourceEntity: 'RECON',
        authType: 'BASIC',
        config: {
          ...where,
          ssl: false,
          cursorColumn: 'updated_at',
          entity: 'settlement',
          query: QUERY,
          ...config,
        },
        credentials: { username: role, password },
      },
    });
    expect(result.data?.createConnector.userErrors).toEqual([]);
    return result.data!.createConnector.connector.id as string;
  }

  async function run(id: string) {
    const queued = await app.gql(RUN, { input: { id } });
    const runId = queued.data!.runConnector.run.id as string;
    for (;;) {
      const got = (await app.gql(GET_RUN, { id: runId })).data!.run;
      if (!['QUEUED', 'RUNNING'].includes(got.status)) return got;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const listed = async (id: string) =>
    (await app.gql(SETTLEMENTS, { filter: { connectorId: id } })).data!.settlements;

  it('reads settlements page by page with a SELECT-only role, then only what changed after the cursor (to the microsecond)', async () => {
    await owner.raw(`INSERT INTO src_settlements VALUES
      (1, 'P1', 12345678901234.56, '2024-08-01', 'T1', '2024-08-01 10:00:00.000001+00'),
      (2, 'P2', 10.50, '2024-08-01', null, '2024-08-01 10:00:00.000002+00'),
      (3, 'P2', 10.50, '2024-08-01', null, '2024-08-01 10:00:00.000003+00'),
      (4, 'P4', 4, '2024-08-02', 'T4', '2024-08-01 10:00:00.000004+00'),
      (5, 'P5', 5.00, '2024-08-02', null, '2024-08-01 10:00:00.000005+00')`);
    const id = await createConnector({ pageSize: 2 });
    const first = await run(id);
    expect(first).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsFetched: 5, recordsCreated: 5, recordsUpdated: 0, pagesFetched: 3 },
    });
    const page = await listed(id);
    expect(page.totalCount).toBe(5);
    expect(
      page.edges
        .map(
          (e: { node: Record<string, unknown> }) =>
            `${e.node.bankReference} ${e.node.amount} ${e.node.valueDate}`,
        )
        .sort(),
    ).toEqual([
      'P1 12345678901234.56 2024-08-01',
      'P2 10.50 2024-08-01',
      'P2 10.50 2024-08-01',
      'P4 4 2024-08-02',
      'P5 5.00 2024-08-02',
    ]);

    // One row changed a microsecond after the cursor, one new; a row changed before the cursor is not read.
    await owner.raw(
      `UPDATE src_settlements SET amount = 11.25, updated_at = '2024-08-01 10:00:00.000006+00' WHERE id = 2`,
    );
    await owner.raw(
      `INSERT INTO src_settlements VALUES (6, 'P6', 6, '2024-08-03', null, '2024-08-01 10:00:00.000007+00')`,
    );
    await owner.raw(`UPDATE src_settlements SET amount = 999 WHERE id = 1`);
    const second = await run(id);
    expect(second).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsFetched: 2, recordsCreated: 1, recordsUpdated: 1, recordsSkipped: 0 },
    });
    const after = await listed(id);
    expect(after.totalCount).toBe(6);
    expect(
      after.edges
        .map((e: { node: Record<string, unknown> }) => `${e.node.bankReference} ${e.node.amount}`)
        .sort(),
    ).toEqual(['P1 12345678901234.56', 'P2 10.50', 'P2 11.25', 'P4 4', 'P5 5.00', 'P6 6']);
  });

  it('syncs gateway transactions from a SQL source (entity transaction) through the transaction pipeline, then only what changed', async () => {
    await owner.raw(`
      CREATE TABLE src_transactions (id bigint PRIMARY KEY, txn_id text, merchant_code text,
        amount numeric, currency text, status text, txn_date timestamptz, bank_ref text,
        payment_mode text, updated_at timestamptz NOT NULL);
      GRANT SELECT ON src_transactions TO ${role};
      INSERT INTO src_transactions VALUES
        (1, 'DB-T1', 'M1', 1250.50, 'inr', 'success', '2024-08-01 23:30:00+05:30', 'UTR1', 'UPI',
         '2024-08-02 09:00:00.000001+00'),
        (2, 'DB-T2', 'M1', 99.999999999999999999, 'INR', 'FAILED', '2024-08-01 10:00:00+00', null,
         null, '2024-08-02 09:00:00.000002+00'),
        (3, 'DB-T3', 'M2', 7, 'INR', 'SUCCESS', '2024-08-02 00:15:00-04', 'UTR3', 'CARD',
         '2024-08-02 09:00:00.000003+00'),
        (4, null, 'M2', 8, 'INR', 'SUCCESS', '2024-08-02 00:15:00+00', null, null,
         '2024-08-02 09:00:00.000004+00')`);
    const id = await createConnector({
      entity: 'transaction',
      pageSize: 2,
      query: `select * from src_transactions
        where (:since is null or updated_at > :since) order by updated_at limit :limit`,
    });
    const first = await run(id);
    expect(first).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsFetched: 4, recordsCreated: 3, recordsSkipped: 1, pagesFetched: 3 },
    });
    const TRANSACTIONS = `query($filter: TransactionFilter) {
      transactions(first: 100, filter: $filter) {
        totalCount edges { node { txnId merchantCode amount currency status txnDate cycleDate
          bankReference paymentMode connector { id } } }
      }
    }`;
    const listedTxns = async () =>
      (await app.gql(TRANSACTIONS, { filter: { connectorId: id } })).data!.transactions;
    const byTxn = async () =>
      Object.fromEntries(
        (await listedTxns()).edges.map((e: { node: Record<string, unknown> }) => [
          e.node.txnId,
          e.node,
        ]),
      );
    const stored = await byTxn();
    expect(Object.keys(stored).sort()).toEqual(['DB-T1', 'DB-T2', 'DB-T3']);
    expect(stored['DB-T1']).toMatchObject({
      merchantCode: 'M1',
      amount: '1250.50',
      currency: 'INR',
      status: 'SUCCESS',
      txnDate: '2024-08-01T18:00:00.000Z',
      bankReference: 'UTR1',
      paymentMode: 'UPI',
      connector: { id },
    });
    expect(stored['DB-T2']).toMatchObject({
      amount: '99.999999999999999999',
      txnDate: '2024-08-01T10:00:00.000Z',
      bankReference: null,
    });
    expect(stored['DB-T3'].txnDate).toBe('2024-08-02T04:15:00.000Z');

    // The row without a txn id is skipped as INVALID_RECORD, not stored.
    const skipped = await app.gql(
      `query($id: ID!) { run(id: $id) { skippedRecords(first: 10) { edges { node { reason message } } } } }`,
      { id: first.id },
    );
    expect(skipped.data!.run.skippedRecords.edges).toEqual([
      { node: { reason: 'INVALID_RECORD', message: 'missing txn_id' } },
    ]);

    // One status changed after the cursor: one update; an unchanged re-read is nothing.
    await owner.raw(
      `UPDATE src_transactions SET status = 'REFUNDED', updated_at = '2024-08-02 09:00:00.000005+00' WHERE id = 3`,
    );
    const second = await run(id);
    expect(second).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsFetched: 1, recordsCreated: 0, recordsUpdated: 1 },
    });
    expect((await byTxn())['DB-T3'].status).toBe('REFUNDED');
    expect(await run(id)).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsFetched: 0, recordsCreated: 0, recordsUpdated: 0 },
    });
    expect((await listedTxns()).totalCount).toBe(3);
  });

  it('fails the run with Postgres’s message on a bad query, and a writing query cannot write', async () => {
    const before = await owner('src_settlements').count('* as n');
    const missing = await createConnector({
      query: `select id, nope from src_settlements where (:since is null or updated_at > :since) limit :limit`,
    });
    const failed = await run(missing);
    expect(failed.status).toBe('FAILED');
    expect(failed.errorMessage).toContain('column "nope" does not exist');

    const writer = await createConnector({
      query: `with gone as (delete from src_settlements returning *)
        select * from gone where (:since is null or updated_at > :since) limit :limit`,
    });
    const refused = await run(writer);
    expect(refused.status).toBe('FAILED');
    expect(refused.errorMessage).toMatch(/read-only transaction|permission denied/);
    expect(await owner('src_settlements').count('* as n')).toEqual(before);
    expect((await listed(writer)).totalCount).toBe(0);
  });
});
