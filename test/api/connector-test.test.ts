/**
 * testConnector through the API, against real servers on loopback: an HTTP
 * provider, a second Postgres database and (in bank-sftp tests) an SFTP server.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDb } from '../../src/db/knex';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { HttpProvider } from '../support/http-provider';
import { startSftpServer, type SftpServer } from '../support/sftp-server';

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id status } userErrors { code field message } }
}`;
const UPDATE = `mutation($input: UpdateConnectorInput!) {
  updateConnector(input: $input) { connector { id status } userErrors { code field message } }
}`;
const TEST = `mutation($id: ID!) {
  testConnector(id: $id) {
    run { id type status durationSeconds errorMessage startedAt completedAt
      logs(first: 10) { edges { node { level message } } } }
    userErrors { code message }
  }
}`;
const STATUS = `query($id: ID!) { connector(id: $id) { status stats { totalRuns successCount failureCount } } }`;

describe('testConnector', () => {
  let app: TestApp;
  let provider: HttpProvider;
  beforeAll(async () => {
    app = await startTestApp();
    provider = await HttpProvider.start();
  });
  afterAll(async () => {
    await provider.close();
    await app.close();
  });

  async function create(input: Record<string, unknown>): Promise<string> {
    const result = (await app.gql(CREATE, { input })).data?.createConnector;
    expect(result.userErrors).toEqual([]);
    return result.connector.id;
  }
  async function test(id: string) {
    const result = await app.gql(TEST, { id });
    expect(result.errors).toBeUndefined();
    return result.data?.testConnector.run;
  }
  const status = async (id: string) => (await app.gql(STATUS, { id })).data?.connector;

  it('requests a token and lists one record (ISSUER_API, JWT); FAILED on bad credentials, ACTIVE again after', async () => {
    provider.serveTokens({
      path: '/nsdc/auth/token',
      clientId: 'nsdc',
      clientSecret: 'right-secret',
      encoding: 'json',
    });
    provider.on(
      'GET',
      '/nsdc/credentials',
      { json: { data: [{ id: 'c1' }], next_page_token: null, total: 7 } },
      { bearer: true },
    );
    const id = await create({
      name: 'NSDC',
      kind: 'ISSUER_API',
      sourceEntity: 'NSDC',
      authType: 'JWT',
      config: { baseUrl: `${provider.url}/nsdc` },
      credentials: { clientId: 'nsdc', clientSecret: 'wrong-secret' },
    });

    const failed = await test(id);
    expect(failed).toMatchObject({ type: 'TEST', status: 'FAILED' });
    expect(failed.errorMessage).toMatch(/401/);
    expect(failed.errorMessage).not.toContain('wrong-secret');
    expect(failed.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(failed.logs.edges[0].node.level).toBe('ERROR');
    expect(await status(id)).toMatchObject({ status: 'FAILED' });

    await app.gql(UPDATE, {
      input: { id, credentials: { clientId: 'nsdc', clientSecret: 'right-secret' } },
    });
    const passed = await test(id);
    expect(passed).toMatchObject({ type: 'TEST', status: 'SUCCESS', errorMessage: null });
    expect(passed.logs.edges[0].node).toMatchObject({
      level: 'INFO',
      message: expect.stringContaining('listed 1 of 7 credentials'),
    });
    const list = provider.requestsTo('/nsdc/credentials').at(-1);
    expect(list?.query.get('limit')).toBe('1');
    // Tests are on record as runs, but the stats count syncs only.
    expect(await status(id)).toMatchObject({
      status: 'ACTIVE',
      stats: { totalRuns: 0, successCount: 0, failureCount: 0 },
    });
    const runs = await app.gql(
      `query($id: ID!) { runs(connectorId: $id, type: TEST) { totalCount edges { node { status } } } }`,
      { id },
    );
    expect(runs.data?.runs.totalCount).toBe(2);
    expect(runs.data?.runs.edges.map((e: { node: { status: string } }) => e.node.status)).toEqual([
      'SUCCESS',
      'FAILED',
    ]);
  });

  it('leaves a PAUSED connector PAUSED whatever the outcome', async () => {
    const id = await create({
      name: 'Paused gateway',
      kind: 'PG_API',
      sourceEntity: 'SABPAISA',
      authType: 'NONE',
      config: { baseUrl: `${provider.url}/nowhere` },
      paused: true,
    });
    provider.on('GET', '/nowhere/txnData', { status: 404, json: { message: 'no such merchant' } });
    const run = await test(id);
    expect(run.status).toBe('FAILED');
    expect(run.errorMessage).toBe('GET /txnData answered 404: no such merchant');
    expect(await status(id)).toMatchObject({ status: 'PAUSED' });
  });

  it('reads one product with the consumer key in the query over plain HTTP (WOOCOMMERCE)', async () => {
    provider.on(
      'GET',
      '/shop/wp-json/wc/v3/products',
      {
        json: [{ id: 1, name: 'Course' }],
        headers: { 'X-WP-Total': '42', 'X-WP-TotalPages': '42' },
      },
      { query: { consumer_key: 'ck_test', consumer_secret: 'cs_test_secret' } },
    );
    const id = await create({
      name: 'Shop',
      kind: 'WOOCOMMERCE',
      sourceEntity: 'SHOP',
      authType: 'BASIC',
      config: { baseUrl: `${provider.url}/shop` },
      credentials: { consumerKey: 'ck_test', consumerSecret: 'cs_test_secret' },
    });
    const run = await test(id);
    expect(run).toMatchObject({ status: 'SUCCESS' });
    expect(run.logs.edges[0].node.message).toContain('listed 1 of 42 products');
  });

  describe('PG_DATABASE against a second Postgres database', () => {
    let source: TestDatabase;
    const role = `reader_${randomBytes(4).toString('hex')}`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    beforeAll(async () => {
      source = await createTestDatabase();
      const db = createDb({ url: source.url, poolMax: 1 });
      try {
        await db.raw(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
      } finally {
        await db.destroy();
      }
    });
    afterAll(async () => {
      await source.drop();
      const db = createDb({ url: process.env.TRIBUTARY_TEST_ADMIN_URL!, poolMax: 1 });
      try {
        await db.raw(`DROP ROLE IF EXISTS ${role}`);
      } finally {
        await db.destroy();
      }
    });

    it('runs select 1 read-only with good credentials and fails without leaking a bad password', async () => {
      const url = new URL(source.url);
      const input = {
        name: 'Ledger',
        kind: 'PG_DATABASE',
        sourceEntity: 'LEDGER',
        authType: 'BASIC',
        config: {
          host: url.hostname,
          port: Number(url.port),
          database: url.pathname.slice(1),
          query: 'select * from txns where updated_at >= :since order by updated_at limit :limit',
          cursorColumn: 'updated_at',
          entity: 'transaction',
        },
        credentials: { username: role, password: 'not-the-password' },
      };
      const id = await create(input);
      const failed = await test(id);
      expect(failed.status).toBe('FAILED');
      expect(failed.errorMessage).toMatch(/authentication failed/);
      expect(failed.errorMessage).not.toContain('not-the-password');
      expect(await status(id)).toMatchObject({ status: 'FAILED' });

      await app.gql(UPDATE, { input: { id, credentials: { username: role, password } } });
      const passed = await test(id);
      expect(passed.status).toBe('SUCCESS');
      expect(passed.logs.edges[0].node.message).toMatch(/select 1 ran read-only/);
      expect(await status(id)).toMatchObject({ status: 'ACTIVE' });
    });
  });

  describe('BANK_SFTP against a real SFTP server', () => {
    let sftp: SftpServer;
    beforeAll(async () => {
      sftp = await startSftpServer({ users: [{ username: 'bank', password: 'sftp-right' }] });
      await mkdir(path.join(sftp.root, 'outbox'));
      await writeFile(path.join(sftp.root, 'outbox', 'SETTLEMENT_20261122.csv'), 'utr,amount\n');
    });
    afterAll(() => sftp.close());

    it('connects and lists the remote directory; a missing directory fails the test', async () => {
      const id = await create({
        name: 'Bank drop',
        kind: 'BANK_SFTP',
        sourceEntity: 'HDFC',
        authType: 'SSH_PASSWORD',
        config: { host: sftp.host, port: sftp.port, remoteDir: '/outbox' },
        credentials: { username: 'bank', password: 'sftp-right' },
      });
      const passed = await test(id);
      expect(passed.status).toBe('SUCCESS');
      expect(passed.logs.edges[0].node.message).toMatch(/1 match/);

      await app.gql(UPDATE, {
        input: { id, config: { host: sftp.host, port: sftp.port, remoteDir: '/missing' } },
      });
      const failed = await test(id);
      expect(failed.status).toBe('FAILED');
      expect(failed.errorMessage).toContain('/missing');
      expect(await status(id)).toMatchObject({ status: 'FAILED' });
    });
  });
});
