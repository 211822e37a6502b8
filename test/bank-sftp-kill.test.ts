import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../src/db/knex';
import { idOf } from '../src/schema/global-id';
import { createTestDatabase, type TestDatabase } from './support/db';
import { hubFleet } from './support/hub-process';
import { startSftpServer, type SftpServer } from './support/sftp-server';
import { waitFor } from './support/wait';

/**
 * BANK_SFTP killed mid-file: a server process (src/main.ts) reading a
 * settlement file from a real SFTP server is killed with SIGKILL once it has
 * counted rows read (the file's rows are written in one transaction at its
 * end); a second process reaps the run, nothing of the file is stored, and
 * the next run reads the file again (dropping the staging table left
 * behind): every row is stored once.
 */

const ROWS = 40_000;

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;
const RUN = `mutation($input: RunConnectorInput!) {
  runConnector(input: $input) { run { id status } userErrors { code field message } }
}`;
const GET_RUN = `query($id: ID!) { run(id: $id) {
  id status errorMessage
  stats { recordsFetched recordsCreated recordsUpdated recordsSkipped recordsFailed pagesFetched }
} }`;

interface LogLine {
  msg?: string;
  url?: string;
}

describe('a BANK_SFTP run killed mid-file', () => {
  let database: TestDatabase;
  let db: Db;
  let dataDir: string;
  let sftp: SftpServer;
  const adminToken = `test-admin-${randomBytes(16).toString('hex')}`;
  const secretKey = randomBytes(32).toString('hex');
  const password = `sftp-${randomBytes(8).toString('hex')}`;

  const { spawnServer, listening, gql, waitForEnd, killAll } = hubFleet<LogLine>({
    env: () => ({
      DATABASE_URL: database.url,
      TRIBUTARY_SECRET_KEY: secretKey,
      TRIBUTARY_ADMIN_TOKEN: adminToken,
      DATA_DIR: dataDir,
    }),
    adminToken,
    getRun: GET_RUN,
    runTimeoutMs: 30_000,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, poolMax: 2 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tributary-sftp-kill-'));
    sftp = await startSftpServer({ users: [{ username: 'bank', password }] });
  });

  afterAll(async () => {
    await killAll();
    await sftp?.close();
    await db?.destroy();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('stores nothing of the file, and the next run stores every row once', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const name = `SETTLEMENT_${yesterday.replaceAll('-', '')}.csv`;
    const lines = ['utr,amount,value_date,txn_id'];
    for (let i = 1; i <= ROWS; i++) lines.push(`K${i % 500},${i}.25,${yesterday},T${i}`);
    const csv = `${lines.join('\n')}\n`;
    await sftp.put(`/outbox/${name}`, csv);
    await sftp.put(
      `/outbox/${name}.sha256`,
      `${createHash('sha256').update(csv).digest('hex')}  ${name}\n`,
    );

    const a = await listening(spawnServer('A'));
    const created = (
      await gql(a, CREATE, {
        input: {
          name: 'Bank drop',
          kind: 'BANK_SFTP',
          sourceEntity: 'HDFC',
          authType: 'SSH_PASSWORD',
          config: {
            host: sftp.host,
            port: sftp.port,
            remoteDir: '/outbox',
            hostKeyFingerprint: sftp.hostKeyFingerprint,
          },
          credentials: { username: 'bank', password },
        },
      })
    ).createConnector;
    expect(created.userErrors).toEqual([]);
    const connectorId: string = created.connector.id;
    const firstRunId: string = (await gql(a, RUN, { input: { id: connectorId } })).runConnector.run
      .id;
    await waitFor(
      'rows of the file read',
      async () => (await gql(a, GET_RUN, { id: firstRunId })).run?.stats.recordsFetched > 0,
      30_000,
      5,
    );
    a.process.kill('SIGKILL');
    await a.exited;

    const connectorRowId = idOf('Connector', connectorId) as number;
    const b = await listening(spawnServer('B'));
    const interrupted = await waitForEnd(b, firstRunId);
    expect(interrupted.status).toBe('FAILED');
    expect(interrupted.stats.recordsCreated).toBe(0);
    expect(await db('sourceFiles').where({ connectorId: connectorRowId })).toEqual([]);
    expect(await db('settlements').where({ connectorId: connectorRowId })).toEqual([]);

    const next = (await gql(b, RUN, { input: { id: connectorId } })).runConnector;
    expect(next.userErrors).toEqual([]);
    const done = await waitForEnd(b, next.run.id, 60_000);
    expect(done).toMatchObject({
      status: 'SUCCESS',
      errorMessage: null,
      stats: { recordsFetched: ROWS, recordsCreated: ROWS, recordsSkipped: 0 },
    });
    const [{ n, lines: distinct }] = await db('settlements')
      .where({ connectorId: connectorRowId })
      .select(db.raw('count(*)::int AS n'), db.raw('count(DISTINCT line_number)::int AS lines'));
    expect([n, distinct]).toEqual([ROWS, ROWS]);
    const ledger = await db('sourceFiles').where({ connectorId: connectorRowId });
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ name, status: 'INGESTED', rows: ROWS });
  }, 120_000);
});
