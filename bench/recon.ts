/**
 * bench:recon — a reconciliation through the real job vs a bare full join.
 *
 * Builds one cycle of N gateway transactions and about N bank settlements
 * (written with generate_series straight into `transactions` and
 * `settlements`, the tables the syncs fill), with planted cases in every
 * 200 transactions: a MISSING_IN_BANK, an AMOUNT_MISMATCH, a settlement paid
 * twice (DUPLICATE), a gateway transaction reported twice (DUPLICATE), an
 * orphan settlement (MISSING_IN_PG), and matches for every rule (a
 * tolerance match, a txnId-only match, a settlement split in two) plus a
 * FAILED transaction that is no exception. Then, in the same run:
 *
 * - baseline: one bare SQL full join of the cycle's transactions and
 *   settlements on the reference, each row classified matched / missing on
 *   either side (no tolerance, no splits), written to an unlogged table;
 *   measured before and after the reconciliation, the mean reported;
 * - reconciliation: runReconciliation's job, queued and executed by the
 *   worker, timed from queueing to SUCCESS.
 *
 * Prints both times, the ratio (target <= 2x) and the planted vs found
 * exceptions by status (target: every planted one found, nothing else).
 * Flags: --size N [200000] transactions (--size 1000000 for the issue's
 * figure); --csv-exceptions N [0]: then adds N exceptions to the result and
 * downloads GET /reconciliations/<id>/exceptions.csv from the real HTTP
 * server in this process (to curl in a child process), printing this
 * process's peak RSS during the download next to the same for the 5,000
 * planted ones alone. Postgres is embedded unless DATABASE_URL is set.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createDb } from '../src/db/knex';
import { migrateLatest } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { PgNotifier } from '../src/pubsub/notifier';
import { buildTributarySchema } from '../src/schema/build';
import { toGlobalId } from '../src/schema/global-id';
import { setOutboundPolicy } from '../src/security/outbound';
import { SecretBox } from '../src/security/secret-box';
import { createApp } from '../src/server/app';
import { createServices } from '../src/services';
import { cpuSince, treeCpu, type CpuSeconds } from './support/cpu';
import { benchDatabase } from './support/postgres';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '200000' },
    'csv-exceptions': { type: 'string', default: '0' },
  },
});
const SIZE = Number(args.size);
if (!Number.isInteger(SIZE) || SIZE < 200) throw new Error('--size must be an integer >= 200');
const CSV_EXCEPTIONS = Number(args['csv-exceptions']);
if (!Number.isInteger(CSV_EXCEPTIONS) || CSV_EXCEPTIONS < 0) {
  throw new Error('--csv-exceptions must be an integer >= 0');
}
const CYCLE = '2026-01-15';
const TERMINAL = new Set(['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED', 'CANCELLED']);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * The data set, by i % 200 (amount a = (i % 100000) + 1 + (i % 100) / 100):
 *   1 MISSING_IN_BANK       no settlement
 *   2 AMOUNT_MISMATCH       settled a + 5.00
 *   3 DUPLICATE (bank)      settled twice, same reference and amount
 *   4 (failed)              FAILED at the gateway, nothing at the bank: no exception
 *   5 TXN_ID                no reference at the gateway; the settlement names the txn id
 *   6 REFERENCE_TOLERANCE   settled a - 0.01 (tolerance 0.05)
 *   7 SPLIT                 settled in two parts
 *   8 MISSING_IN_PG         plus an orphan settlement of its own reference
 *   9 DUPLICATE (gateway)   reported twice by the gateway, settled once
 *   else REFERENCE_EXACT
 */
export async function seed(
  db: ReturnType<typeof createDb>,
  pgId: number,
  bankId: number,
): Promise<{ transactions: number; settlements: number }> {
  const amount = `((i % 100000) + 1 + (i % 100) / 100.0)::numeric(14,2)`;
  await db.raw(
    `INSERT INTO transactions (connector_id, txn_id, amount, currency, status, txn_date,
        cycle_date, bank_reference, data_hash)
     SELECT ?::bigint, 'TXN' || i, ${amount}, 'INR',
            CASE WHEN i % 200 = 4 THEN 'FAILED' ELSE 'SUCCESS' END,
            ?::timestamptz + make_interval(secs => i % 86400), ?::date,
            CASE WHEN i % 200 = 5 THEN NULL ELSE 'UTR' || i END, 'h' || i
       FROM generate_series(1, ?) AS i
     UNION ALL
     SELECT ?::bigint, 'TXN' || i || 'B', ${amount}, 'INR', 'SUCCESS',
            ?::timestamptz + make_interval(secs => i % 86400), ?::date, 'UTR' || i, 'hb' || i
       FROM generate_series(1, ?) AS i WHERE i % 200 = 9`,
    [pgId, `${CYCLE}T00:00:00Z`, CYCLE, SIZE, pgId, `${CYCLE}T00:00:00Z`, CYCLE, SIZE],
  );
  // Value dates spread over the cycle date and the next (window 1).
  await db.raw(
    `INSERT INTO settlements (connector_id, external_id, unit, bank_reference, amount, value_date, txn_id)
     SELECT ?::bigint, 'S' || i || '-' || part, 'bench', ref, amt, ?::date + (i % 2), txn
       FROM (
         SELECT i, 1 AS part,
                CASE WHEN i % 200 = 5 THEN 'BANK' || i ELSE 'UTR' || i END AS ref,
                CASE i % 200 WHEN 2 THEN ${amount} + 5
                             WHEN 6 THEN ${amount} - 0.01
                             WHEN 7 THEN round(${amount} / 3, 2)
                             ELSE ${amount} END AS amt,
                CASE WHEN i % 200 = 5 THEN 'TXN' || i END AS txn
           FROM generate_series(1, ?) AS i WHERE i % 200 NOT IN (1, 4)
         UNION ALL
         SELECT i, 2, 'UTR' || i,
                CASE i % 200 WHEN 7 THEN ${amount} - round(${amount} / 3, 2) ELSE ${amount} END,
                NULL
           FROM generate_series(1, ?) AS i WHERE i % 200 IN (3, 7)
         UNION ALL
         SELECT i, 3, 'ORPHAN' || i, ${amount}, NULL
           FROM generate_series(1, ?) AS i WHERE i % 200 = 8
       ) s`,
    [bankId, CYCLE, SIZE, SIZE, SIZE],
  );
  await db.raw('ANALYZE transactions; ANALYZE settlements');
  const count = async (table: string) =>
    Number(((await db(table).count('* as n')) as { n: string }[])[0].n);
  return { transactions: await count('transactions'), settlements: await count('settlements') };
}

/** The planted exceptions, as (status, key) with the key a txn id or a settlement reference. */
const PLANTED = `
  SELECT 'MISSING_IN_BANK' AS status, 'TXN' || i AS key FROM generate_series(1, ?) i WHERE i % 200 = 1
  UNION ALL SELECT 'AMOUNT_MISMATCH', 'TXN' || i FROM generate_series(1, ?) i WHERE i % 200 = 2
  UNION ALL SELECT 'DUPLICATE', 'UTR' || i FROM generate_series(1, ?) i WHERE i % 200 = 3
  UNION ALL SELECT 'DUPLICATE', 'TXN' || i || 'B' FROM generate_series(1, ?) i WHERE i % 200 = 9
  UNION ALL SELECT 'MISSING_IN_PG', 'ORPHAN' || i FROM generate_series(1, ?) i WHERE i % 200 = 8`;

/** What an exception is keyed by here: its gateway txn id, else its bank reference. */
const FOUND = `
  SELECT status, coalesce(pg_transaction_id, bank_reference) AS key
    FROM recon_exceptions WHERE reconciliation_id = ?`;

async function baseline(db: ReturnType<typeof createDb>, pgId: number, bankId: number) {
  await db.raw('DROP TABLE IF EXISTS bare_join');
  const cpuBefore = treeCpu();
  const started = performance.now();
  await db.raw(
    `CREATE UNLOGGED TABLE bare_join AS
     SELECT t.id AS transaction_id, s.id AS settlement_id,
            CASE WHEN t.id IS NULL THEN 'MISSING_IN_PG'
                 WHEN s.id IS NULL THEN 'MISSING_IN_BANK' ELSE 'MATCHED' END AS status
       FROM (SELECT id, bank_reference FROM transactions
              WHERE connector_id = ? AND cycle_date = ?::date) t
       FULL JOIN (SELECT id, bank_reference FROM settlements
                   WHERE connector_id = ? AND value_date BETWEEN ?::date AND ?::date + 1) s
         ON s.bank_reference = t.bank_reference`,
    [pgId, CYCLE, bankId, CYCLE, CYCLE],
  );
  const ms = performance.now() - started;
  const cpu = cpuSince(cpuBefore);
  const rows = Number(((await db('bare_join').count('* as n')) as { n: string }[])[0].n);
  return { ms, rows, cpu };
}

/**
 * Downloads the exceptions CSV of `reconciliationId` from `baseUrl` with curl
 * in a child process (piped to wc), sampling this process's RSS every 10 ms.
 */
async function downloadCsv(baseUrl: string, token: string, reconciliationId: number) {
  const url = `${baseUrl}/reconciliations/${toGlobalId('ReconciliationSummary', reconciliationId)}/exceptions.csv`;
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  let heapPeak = process.memoryUsage().heapUsed;
  const sample = () => {
    const memory = process.memoryUsage();
    peak = Math.max(peak, memory.rss);
    heapPeak = Math.max(heapPeak, memory.heapUsed);
  };
  const sampler = setInterval(sample, 10);
  const started = performance.now();
  // The token goes to curl on stdin (-H @-), not on its command line.
  const child = spawn('sh', ['-c', `curl -sS --fail -H @- '${url}' | wc -lc`], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(`Authorization: Bearer ${token}\n`);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise<void>((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`curl exited ${code}`)),
    ),
  );
  clearInterval(sampler);
  sample();
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const [lines, bytes] = out.trim().split(/\s+/).map(Number);
  return { ms: performance.now() - started, lines, bytes, before, peak, heapPeak, heapAfter };
}

/** --csv-exceptions: the CSV's memory for the planted exceptions alone, then with N more. */
async function csvMemory(
  db: ReturnType<typeof createDb>,
  services: ReturnType<typeof createServices>,
  logger: ReturnType<typeof createLogger>,
  token: string,
  reconciliationId: number,
) {
  const app = await createApp({ db, logger, services, schema: await buildTributarySchema() });
  const { port } = await app.listen(0, '127.0.0.1');
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const report = (label: string, d: Awaited<ReturnType<typeof downloadCsv>>) =>
    console.log(
      `csv ${label.padEnd(11)}: ${fmt(d.lines - 1)} exceptions, ${mb(d.bytes)} in ${secs(d.ms)}; this process's RSS ${mb(d.before)} before, peak ${mb(d.peak)} (+${mb(d.peak - d.before)}), V8 heap peak ${mb(d.heapPeak)}${global.gc ? `, ${mb(d.heapAfter)} after a GC` : ''}`,
    );
  try {
    const base = `http://127.0.0.1:${port}`;
    report('planted', await downloadCsv(base, token, reconciliationId));
    const seeded = performance.now();
    await db.raw(
      `INSERT INTO recon_exceptions (reconciliation_id, status, transaction_ids, settlement_ids,
          pg_transaction_id, bank_reference, pg_amount, detail, signature)
       SELECT ?, 'MISSING_IN_BANK', ARRAY[i]::bigint[], '{}', 'CSV' || i, 'UTRCSV' || i,
              (i % 100000 + 1.25)::numeric, 'no settlement for it in the window',
              'MISSING_IN_BANK:' || i || ':'
         FROM generate_series(1, ?) AS i`,
      [reconciliationId, CSV_EXCEPTIONS],
    );
    console.log(
      `csv seeded     : ${fmt(CSV_EXCEPTIONS)} more exceptions in ${secs(performance.now() - seeded)}`,
    );
    report('all', await downloadCsv(base, token, reconciliationId));
  } finally {
    await app.close();
  }
}

async function main() {
  const logger = createLogger({
    level: process.env.LOG_LEVEL ?? 'warn',
    destination: pino.destination(2),
  });
  const database = await benchDatabase('tributary-bench-recon');
  const db = createDb({ url: database.url, poolMax: 10, logger });
  const notifier = new PgNotifier({ url: database.url, logger });
  try {
    await migrateLatest(db);
    await notifier.start();
    setOutboundPolicy({ allowPrivateTargets: true });
    const adminToken = `bench-${randomBytes(16).toString('hex')}`;
    const services = createServices({
      db,
      logger,
      notifier,
      secretBox: new SecretBox(randomBytes(32)),
      adminToken,
    });
    const pg = await services.connectors.create({
      name: 'bench gateway',
      kind: 'PG_API',
      sourceEntity: 'BENCH-PG',
      authType: 'NONE',
      config: { baseUrl: 'http://127.0.0.1:9' },
    });
    const bank = await services.connectors.create({
      name: 'bench bank',
      kind: 'BANK_API',
      sourceEntity: 'BENCH-BANK',
      authType: 'API_KEY',
      config: { baseUrl: 'http://127.0.0.1:9' },
      credentials: { apiKey: 'bench' },
    });
    const pgVersion = (
      (await db.raw('SHOW server_version')) as { rows: { server_version: string }[] }
    ).rows[0].server_version;
    const seedStarted = performance.now();
    const seeded = await seed(db, pg.id, bank.id);
    console.log(
      `Tributary reconciliation benchmark: ${fmt(seeded.transactions)} transactions, ${fmt(seeded.settlements)} settlements (seeded in ${secs(performance.now() - seedStarted)}), Node ${process.version}, Postgres ${pgVersion} (${database.embedded ? 'embedded' : 'DATABASE_URL'})`,
    );

    const before = await baseline(db, pg.id, bank.id);

    services.worker.start();
    const cpuBefore = treeCpu();
    const started = performance.now();
    const queued = await services.reconciliations.run(
      {
        cycleDate: CYCLE,
        pgConnectorId: pg.id,
        bankConnectorId: bank.id,
        amountTolerance: '0.05',
        dateWindowDays: 1,
      },
      'bench',
    );
    // Told by the run's own event (LISTEN/NOTIFY), not a polling loop whose CPU would
    // count as the job's; a slow poll in case an event is missed.
    let run: Record<string, unknown>;
    let wake = () => undefined as void;
    const detach = notifier.listen((event) => {
      if (event.type === 'run' && event.runId === queued.runId && TERMINAL.has(event.status))
        wake();
    });
    try {
      for (;;) {
        run = (await db('runs').where({ id: queued.runId }).first()) as Record<string, unknown>;
        if (TERMINAL.has(String(run.status))) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 500);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      detach();
    }
    const reconMs = performance.now() - started;
    const reconCpu = cpuSince(cpuBefore);
    await services.worker.stop();
    if (run.status !== 'SUCCESS') {
      throw new Error(`reconciliation ended ${String(run.status)}: ${String(run.errorMessage)}`);
    }

    const after = await baseline(db, pg.id, bank.id);
    const bareMs = (before.ms + after.ms) / 2;

    const result = (await services.reconciliations.get(queued.id))!;
    const bindings = [SIZE, SIZE, SIZE, SIZE, SIZE];
    const { rows: comparison } = (await db.raw(
      `WITH planted AS (${PLANTED}), found AS (${FOUND})
       SELECT coalesce(p.status, f.status) AS status,
              count(p.key)::int AS planted, count(f.key)::int AS found,
              count(*) FILTER (WHERE f.key IS NULL)::int AS missed,
              count(*) FILTER (WHERE p.key IS NULL)::int AS extra
         FROM planted p FULL JOIN found f ON f.status = p.status AND f.key = p.key
        GROUP BY 1 ORDER BY 1`,
      [...bindings, result.id],
    )) as {
      rows: { status: string; planted: number; found: number; missed: number; extra: number }[];
    };

    console.log(
      `bare full join : ${fmt(before.rows)} rows classified in ${secs(before.ms)} (before) / ${secs(after.ms)} (after), mean ${secs(bareMs)}`,
    );
    console.log(
      `reconciliation : ${fmt(result.pgCount)} transactions, ${fmt(result.bankCount)} settlements, ${fmt(result.matchedCount)} matched, ${fmt(result.exceptionCount)} exceptions in ${secs(reconMs)} (queue to SUCCESS)`,
    );
    console.log(
      `by rule        : ${result.byRule.map((r) => `${r.rule} ${fmt(r.count)}`).join(', ')}`,
    );
    console.log(`ratio reconciliation/bare join: ${(reconMs / bareMs).toFixed(2)}x (target <= 2x)`);
    // CPU seconds (this process and Postgres), which other load on the machine moves far less.
    const cpuTotal = (cpu: CpuSeconds | null) => (cpu ? cpu.hub + cpu.postgres : NaN);
    const bareCpu = (cpuTotal(before.cpu) + cpuTotal(after.cpu)) / 2;
    if (reconCpu) {
      console.log(
        `cpu            : bare join ${bareCpu.toFixed(2)} s, reconciliation ${cpuTotal(reconCpu).toFixed(2)} s (hub ${reconCpu.hub.toFixed(2)}, Postgres ${reconCpu.postgres.toFixed(2)}), ratio ${(cpuTotal(reconCpu) / bareCpu).toFixed(2)}x`,
      );
    }
    console.log('exceptions     : status            planted    found   missed    extra');
    let missed = 0;
    let extra = 0;
    for (const row of comparison) {
      missed += row.missed;
      extra += row.extra;
      console.log(
        `                 ${row.status.padEnd(16)} ${fmt(row.planted).padStart(8)} ${fmt(row.found).padStart(8)} ${fmt(row.missed).padStart(8)} ${fmt(row.extra).padStart(8)}`,
      );
    }
    console.log(
      missed === 0 && extra === 0
        ? 'every planted exception found, nothing else'
        : `MISSED ${missed} planted exceptions, ${extra} unplanted ones found`,
    );
    const logs = (await db('runLogs').where({ runId: queued.runId }).orderBy('id')) as {
      message: string;
    }[];
    console.log(`job log        : ${logs.map((l) => l.message).join(' | ')}`);
    if (CSV_EXCEPTIONS > 0) await csvMemory(db, services, logger, adminToken, result.id);
  } finally {
    await notifier.stop();
    await db.destroy();
    await database.drop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
