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
 * figure). Postgres is embedded unless DATABASE_URL is set.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createDb } from '../src/db/knex';
import { migrateLatest } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { PgNotifier } from '../src/pubsub/notifier';
import { setOutboundPolicy } from '../src/security/outbound';
import { SecretBox } from '../src/security/secret-box';
import { createServices } from '../src/services';
import { benchDatabase } from './support/postgres';

const { values: args } = parseArgs({ options: { size: { type: 'string', default: '200000' } } });
const SIZE = Number(args.size);
if (!Number.isInteger(SIZE) || SIZE < 200) throw new Error('--size must be an integer >= 200');
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
  const rows = Number(((await db('bare_join').count('* as n')) as { n: string }[])[0].n);
  return { ms, rows };
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
    const services = createServices({
      db,
      logger,
      notifier,
      secretBox: new SecretBox(randomBytes(32)),
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
    let run: Record<string, unknown>;
    for (;;) {
      run = (await db('runs').where({ id: queued.runId }).first()) as Record<string, unknown>;
      if (TERMINAL.has(String(run.status))) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const reconMs = performance.now() - started;
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
