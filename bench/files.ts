/**
 * bench:files — a settlement CSV through BANK_SFTP vs COPY.
 *
 * Writes an N-row settlement CSV (and its .sha256 sidecar) into a real SFTP
 * server on loopback (test/support/sftp-server: ssh2, password auth; in a
 * child process, bench/sftp-server.ts, so that it shares neither the hub's
 * event loop nor its RSS), then:
 *
 * - pipeline: a BANK_SFTP connector's backfill run over the file's cycle
 *   date, executed by the worker: download, checksum, one parse COPYed into
 *   a staging table, then the file's settlements and external references
 *   written from it in one transaction;
 * - baseline: the same file read from local disk and loaded by
 *   `COPY ... FROM STDIN (FORMAT csv, HEADER)` (pg-copy-streams) into a table
 *   with the settlements table's recon and txn_id indexes;
 * - the settlements floor: the file's final rows (identities as the pipeline
 *   derives them, computed here) by COPY into a table like settlements, with
 *   its five indexes, checks and connector key: what storing the rows costs
 *   at best, before staging, references and the ledger.
 *
 * Prints rows/s for each, the ratios, the CPU seconds each used (the
 * hub, Postgres and the SFTP server; their ratio is what other load on a
 * shared machine changes least), the hub's (this process's) peak RSS during
 * the pipeline run, and the SFTP server process's apart.
 * LOG_LEVEL=debug shows where a run's time went (download, staging, ingest).
 * Flags: --rows N [100000] (--rows 1000000 for the issue's figure). Postgres
 * is embedded unless DATABASE_URL is set.
 */
import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import { createDb } from '../src/db/knex';
import { fingerprintOf, settlementIdentity } from '../src/domains/settlements/settlement';
import { migrateLatest } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { PgNotifier } from '../src/pubsub/notifier';
import { setOutboundPolicy } from '../src/security/outbound';
import { SecretBox } from '../src/security/secret-box';
import { createServices } from '../src/services';
import { BenchChild } from './support/child';
import { cpuSince, treeCpu, type CpuSeconds } from './support/cpu';
import { benchDatabase } from './support/postgres';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
const ROWS = Number(args.rows);
if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error('--rows must be a positive integer');
const DATE = '2024-01-31';
const FILE = 'SETTLEMENT_20240131.csv';
const PASSWORD = randomBytes(12).toString('hex');
const TERMINAL = new Set(['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED', 'CANCELLED']);

/** Data row i (1-based) of the file: every 1000th row is a twin of the one before. */
function rowOf(i: number) {
  const n = i % 1000 === 0 ? i - 1 : i;
  return {
    bankReference: `UTR${String(n).padStart(10, '0')}`,
    amount: `${(n % 100000) + 0.5}`,
    valueDate: DATE,
    txnId: `TXN${n}`,
    // Its place among identical rows: the twin is the second.
    occurrence: i % 1000 === 0 ? 2 : 1,
  };
}

/**
 * The file's rows as the settlements they become (identity as the pipeline
 * derives it), in COPY's text format, a chunk at a time.
 */
function* finalRows(connectorId: number): Generator<string> {
  let chunk = '';
  for (let i = 1; i <= ROWS; i++) {
    const row = rowOf(i);
    const id = settlementIdentity(FILE, fingerprintOf(row), row.occurrence);
    chunk += `${connectorId}\t${id}\t${FILE}\t${row.bankReference}\t${row.amount}\tINR\t${row.valueDate}\t${row.txnId}\t${i + 1}\n`;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Writes the CSV, returning its SHA-256. Every 1000th row has a twin. */
async function writeCsv(file: string): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  const write = (text: string) => {
    hash.update(text);
    return out.write(text)
      ? Promise.resolve()
      : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write('utr,amount,value_date,txn_id\n');
  let chunk = '';
  for (let i = 1; i <= ROWS; i++) {
    const row = rowOf(i);
    chunk += `${row.bankReference},${row.amount},${row.valueDate},${row.txnId}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return hash.digest('hex');
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const cpuTotal = (cpu: CpuSeconds) => cpu.hub + cpu.postgres + cpu.children;
const cpuText = (cpu: CpuSeconds) =>
  `${cpuTotal(cpu).toFixed(2)} = ${cpu.hub.toFixed(2)}+${cpu.postgres.toFixed(2)}+${cpu.children.toFixed(2)}`;

async function main() {
  const logger = createLogger({
    level: process.env.LOG_LEVEL ?? 'warn',
    destination: pino.destination(2),
  });
  const database = await benchDatabase('tributary-bench-files');
  const db = createDb({ url: database.url, poolMax: 10, logger });
  const notifier = new PgNotifier({ url: database.url, logger });
  const root = await mkdtemp(path.join(os.tmpdir(), 'tributary-bench-sftp-'));
  const sftp = await BenchChild.start('sftp-server.ts', {
    BENCH_SFTP_ROOT: root,
    BENCH_SFTP_PASSWORD: PASSWORD,
  });
  const server = sftp.ready as unknown as {
    host: string;
    port: number;
    hostKeyFingerprint: string;
  };
  try {
    await migrateLatest(db);
    await notifier.start();
    setOutboundPolicy({ allowPrivateTargets: true });
    const services = createServices({
      db,
      logger,
      notifier,
      secretBox: new SecretBox(randomBytes(32)),
    });

    await mkdir(path.join(root, 'outbox'), { recursive: true });
    const local = path.join(root, 'outbox', FILE);
    const sha = await writeCsv(local);
    await writeFile(`${local}.sha256`, `${sha}  ${FILE}\n`);
    const pgVersion = (
      (await db.raw('SHOW server_version')) as { rows: { server_version: string }[] }
    ).rows[0].server_version;
    console.log(
      `Tributary files benchmark: ${fmt(ROWS)} rows, Node ${process.version}, Postgres ${pgVersion} (${database.embedded ? 'embedded' : 'DATABASE_URL'})`,
    );

    // Baseline: COPY from local disk into a table with the settlements indexes.
    await db.raw(`CREATE TABLE copy_settlements (bank_reference text NOT NULL, amount numeric NOT NULL,
      value_date date NOT NULL, txn_id text);
      CREATE INDEX ON copy_settlements (value_date, bank_reference);
      CREATE INDEX ON copy_settlements (txn_id) WHERE txn_id IS NOT NULL`);
    const client = (await db.client.acquireConnection()) as PoolClient;
    const copyCpuBefore = treeCpu();
    const copyStarted = performance.now();
    try {
      await pipeline(
        createReadStream(local),
        client.query(copyFrom('COPY copy_settlements FROM STDIN (FORMAT csv, HEADER)')),
      );
    } finally {
      await db.client.releaseConnection(client);
    }
    const copyMs = performance.now() - copyStarted;
    const copyCpu = cpuSince(copyCpuBefore);
    const copied = Number(((await db('copy_settlements').count('* as n')) as { n: string }[])[0].n);

    // Pipeline: a BANK_SFTP backfill of the file's date.
    const connector = await services.connectors.create({
      name: 'bench bank',
      kind: 'BANK_SFTP',
      sourceEntity: 'BENCH-BANK',
      authType: 'SSH_PASSWORD',
      config: {
        host: server.host,
        port: server.port,
        remoteDir: '/outbox',
        hostKeyFingerprint: server.hostKeyFingerprint,
      },
      credentials: { username: 'bank', password: PASSWORD },
    });
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const cpuBefore = treeCpu();
    const started = performance.now();
    const run = await services.runCommands.backfill(
      connector.id,
      new Date(`${DATE}T00:00:00Z`),
      new Date(`${DATE}T00:00:00Z`),
      'bench',
    );
    services.worker.start();
    let row: Record<string, unknown>;
    for (;;) {
      row = (await db('runs').where({ id: run.id }).first()) as Record<string, unknown>;
      if (TERMINAL.has(String(row.status))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ms = performance.now() - started;
    const cpu = cpuSince(cpuBefore);
    clearInterval(sampler);
    await services.worker.stop();
    const stored = Number(((await db('settlements').count('* as n')) as { n: string }[])[0].n);

    // The settlements table's floor, after the run (so its peak RSS is the pipeline's
    // alone): the file's final rows (identities computed here) by COPY into a table like
    // settlements (its five indexes, its checks, the connector's key): what writing them
    // costs with no staging, no references and no ledger.
    const [{ id: floorConnector }] = (await db('connectors')
      .insert({
        name: 'bench floor',
        kind: 'BANK_SFTP',
        sourceEntity: 'BENCH-FLOOR',
        authType: 'NONE',
        config: JSON.stringify({}),
      })
      .returning('id')) as { id: number }[];
    await db.raw(`CREATE TABLE floor_settlements (LIKE settlements INCLUDING ALL);
      ALTER TABLE floor_settlements ADD FOREIGN KEY (connector_id) REFERENCES connectors (id)`);
    const floorClient = (await db.client.acquireConnection()) as PoolClient;
    const floorCpuBefore = treeCpu();
    const floorStarted = performance.now();
    try {
      await pipeline(
        Readable.from(finalRows(floorConnector)),
        floorClient.query(
          copyFrom(`COPY floor_settlements (connector_id, external_id, unit, bank_reference, amount,
            currency, value_date, txn_id, line_number) FROM STDIN`),
        ),
      );
    } finally {
      await db.client.releaseConnection(floorClient);
    }
    const floorMs = performance.now() - floorStarted;
    const floorCpu = cpuSince(floorCpuBefore);
    await db.raw('DROP TABLE floor_settlements');
    await db('connectors').where({ id: floorConnector }).delete();
    if (row.status !== 'SUCCESS')
      console.error(`run ended ${String(row.status)}: ${String(row.errorMessage)}`);

    const pipelineRate = (ROWS / ms) * 1000;
    const copyRate = (ROWS / copyMs) * 1000;
    console.log(
      `COPY baseline : ${fmt(copied)} rows in ${(copyMs / 1000).toFixed(2)} s = ${fmt(copyRate)} rows/s`,
    );
    console.log(
      `BANK_SFTP run : ${fmt(stored)} settlements (${fmt(Number(row.recordsCreated))} created, ${String(row.status)}) in ${(ms / 1000).toFixed(2)} s = ${fmt(pipelineRate)} rows/s`,
    );
    const floorRate = (ROWS / floorMs) * 1000;
    console.log(
      `settlements floor: the final rows by COPY into a table like settlements (5 indexes, checks, connector key) in ${(floorMs / 1000).toFixed(2)} s = ${fmt(floorRate)} rows/s = ${(floorRate / copyRate).toFixed(2)}x COPY${floorCpu ? `, CPU ${cpuText(floorCpu)}` : ''}`,
    );
    console.log(
      `ratio pipeline/COPY: ${(pipelineRate / copyRate).toFixed(2)}x (target >= 0.5x); pipeline/settlements floor: ${(pipelineRate / floorRate).toFixed(2)}x`,
    );
    if (cpu && copyCpu) {
      // Rows per CPU-second of the hub, Postgres and the SFTP server together: what the
      // other load on a shared machine changes far less than wall time.
      console.log(
        `CPU seconds (hub+Postgres+SFTP server): COPY ${cpuText(copyCpu)}, BANK_SFTP ${cpuText(cpu)}; ratio ${(cpuTotal(copyCpu) / cpuTotal(cpu)).toFixed(2)}x`,
      );
    }
    console.log(
      `load average: ${os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}`,
    );
    console.log(
      `peak RSS during the run: ${fmt(peakRss / 1024 / 1024)} MB (target < 300 MB; the hub's process)`,
    );
    const { maxRssBytes } = await sftp.request<{ maxRssBytes: number }>({ type: 'stats' });
    console.log(
      `SFTP server process (apart, not the hub): peak RSS ${fmt(maxRssBytes / 1024 / 1024)} MB`,
    );
  } finally {
    await sftp.stop();
    await rm(root, { recursive: true, force: true });
    await notifier.stop();
    await db.destroy();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
