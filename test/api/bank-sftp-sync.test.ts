/**
 * BANK_SFTP end to end: connectors created and run through GraphQL, files
 * served by a real SFTP server on loopback (password auth, chrooted), the
 * settlements and the file ledger read back through GraphQL and checked
 * against the rows left in Postgres.
 */
import { createHash } from 'node:crypto';
import { fingerprintOf, settlementIdentity } from '../../src/domains/settlements/settlement';
import { toGlobalId } from '../../src/schema/global-id';
import { startTestApp, type TestApp } from '../support/app';
import { startSftpServer, type SftpServer } from '../support/sftp-server';

const PASSWORD = 'sftp-pw-5e1c!';

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;
const RUN = `mutation($input: RunConnectorInput!) {
  runConnector(input: $input) { run { id } userErrors { code field message } }
}`;
const BACKFILL = `mutation($input: BackfillConnectorInput!) {
  backfillConnector(input: $input) { run { id } userErrors { code field message } }
}`;
const GET_RUN = `query($id: ID!) { run(id: $id) {
  id status errorMessage
  stats { recordsFetched recordsCreated recordsUpdated recordsSkipped recordsFailed pagesFetched }
  logs(first: 100) { edges { node { level message } } }
} }`;
const SETTLEMENTS = `query($filter: SettlementFilter, $first: Int, $after: String) {
  settlements(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id bankReference amount currency valueDate txnId lineNumber
      sourceFile { id name status } connector { id } run { id } } }
  }
}`;
const FILES = `query($connectorId: ID, $status: SourceFileStatus) {
  sourceFiles(first: 100, connectorId: $connectorId, status: $status) {
    totalCount
    edges { node { id name sha256 sizeBytes rows cycleDate status detail run { id } connector { id } } }
  }
}`;

const HEADER = 'utr,amount,value_date,txn_id';

function sha256(text: string) {
  return createHash('sha256').update(text).digest('hex');
}

describe('BANK_SFTP sync', () => {
  let app: TestApp;
  let server: SftpServer;

  beforeAll(async () => {
    // Its polls come every few ms: above the per-token request limit, which is not under test here.
    app = await startTestApp({
      worker: { heartbeatMs: 100 },
      ops: { rateLimitPerMinute: 100_000 },
    });
    server = await startSftpServer({ users: [{ username: 'bank', password: PASSWORD }] });
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  /** Puts a file and (unless told not to) its sha256sum-style sidecar. */
  async function drop(
    dir: string,
    name: string,
    content: string,
    sidecar: string | null = sha256(content),
  ) {
    await server.put(`${dir}/${name}`, content);
    if (sidecar !== null) await server.put(`${dir}/${name}.sha256`, `${sidecar}  ${name}\n`);
  }

  let connectors = 0;
  async function createConnector(dir: string, config: Record<string, unknown> = {}) {
    connectors += 1;
    const result = await app.gql(CREATE, {
      input: {
        name: `bank ${dir} ${connectors}`,
        kind: 'BANK_SFTP',
        sourceEntity: 'HDFC',
        authType: 'SSH_PASSWORD',
        config: {
          host: server.host,
          port: server.port,
          remoteDir: `/${dir}`,
          hostKeyFingerprint: server.hostKeyFingerprint,
          timeoutMs: 5_000,
          ...config,
        },
        credentials: { username: 'bank', password: PASSWORD },
      },
    });
    expect(result.data?.createConnector.userErrors).toEqual([]);
    return result.data!.createConnector.connector.id as string;
  }

  async function backfill(connectorId: string, from: string, to = from) {
    const result = await app.gql(BACKFILL, { input: { id: connectorId, from, to } });
    expect(result.data?.backfillConnector.userErrors).toEqual([]);
    return waitForEnd(result.data!.backfillConnector.run.id);
  }

  async function waitForEnd(runId: string, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = (await app.gql(GET_RUN, { id: runId })).data?.run;
      if (run && !['QUEUED', 'RUNNING'].includes(run.status)) return run;
      if (Date.now() > deadline) throw new Error(`run ${runId} still ${run?.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function settlements(connectorId: string) {
    const rows: Record<string, any>[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Record<string, any> = (
        await app.gql(SETTLEMENTS, { filter: { connectorId }, first: 100, after })
      ).data!.settlements;
      rows.push(...page.edges.map((edge: { node: unknown }) => edge.node));
      if (!page.pageInfo.hasNextPage) return { totalCount: page.totalCount as number, rows };
      after = page.pageInfo.endCursor;
    }
  }

  async function files(connectorId: string) {
    const result = await app.gql(FILES, { connectorId });
    return result.data!.sourceFiles.edges.map((edge: { node: unknown }) => edge.node) as Record<
      string,
      any
    >[];
  }

  const logText = (run: Record<string, any>) =>
    run.logs.edges.map(
      (edge: { node: { level: string; message: string } }) =>
        `${edge.node.level} ${edge.node.message}`,
    );

  it('ingests a file exactly (quotes, newlines in quotes, BOM, CRLF, twin rows), then finds it UNCHANGED without downloading it', async () => {
    const csv =
      '\uFEFF' +
      [
        HEADER,
        'UTR001,1250.50,2024-01-31,T1',
        '"UTR,002","99.999999999999999999",2024-01-31,"T2 ""quoted"""',
        'UTR003,10.00,2024-01-31,',
        'UTR003,10.00,2024-01-31,',
        '"UTR004","5","2024-01-31","line one',
        'line two"',
      ].join('\r\n') +
      '\r\n';
    await drop('a', 'SETTLEMENT_20240131.csv', csv);
    await drop('a', 'SETTLEMENT_20240130.csv.bak', 'not matched\n');
    const connectorId = await createConnector('a');

    const run = await backfill(connectorId, '2024-01-31');
    expect(run).toMatchObject({
      status: 'SUCCESS',
      stats: {
        recordsFetched: 5,
        recordsCreated: 5,
        recordsUpdated: 0,
        recordsSkipped: 0,
        recordsFailed: 0,
      },
    });

    const { totalCount, rows } = await settlements(connectorId);
    expect(totalCount).toBe(5);
    const byLine = rows
      .map((row) => [
        row.lineNumber,
        row.bankReference,
        row.amount,
        row.currency,
        row.valueDate,
        row.txnId,
      ])
      .sort((a, b) => a[0] - b[0]);
    expect(byLine).toEqual([
      [2, 'UTR001', '1250.50', 'INR', '2024-01-31', 'T1'],
      [3, 'UTR,002', '99.999999999999999999', 'INR', '2024-01-31', 'T2 "quoted"'],
      [4, 'UTR003', '10.00', 'INR', '2024-01-31', null],
      [5, 'UTR003', '10.00', 'INR', '2024-01-31', null],
      [6, 'UTR004', '5', 'INR', '2024-01-31', 'line one\r\nline two'],
    ]);
    expect(rows[0]).toMatchObject({ connector: { id: connectorId }, run: { id: run.id } });

    const [file] = await files(connectorId);
    expect(file).toMatchObject({
      name: 'SETTLEMENT_20240131.csv',
      sha256: sha256(csv),
      sizeBytes: Buffer.byteLength(csv),
      rows: 5,
      cycleDate: '2024-01-31',
      status: 'INGESTED',
      run: { id: run.id },
    });
    expect(rows.every((row) => row.sourceFile.id === file.id)).toBe(true);

    // node(id) for both.
    const node = await app.gql(
      `query($s: ID!, $f: ID!) {
        s: node(id: $s) { ... on Settlement { bankReference amount } }
        f: node(id: $f) { ... on SourceFile { name status } }
      }`,
      { s: rows[0].id, f: file.id },
    );
    expect(node.data).toEqual({
      s: { bankReference: rows[0].bankReference, amount: rows[0].amount },
      f: { name: 'SETTLEMENT_20240131.csv', status: 'INGESTED' },
    });

    // The same file again: UNCHANGED from its sidecar, the file itself never opened.
    const opened = () =>
      server.operations.filter((op) => op.op === 'OPEN' && op.path === '/a/SETTLEMENT_20240131.csv')
        .length;
    const openedBefore = opened();
    const again = await backfill(connectorId, '2024-01-31');
    expect(again).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsCreated: 0, recordsUpdated: 0 },
    });
    expect(opened()).toBe(openedBefore);
    expect((await settlements(connectorId)).totalCount).toBe(5);
    const ledger = await files(connectorId);
    expect(ledger.map((f) => [f.status, f.rows, f.run.id])).toEqual([
      ['UNCHANGED', 5, again.id],
      ['INGESTED', 5, run.id],
    ]);
    expect(logText(again).join('\n')).toContain('SETTLEMENT_20240131.csv: UNCHANGED');

    // Nothing was written to the server: every operation was a read.
    expect(
      server.operations.filter(
        (op) => !['OPEN', 'OPENDIR', 'STAT', 'LSTAT', 'REALPATH'].includes(op.op),
      ),
    ).toEqual([]);
  });

  it('re-ingests a changed file: its settlements become exactly the new rows, with added/removed/kept counts', async () => {
    const v1 = [
      HEADER,
      'R1,1.00,2024-02-01,',
      'R2,2.00,2024-02-01,',
      'R3,3.00,2024-02-01,',
      'R3,3.00,2024-02-01,',
      '',
    ].join('\n');
    await drop('b', 'SETTLEMENT_20240201.csv', v1);
    const connectorId = await createConnector('b');
    expect(await backfill(connectorId, '2024-02-01')).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsCreated: 4 },
    });

    // R2 changed amount (one removed, one added), one R3 twin gone, R4 new.
    const v2 = [
      HEADER,
      'R1,1.00,2024-02-01,',
      'R2,2.50,2024-02-01,',
      'R3,3.00,2024-02-01,',
      'R4,4.00,2024-02-01,',
      '',
    ].join('\n');
    await drop('b', 'SETTLEMENT_20240201.csv', v2);
    const run = await backfill(connectorId, '2024-02-01');
    expect(run).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsFetched: 4, recordsCreated: 2, recordsUpdated: 2, recordsSkipped: 0 },
    });
    const { rows } = await settlements(connectorId);
    expect(rows.map((row) => `${row.bankReference}=${row.amount}`).sort()).toEqual([
      'R1=1.00',
      'R2=2.50',
      'R3=3.00',
      'R4=4.00',
    ]);
    const [latest] = await files(connectorId);
    expect(latest).toMatchObject({
      status: 'INGESTED',
      sha256: sha256(v2),
      rows: 4,
      detail: 'changed since last ingested: 2 added, 2 removed, 2 kept',
    });
    expect(rows.every((row) => row.sourceFile.id === latest.id)).toBe(true);

    // The removed settlements' external references went with them, in the switch: each
    // reference left points at a settlement that is there, with what it holds now.
    const numericId = Number(Buffer.from(connectorId, 'base64url').toString().split(':')[1]);
    const refs = await app
      .db('externalReferences as r')
      .leftJoin('settlements as s', 's.id', 'r.internalId')
      .where({ 'r.connectorId': numericId, 'r.entityType': 'settlement' })
      .select('r.externalId', 'r.status', 's.externalId as held', 'r.mapped');
    expect(refs).toHaveLength(4);
    expect(refs.every((ref) => ref.status === 'SYNCED' && ref.held === ref.externalId)).toBe(true);
    expect(refs.map((ref) => `${ref.mapped.bankReference}=${ref.mapped.amount}`).sort()).toEqual([
      'R1=1.00',
      'R2=2.50',
      'R3=3.00',
      'R4=4.00',
    ]);
  });

  it('skips a row that does not map as INVALID_RECORD with a FAILED reference, and stores the rest with raw and mapped references', async () => {
    const csv = [
      HEADER,
      'V1,10.50,2024-05-01,T1',
      'V2,ten,2024-05-01,T2',
      'V3,3,2024-05-01,',
      'V4,4.00,2024-02-30,T4',
      '"V5 ""ü€""", 5.00 ,2024-05-01,T5 ',
      '',
    ].join('\n');
    await drop('v', 'SETTLEMENT_20240501.csv', csv);
    const connectorId = await createConnector('v');
    const run = await backfill(connectorId, '2024-05-01');
    expect(run).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsFetched: 5, recordsCreated: 3, recordsSkipped: 2, recordsFailed: 0 },
    });
    const skipped = await app.gql(
      `query($id: ID!) { run(id: $id) { stats { skipped { reason count } }
        skippedRecords(first: 10) { edges { node {
        externalId reason message raw } } } } }`,
      { id: run.id },
    );
    // Counted per reason as every engine page's are.
    expect(skipped.data!.run.stats.skipped).toEqual([{ reason: 'INVALID_RECORD', count: 2 }]);
    const nodes = skipped.data!.run.skippedRecords.edges.map((e: { node: any }) => e.node);
    expect(nodes.map((n: any) => [n.reason, n.message]).sort()).toEqual([
      ['INVALID_RECORD', expect.stringMatching(/^amount .*\(SETTLEMENT_20240501\.csv line 3\)$/)],
      [
        'INVALID_RECORD',
        'valueDate "2024-02-30" is not a date (YYYY-MM-DD) (SETTLEMENT_20240501.csv line 5)',
      ],
    ]);
    const v2 = nodes.find((n: any) => n.raw.bankReference === 'V2');
    expect(v2.raw).toEqual({
      bankReference: 'V2',
      amount: 'ten',
      valueDate: '2024-05-01',
      txnId: 'T2',
      unit: 'SETTLEMENT_20240501.csv',
      occurrence: 1,
      line: 3,
      fileSha256: sha256(csv),
    });
    expect(v2.externalId).toMatch(/^SETTLEMENT_20240501\.csv\|[A-Za-z0-9_-]{22}\|1$/);
    expect(logText(run).join('\n')).toContain('WARN skipped INVALID_RECORD: amount');

    const numericId = Number(Buffer.from(connectorId, 'base64url').toString().split(':')[1]);
    const refs = await app
      .db('externalReferences as r')
      .leftJoin('settlements as s', 's.id', 'r.internalId')
      .where({ 'r.connectorId': numericId })
      .orderBy('r.externalId')
      .select('r.externalId', 'r.status', 'r.reason', 'r.raw', 'r.mapped', 's.externalId as held');
    const byRef = Object.fromEntries(refs.map((r) => [r.raw.bankReference, r]));
    expect(Object.keys(byRef).sort()).toEqual(['V1', 'V2', 'V3', 'V4', 'V5 "ü€"']);
    // Identities made in Postgres from the staged rows are those the TS domain makes.
    for (const ref of refs) {
      const { bankReference, amount, valueDate, txnId, unit, occurrence } = ref.raw;
      expect(ref.externalId).toBe(
        settlementIdentity(
          unit,
          fingerprintOf({ bankReference, amount, valueDate, txnId }),
          occurrence,
        ),
      );
    }
    expect(byRef['V5 "ü€"'].mapped).toMatchObject({
      bankReference: 'V5 "ü€"',
      amount: '5.00',
      txnId: 'T5',
    });
    expect(byRef.V2).toMatchObject({ status: 'FAILED', reason: 'INVALID_RECORD', mapped: null });
    expect(byRef.V2.externalId).toBe(v2.externalId);
    expect(byRef.V1).toMatchObject({
      status: 'SYNCED',
      raw: { bankReference: 'V1', amount: '10.50', txnId: 'T1', line: 2, occurrence: 1 },
      mapped: {
        bankReference: 'V1',
        amount: '10.50',
        currency: 'INR',
        valueDate: '2024-05-01',
        txnId: 'T1',
        lineNumber: 2,
        fileSha256: sha256(csv),
      },
    });
    expect(byRef.V1.held).toBe(byRef.V1.externalId);
    expect(byRef.V3.mapped.txnId).toBeNull();
    const { rows } = await settlements(connectorId);
    expect(rows.map((row) => row.bankReference).sort()).toEqual(['V1', 'V3', 'V5 "ü€"']);
  });

  it('rejects a file with a bad checksum, a missing sidecar or a header lacking a column, storing nothing from it', async () => {
    const good = [HEADER, 'G1,1.00,2024-03-01,T', ''].join('\n');
    const badSum = [HEADER, 'B1,1.00,2024-03-02,', ''].join('\n');
    const badHeader = ['utr,amt,value_date,txn_id', 'H1,1.00,2024-03-03,', ''].join('\n');
    const noSidecar = [HEADER, 'N1,1.00,2024-03-04,', ''].join('\n');
    await drop('c', 'SETTLEMENT_20240301.csv', good);
    await drop('c', 'SETTLEMENT_20240302.csv', badSum, sha256('something else'));
    await drop('c', 'SETTLEMENT_20240303.csv', badHeader);
    await drop('c', 'SETTLEMENT_20240304.csv', noSidecar, null);
    const connectorId = await createConnector('c');

    const run = await backfill(connectorId, '2024-03-01', '2024-03-05');
    expect(run).toMatchObject({
      status: 'PARTIAL_SUCCESS',
      stats: { recordsCreated: 1, recordsFailed: 3 },
    });
    const { rows } = await settlements(connectorId);
    expect(rows.map((row) => row.bankReference)).toEqual(['G1']);
    const byName = Object.fromEntries((await files(connectorId)).map((f) => [f.name, f]));
    expect(byName['SETTLEMENT_20240301.csv']).toMatchObject({ status: 'INGESTED', rows: 1 });
    expect(byName['SETTLEMENT_20240302.csv']).toMatchObject({
      status: 'REJECTED',
      rows: 0,
      sha256: sha256(badSum),
      detail: `checksum mismatch: the file's SHA-256 is ${sha256(badSum)}, SETTLEMENT_20240302.csv.sha256 says ${sha256('something else')}`,
    });
    expect(byName['SETTLEMENT_20240303.csv']).toMatchObject({
      status: 'REJECTED',
      detail: 'the header lacks column "amount"',
    });
    expect(byName['SETTLEMENT_20240304.csv']).toMatchObject({
      status: 'REJECTED',
      detail: 'checksum sidecar SETTLEMENT_20240304.csv.sha256 is missing',
    });
    const logs = logText(run).join('\n');
    expect(logs).toContain(
      'ERROR SETTLEMENT_20240302.csv: REJECTED, nothing stored: checksum mismatch',
    );
    expect(logs).toContain('ERROR SETTLEMENT_20240303.csv: REJECTED');
    expect(logs).toContain(
      'INFO no file matching SETTLEMENT_{YYYYMMDD}.csv for cycle date 2024-03-05 in /c',
    );
    const stored = await app
      .db('settlements')
      .where({
        connectorId: Number(Buffer.from(connectorId, 'base64url').toString().split(':')[1]),
      })
      .count('* as n');
    expect(Number(stored[0].n)).toBe(1);

    // Only rejected files: FAILED, naming them.
    const only = await createConnector('c', { filePattern: 'SETTLEMENT_{YYYYMMDD}.csv' });
    const failed = await backfill(only, '2024-03-02');
    expect(failed).toMatchObject({
      status: 'FAILED',
      errorMessage: 'every file was rejected: SETTLEMENT_20240302.csv',
    });
    expect((await settlements(only)).totalCount).toBe(0);
  });

  it('fails a run with no file for its date only when requireFile is set', async () => {
    await server.put('/d/README.txt', 'drop zone\n');
    const lenient = await createConnector('d');
    expect(await backfill(lenient, '2024-04-01')).toMatchObject({ status: 'SUCCESS' });
    const strict = await createConnector('d', {
      requireFile: true,
      filePattern: 'STL_{DDMMYYYY}_*.csv',
    });
    const failed = await backfill(strict, '2024-04-01');
    expect(failed.status).toBe('FAILED');
    expect(failed.errorMessage).toBe(
      'no file matching STL_{DDMMYYYY}_*.csv for cycle date 2024-04-01 (requireFile)',
    );

    await drop('d', 'STL_01042024_batch7.csv', [HEADER, 'D1,7.00,2024-04-01,', ''].join('\n'));
    expect(await backfill(strict, '2024-04-01')).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsCreated: 1 },
    });
  });

  it('a scheduled-style run reads T-syncDaysBack; a run cancelled mid-file stores nothing of it, and its retry stores every row once', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const rows = 30_000;
    const lines = [HEADER];
    for (let i = 1; i <= rows; i++) lines.push(`U${i % 1000},${i}.00,${yesterday},T${i}`);
    // Every row twice: twins stay two settlements.
    for (let i = 1; i <= 10; i++) lines.push(`U${i % 1000},${i}.00,${yesterday},T${i}`);
    const csv = `${lines.join('\n')}\n`;
    await drop('e', `SETTLEMENT_${yesterday.replaceAll('-', '')}.csv`, csv);
    const connectorId = await createConnector('e');
    const numericId = Number(Buffer.from(connectorId, 'base64url').toString().split(':')[1]);

    const queued = await app.gql(RUN, { input: { id: connectorId } });
    const runId = queued.data!.runConnector.run.id as string;
    // Cancel once the run has counted rows read (live progress): mid-file.
    for (;;) {
      const run = (await app.gql(GET_RUN, { id: runId })).data!.run;
      if (run.stats.recordsFetched > 0) break;
      if (!['QUEUED', 'RUNNING'].includes(run.status))
        throw new Error(`ended ${run.status} before a page`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await app.gql(`mutation($id: ID!) { cancelRun(id: $id) { userErrors { message } } }`, {
      id: runId,
    });
    const cancelled = await waitForEnd(runId);
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.stats.recordsFetched).toBeGreaterThan(0);
    expect(cancelled.stats.recordsCreated).toBe(0);
    // Nothing of the file is stored, and it has no ledger row.
    const empty = await app.gql(
      `query($filter: SettlementFilter) { settlements(first: 1, filter: $filter) { totalCount } }`,
      { filter: { connectorId } },
    );
    expect(empty.data!.settlements.totalCount).toBe(0);
    expect(await app.db('settlements').where({ connectorId: numericId })).toEqual([]);
    expect(
      await app
        .db('externalReferences')
        .where({ connectorId: numericId, entityType: 'settlement' }),
    ).toEqual([]);
    expect(await files(connectorId)).toEqual([]);

    const resumed = await waitForEnd(
      (await app.gql(`mutation($id: ID!) { retryRun(id: $id) { run { id } } }`, { id: runId }))
        .data!.retryRun.run.id,
    );
    expect(resumed).toMatchObject({
      status: 'SUCCESS',
      errorMessage: null,
      stats: {
        recordsFetched: rows + 10,
        recordsCreated: rows + 10,
        recordsUpdated: 0,
        recordsSkipped: 0,
      },
    });
    const [{ n, lines: distinctLines }] = await app
      .db('settlements')
      .where({ connectorId: numericId })
      .select(
        app.db.raw('count(*)::int AS n'),
        app.db.raw('count(DISTINCT line_number)::int AS lines'),
      );
    expect([n, distinctLines]).toEqual([rows + 10, rows + 10]);
    const count = `query($filter: SettlementFilter) { settlements(first: 1, filter: $filter) { totalCount } }`;
    expect((await app.gql(count, { filter: { connectorId } })).data!.settlements.totalCount).toBe(
      rows + 10,
    );
    const [file] = await files(connectorId);
    expect(file).toMatchObject({ status: 'INGESTED', rows: rows + 10, cycleDate: yesterday });
    // The staging table the cancelled run left is gone too.
    const { rows: staging } = await app.db.raw<{ rows: unknown[] }>(
      `SELECT 1 FROM pg_tables WHERE tablename LIKE 'settlement\\_staging\\_c' || ? || '\\_%'`,
      [numericId],
    );
    expect(staging).toEqual([]);
  }, 120_000);

  it('replaces the rows a stopped run of the page-by-page path left out of sight (pending, never ingested)', async () => {
    const csv = [HEADER, 'L1,1.00,2024-08-01,', 'L2,2.00,2024-08-01,', ''].join('\n');
    await drop('l', 'SETTLEMENT_20240801.csv', csv);
    const connectorId = await createConnector('l');
    const numericId = Number(Buffer.from(connectorId, 'base64url').toString().split(':')[1]);
    // What the earlier path wrote before a stop: a file row pending, with its reference.
    const unit = 'SETTLEMENT_20240801.csv';
    const leftover = settlementIdentity(
      unit,
      fingerprintOf({ bankReference: 'L1', amount: '1.00', valueDate: '2024-08-01', txnId: '' }),
      1,
    );
    const [{ id }] = await app
      .db('settlements')
      .insert({
        connectorId: numericId,
        externalId: leftover,
        unit,
        bankReference: 'L1',
        amount: '1.00',
        valueDate: '2024-08-01',
        lineNumber: 2,
        pendingSha256: 'f'.repeat(64),
      })
      .returning('id');
    await app.db('externalReferences').insert({
      connectorId: numericId,
      entityType: 'settlement',
      externalId: leftover,
      internalId: id,
      payloadHash: 'x',
      raw: {},
      mapped: {},
    });

    expect(await backfill(connectorId, '2024-08-01')).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsFetched: 2, recordsCreated: 2, recordsUpdated: 0, recordsSkipped: 0 },
    });
    const held = await app
      .db('settlements')
      .where({ connectorId: numericId })
      .orderBy('lineNumber')
      .select('id', 'externalId', 'pendingSha256', 'ingestedSha256');
    expect(held.map((row) => row.externalId)[0]).toBe(leftover);
    expect(held.some((row) => row.id === id)).toBe(false);
    expect(
      held.every((row) => row.pendingSha256 === null && row.ingestedSha256 === sha256(csv)),
    ).toBe(true);
    const refs = await app
      .db('externalReferences')
      .where({ connectorId: numericId, entityType: 'settlement' })
      .select('externalId', 'internalId');
    expect(refs.map((ref) => ref.internalId).sort()).toEqual(held.map((row) => row.id).sort());
    const [file] = await files(connectorId);
    expect(file).toMatchObject({ status: 'INGESTED', rows: 2, detail: '2 settlements' });
  });

  it('each settlement is written once, with its id in its reference; deleting the connector keeps the settlements, their run and file resolving to null', async () => {
    const csv = [
      HEADER,
      'X1,1.00,2024-07-01,T1',
      'X1,1.00,2024-07-01,T1',
      'X2,2.00,2024-07-01,',
      '',
    ].join('\n');
    await drop('x', 'SETTLEMENT_20240701.csv', csv);
    const connectorId = await createConnector('x');
    const numericId = Number(Buffer.from(connectorId, 'base64url').toString().split(':')[1]);
    expect(await backfill(connectorId, '2024-07-01')).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsFetched: 3, recordsCreated: 3, recordsUpdated: 0 },
    });
    // Inserted final: never updated after its insert (xmin is the inserting transaction's).
    const held = await app
      .db('settlements as s')
      .join('externalReferences as r', function () {
        this.on('r.internalId', 's.id').andOn('r.connectorId', 's.connectorId');
      })
      .where({ 's.connectorId': numericId, 'r.entityType': 'settlement' })
      .select('s.id', 's.externalId', 'r.externalId as ref', app.db.raw('s.xmin::text AS xmin'));
    expect(held).toHaveLength(3);
    expect(held.every((row) => row.ref === row.externalId)).toBe(true);
    const [{ xmin }] = await app.db
      .raw<{ rows: { xmin: string }[] }>(
        `SELECT xmin::text FROM source_files WHERE connector_id = ?`,
        [numericId],
      )
      .then((r) => r.rows);
    expect(held.every((row) => row.xmin === xmin)).toBe(true);

    const deleted = await app.gql(
      `mutation($id: ID!) { deleteConnector(id: $id) { userErrors { message } } }`,
      {
        id: connectorId,
      },
    );
    expect(deleted.errors).toBeUndefined();
    const left = await app.gql(
      `query { settlements(first: 10, filter: { search: "X2" }) { edges { node {
        bankReference connector { id } run { id } sourceFile { id } lineNumber } } } }`,
    );
    expect(left.errors).toBeUndefined();
    expect(left.data!.settlements.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { bankReference: 'X2', connector: null, run: null, sourceFile: null, lineNumber: 4 },
    ]);
    // Its reference stays too, with the run it names (gone with the connector) resolving to null.
    const reference = held[0];
    const [{ id: referenceId }] = await app
      .db('externalReferences')
      .where({ entityType: 'settlement', externalId: reference.externalId })
      .select('id');
    const record = await app.gql(
      `query($id: ID!) { node(id: $id) { ... on ExternalRecord { externalId connector { id } run { id } } } }`,
      { id: toGlobalId('ExternalRecord', Number(referenceId)) },
    );
    expect(record.errors).toBeUndefined();
    expect(record.data!.node).toEqual({
      externalId: reference.externalId,
      connector: null,
      run: null,
    });
  });
});
