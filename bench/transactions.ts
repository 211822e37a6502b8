/**
 * npm run bench:transactions [-- --records 50000 --page-size 500]
 *
 * The payments domain's write path against the schema's own cost, in one run
 * on one database, so the figures compare:
 *
 *  1. one table   the transactions' columns upserted into one bare table,
 *                 one INSERT ... SELECT FROM unnest per page (what Postgres
 *                 takes with no schema around it);
 *  2. schema floor  the same records, prepared beforehand, written by bare SQL
 *                 into `transactions` and `external_references` (same indexes
 *                 and constraints), one statement pair per page in one
 *                 transaction per page;
 *  3. domain      mapTransaction + planTransactionPage (the set-based look-up)
 *                 + writeTransactionPage, a transaction per page, from raw
 *                 gateway records with lossless amounts, two pages deep as
 *                 the engine runs them (page N+1 planned while N is written);
 *  4. re-read     the same pages again: all DUPLICATE (map + look-up only).
 *
 * The engine's own overhead (fetching, counters, checkpoints) is measured by
 * bench:ingest once PG_API runs through it; this is the domain's part.
 * Postgres is embedded in a temp dir, or the server in DATABASE_URL.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { LosslessNumber } from 'lossless-json';
import { pgApiConfig } from '../src/connectors/pg-api/config';
import { createDb } from '../src/db/knex';
import { migrateLatest } from '../src/db/migrate';
import {
  mapTransaction,
  mappedPayload,
  planTransactionPage,
  rawJson,
  transactionHash,
  writeTransactionPage,
  type TransactionCandidate,
  type TransactionRecord,
} from '../src/domains/payments';
import { benchDatabase } from './support/postgres';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '50000' },
    'page-size': { type: 'string', default: '500' },
  },
});
const RECORDS = Number(args.records);
const PAGE_SIZE = Number(args['page-size']);
if (!(RECORDS > 0 && PAGE_SIZE > 0)) throw new Error('--records and --page-size must be positive');

const { fieldMap } = pgApiConfig.parse({ baseUrl: 'https://gateway.example' });
const MAPPING = { fieldMap, timeZone: 'Asia/Kolkata' };

function rawAt(n: number): Record<string, unknown> {
  return {
    txn_id: `TXN${String(n).padStart(10, '0')}`,
    merchant_code: `M${n % 50}`,
    amount: new LosslessNumber(`${(n % 100_000) + 1}.${String(n % 100).padStart(2, '0')}`),
    currency: 'INR',
    status: n % 7 ? 'success' : 'failed',
    txn_date: `2026-01-${String((n % 28) + 1).padStart(2, '0')} 10:${String(n % 60).padStart(2, '0')}:00`,
    bank_ref: `UTR${n}`,
    payment_mode: n % 2 ? 'UPI' : 'CARD',
  };
}

function pages(): Record<string, unknown>[][] {
  const all: Record<string, unknown>[][] = [];
  for (let from = 0; from < RECORDS; from += PAGE_SIZE) {
    all.push(
      Array.from({ length: Math.min(PAGE_SIZE, RECORDS - from) }, (_, i) => rawAt(from + i)),
    );
  }
  return all;
}

function mapPage(raws: Record<string, unknown>[]) {
  return raws.map((raw) => {
    const result = mapTransaction(raw, MAPPING);
    if (!result.ok) throw new Error(result.message);
    return { raw, record: result.record as TransactionRecord };
  });
}

async function connector(db: Knex, name: string): Promise<number> {
  const [{ id }] = await db('connectors')
    .insert({ name, kind: 'PG_API', sourceEntity: 'BENCH', authType: 'NONE', config: {} })
    .returning('id');
  return id as number;
}

async function timed(label: string, work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const rate = Math.round((RECORDS / ms) * 1000);
  console.log(
    `${label.padEnd(14)} ${String(Math.round(ms)).padStart(7)} ms  ${String(rate).padStart(8)} records/s`,
  );
  return ms;
}

async function main() {
  const database = await benchDatabase('tributary-bench-txn');
  const db = createDb({ url: database.url, poolMax: 4 });
  try {
    await migrateLatest(db);
    const raw = pages();
    console.log(`${RECORDS} transactions, ${raw.length} pages of ${PAGE_SIZE}`);

    await db.raw(`CREATE TABLE bench_one_table (
      connector_id bigint NOT NULL, txn_id text NOT NULL, amount numeric NOT NULL,
      currency text NOT NULL, status text NOT NULL, txn_date timestamptz NOT NULL,
      cycle_date date NOT NULL, bank_reference text, merchant_code text, payment_mode text,
      PRIMARY KEY (connector_id, txn_id))`);
    // Prepared outside the timings: what the floors write, already mapped and serialized.
    const prepared = raw.map((page) =>
      mapPage(page).map(({ raw: r, record }) => {
        const rawText = rawJson(r);
        return {
          record,
          dataHash: transactionHash(record),
          rawText,
          payloadHash: createHash('sha256').update(rawText).digest('hex'),
          mapped: JSON.stringify(mappedPayload(record)),
        };
      }),
    );
    const columns = (page: (typeof prepared)[number]) => [
      page.map((p) => p.record.txnId),
      page.map((p) => p.record.amount),
      page.map((p) => p.record.currency),
      page.map((p) => p.record.status),
      page.map((p) => p.record.txnDate),
      page.map((p) => p.record.cycleDate),
      page.map((p) => p.record.bankReference),
      page.map((p) => p.record.merchantCode),
      page.map((p) => p.record.paymentMode),
    ];

    const oneTable = await timed('one table', async () => {
      for (const page of prepared) {
        await db.raw(
          `INSERT INTO bench_one_table
             SELECT 1, * FROM unnest(?::text[], ?::numeric[], ?::text[], ?::text[],
               ?::timestamptz[], ?::date[], ?::text[], ?::text[], ?::text[])
           ON CONFLICT (connector_id, txn_id) DO UPDATE SET amount = excluded.amount,
             status = excluded.status`,
          columns(page) as unknown as Knex.RawBinding[],
        );
      }
    });

    const floorConnector = await connector(db, 'floor');
    const floor = await timed('schema floor', async () => {
      for (const page of prepared) {
        await db.transaction(async (trx) => {
          const { rows } = await trx.raw<{ rows: { id: number }[] }>(
            `INSERT INTO transactions (connector_id, txn_id, amount, currency, status, txn_date,
               cycle_date, bank_reference, merchant_code, payment_mode, data_hash)
             SELECT ?, * FROM unnest(?::text[], ?::numeric[], ?::text[], ?::text[],
               ?::timestamptz[], ?::date[], ?::text[], ?::text[], ?::text[], ?::text[])
             ON CONFLICT (connector_id, txn_id) DO UPDATE SET amount = excluded.amount,
               status = excluded.status, data_hash = excluded.data_hash
             RETURNING id`,
            [
              floorConnector,
              ...columns(page),
              page.map((p) => p.dataHash),
            ] as unknown as Knex.RawBinding[],
          );
          await trx.raw(
            `INSERT INTO external_references (connector_id, entity_type, external_id, internal_id,
               payload_hash, raw, mapped)
             SELECT ?, 'transaction', * FROM unnest(?::text[], ?::bigint[], ?::text[], ?::jsonb[],
               ?::jsonb[])
             ON CONFLICT (connector_id, entity_type, external_id) DO UPDATE SET
               internal_id = excluded.internal_id, payload_hash = excluded.payload_hash,
               raw = excluded.raw, mapped = excluded.mapped`,
            [
              floorConnector,
              page.map((p) => p.record.txnId),
              rows.map((r) => r.id),
              page.map((p) => p.payloadHash),
              page.map((p) => p.rawText),
              page.map((p) => p.mapped),
            ] as unknown as Knex.RawBinding[],
          );
        });
      }
    });

    const domainConnector = await connector(db, 'domain');
    let created = 0;
    // Two pages deep, as the engine runs a sync: page N+1 is mapped and looked up
    // (counting page N's candidates as held) while page N is written.
    const domain = await timed('domain', async () => {
      let writing: Promise<{ created: number }> | null = null;
      let held: TransactionCandidate[] = [];
      for (const page of raw) {
        const plan = await planTransactionPage(db, domainConnector, mapPage(page), held);
        if (writing) created += (await writing).created;
        writing = db.transaction((trx) =>
          writeTransactionPage(trx, { connectorId: domainConnector, runId: null }, plan.candidates),
        );
        held = plan.candidates;
      }
      if (writing) created += (await writing).created;
    });
    let duplicates = 0;
    await timed('re-read', async () => {
      for (const page of raw) {
        const plan = await planTransactionPage(db, domainConnector, mapPage(page));
        duplicates += plan.skipped.length;
      }
    });
    if (created !== RECORDS || duplicates !== RECORDS) {
      throw new Error(
        `expected ${RECORDS} created and duplicates, got ${created} and ${duplicates}`,
      );
    }
    console.log(
      `domain / schema floor: ${(floor / domain).toFixed(2)}x the floor's rate; ` +
        `schema floor / one table: ${(oneTable / floor).toFixed(2)}x`,
    );
  } finally {
    await db.destroy();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
