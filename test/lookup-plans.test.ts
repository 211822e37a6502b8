import type { Knex } from 'knex';
import pg from 'pg';
import { PRODUCT_ENTITY } from '../src/domains/commerce/entities';
import { productsByExternalId, productsBySku, storedHashes } from '../src/domains/commerce/store';
import type { CanonicalCredential } from '../src/domains/credentials/canonical';
import { lookupCredentials } from '../src/domains/credentials/credentials';
import { findStoredTransactions } from '../src/domains/payments/store';
import { settlementPipeline } from '../src/domains/settlements/pipeline';
import type { Settlement } from '../src/domains/settlements/settlement';
import { createDb } from '../src/db/knex';
import { createTestDatabase, type TestDatabase } from './support/db';

/**
 * The engine's dedupe look-ups stay one index probe per key once Postgres has
 * statistics that do not know the issuer or connector yet: a new connector's
 * first import into a database that has been analyzed. To those statistics
 * the new scope holds nothing, so an index on the scope column alone looked as
 * cheap as the unique key, and Postgres took it: every probe read all of the
 * scope's rows, and a first import's cost grew with its square (a 20,000-record
 * one of credentials: 99 s instead of 9 s).
 *
 * - credentials: their keys lead with the external id and the learner's email
 *   (migration 20261202100000_credential_keys), so no index leads with issuer_id;
 * - transactions and products: the connector comes with each key as a column,
 *   so Postgres sizes it as an average connector, not from its statistics.
 */

const PER_ISSUER = 2_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Rows Removed by Filter'?: number;
  'Shared Hit Blocks'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function scansOf(table: string, node: PlanNode, found: PlanNode[] = []): PlanNode[] {
  if (node['Relation Name'] === table) found.push(node);
  for (const child of node.Plans ?? []) scansOf(table, child, found);
  return found;
}

describe('dedupe look-ups against statistics that miss the scope', () => {
  let database: TestDatabase;
  let db: Knex;

  /** `lookup`'s one statement, run, then explained as it ran (ANALYZE, BUFFERS). */
  async function planOf<T>(lookup: () => Promise<T>): Promise<{ result: T; plan: PlanNode }> {
    const statements: { sql: string; bindings: readonly unknown[] }[] = [];
    const onQuery = (query: { sql: string; bindings?: readonly unknown[] }) =>
      statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
    db.on('query', onQuery);
    let result: T;
    try {
      result = await lookup();
    } finally {
      db.off('query', onQuery);
    }
    expect(statements).toHaveLength(1);
    const { sql, bindings } = statements[0];
    // Its text has the driver's $n placeholders: explained over a connection of its own.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const explained = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`,
        bindings as unknown[],
      );
      return { result, plan: explained.rows[0]['QUERY PLAN'][0].Plan };
    } finally {
      await client.end();
    }
  }

  /** Every scan of `table` used the expected index, read few pages and dropped next to nothing. */
  function expectProbes(plan: PlanNode, table: string, indexes: string[]) {
    const scans = scansOf(table, plan);
    expect(scans.map((scan) => scan['Index Name']).sort()).toEqual([...indexes].sort());
    // Rows read and dropped, per probe (EXPLAIN rounds the mean over the probes): about
    // 2,000 (the scope's rows) with an index on the scope column alone.
    for (const scan of scans) expect(scan['Rows Removed by Filter'] ?? 0).toBe(0);
    // 100 probes of a few index pages each; reading the scope's 2,000 rows per
    // probe, as the wrong index did, takes tens of thousands.
    expect(plan['Shared Hit Blocks']).toBeLessThan(1_000 * indexes.length);
  }

  /** A connector row that nothing else reads (FK checks are off for this file's connection). */
  let nextConnector = 1_000;

  async function scopeWithRows(): Promise<{ issuerId: number; connectorId: number }> {
    nextConnector += 1;
    const connectorId = nextConnector;
    const [{ id: issuerId }] = await db('issuers')
      .insert({ name: `issuer ${connectorId}` })
      .returning('id');
    await db.raw(
      `INSERT INTO credentials (uid, issuer_id, external_id, learner_email, title, issued_at,
                                status, data_hash)
       SELECT ? || '-' || n, ?, 'ext-' || n, 'learner' || n || '@example.org', 'Course ' || (n % 7),
              now(), 'UNCLAIMED', md5(n::text)
         FROM generate_series(1, ?) AS n`,
      [String(connectorId), issuerId, PER_ISSUER],
    );
    await db.raw(
      `INSERT INTO transactions (connector_id, txn_id, amount, currency, status, txn_date,
                                 cycle_date, bank_reference, data_hash)
       SELECT ?, 'T' || n, 1, 'INR', 'SUCCESS', now(), current_date - (n % 30), 'B' || n, md5(n::text)
         FROM generate_series(1, ?) AS n`,
      [connectorId, PER_ISSUER],
    );
    await db.raw(
      `INSERT INTO products (connector_id, external_id, name, sku, data_hash)
       SELECT ?, 'P' || n, 'product ' || n, 'SKU-' || n, md5(n::text)
         FROM generate_series(1, ?) AS n`,
      [connectorId, PER_ISSUER],
    );
    await db.raw(
      `INSERT INTO settlements (connector_id, external_id, unit, bank_reference, amount, value_date,
                                source_version)
       SELECT ?, 'id:S' || n, 'source', 'B' || n, 1, current_date - (n % 30), md5(n::text)
         FROM generate_series(1, ?) AS n`,
      [connectorId, PER_ISSUER],
    );
    await db.raw(
      `INSERT INTO external_references (connector_id, entity_type, external_id, internal_id,
                                        payload_hash, raw, mapped, status)
       SELECT ?, ?, 'P' || n, n, md5(n::text), '{}', '{}',
              CASE WHEN n % 10 = 0 THEN 'FAILED' ELSE 'SYNCED' END
         FROM generate_series(1, ?) AS n`,
      [connectorId, PRODUCT_ENTITY, PER_ISSUER],
    );
    return { issuerId: issuerId as number, connectorId };
  }

  const credential = (n: number, suffix: string): CanonicalCredential => ({
    externalId: `ext-${n}${suffix}`,
    learnerEmail: `Learner${n}${suffix}@example.org`,
    title: `Course ${n % 7}`,
    issuedAt: new Date(),
    completionDate: null,
    maxHours: null,
    pdfUrl: null,
    cursor: null,
  });
  /** A page of 100 keys: 50 the scope holds, 50 it does not. */
  const page = <T>(key: (n: number, suffix: string) => T): T[] => [
    ...Array.from({ length: 50 }, (_, i) => key(i + 1, '')),
    ...Array.from({ length: 50 }, (_, i) => key(i + 1, '-new')),
  ];
  const held = Array.from({ length: 50 }, (_, i) => i + 1);

  let fresh: { issuerId: number; connectorId: number };

  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection: session_replication_role holds for every statement of this file.
    db = createDb({ url: database.url, poolMax: 1 });
    // Rows of connectors that do not exist: no foreign-key triggers on this connection.
    await db.raw('SET session_replication_role = replica');
    // This file's own database: no autovacuum analyzing between the steps below.
    for (const table of [
      'credentials',
      'transactions',
      'products',
      'settlements',
      'external_references',
    ]) {
      await db.raw(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
    }
    for (let i = 0; i < 3; i += 1) await scopeWithRows();
    await db.raw('ANALYZE');
    // New since the statistics: to them, this issuer and connector hold nothing.
    fresh = await scopeWithRows();
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('credentials: each key probed through its own unique index', async () => {
    const { result, plan } = await planOf(() =>
      lookupCredentials(db, fresh.issuerId, page(credential)),
    );
    expect(result.map((h) => h.externalId).sort()).toEqual(held.map((n) => `ext-${n}`).sort());
    expectProbes(plan, 'credentials', [
      'credentials_external_key',
      'credentials_learner_title_key',
    ]);
  });

  it('transactions: each txn id probed through the (connector_id, txn_id) key', async () => {
    const { result, plan } = await planOf(() =>
      findStoredTransactions(
        db,
        fresh.connectorId,
        page((n, suffix) => `T${n}${suffix}`),
      ),
    );
    expect([...result.keys()].sort()).toEqual(held.map((n) => `T${n}`).sort());
    expectProbes(plan, 'transactions', ['transactions_connector_id_txn_id_key']);
  });

  it('settlements: each identity probed through the identity key', async () => {
    const settlement = (n: number, suffix: string): Settlement => ({
      bankReference: `B${n}`,
      amount: '1',
      currency: 'INR',
      valueDate: '2026-11-30',
      txnId: null,
      unit: 'source',
      occurrence: 1,
      sourceId: `S${n}${suffix}`,
      lineNumber: null,
      fileSha256: null,
    });
    const { result, plan } = await planOf(() =>
      settlementPipeline.lookup(
        db,
        { connectorId: fresh.connectorId, currency: 'INR' },
        page(settlement),
      ),
    );
    expect(result.map((row) => row.externalId).sort()).toEqual(held.map((n) => `id:S${n}`).sort());
    expectProbes(plan, 'settlements', ['settlements_identity_key']);
  });

  it('products: by external id through their key, by SKU through the SKU index', async () => {
    const byId = await planOf(() =>
      storedHashes(
        db,
        'products',
        fresh.connectorId,
        page((n, suffix) => `P${n}${suffix}`),
      ),
    );
    expect(byId.result.map((row) => row.externalId).sort()).toEqual(
      held.map((n) => `P${n}`).sort(),
    );
    expectProbes(byId.plan, 'products', ['products_connector_id_external_id_key']);

    const bySku = await planOf(() =>
      productsBySku(
        db,
        fresh.connectorId,
        page((n, suffix) => `sku-${n}${suffix}`),
      ),
    );
    expect([...bySku.result.keys()].sort()).toEqual(held.map((n) => `sku-${n}`).sort());
    expectProbes(bySku.plan, 'products', ['products_sku_idx']);

    // Their synced references (an order line's product), every tenth one FAILED.
    const refs = await planOf(() =>
      productsByExternalId(
        db,
        fresh.connectorId,
        page((n, suffix) => `P${n}${suffix}`),
      ),
    );
    expect([...refs.result.keys()].sort()).toEqual(
      held
        .filter((n) => n % 10 !== 0)
        .map((n) => `P${n}`)
        .sort(),
    );
    expectProbes(refs.plan, 'external_references', ['external_references_key']);
  });
});
