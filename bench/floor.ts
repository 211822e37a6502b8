/**
 * The schema floor: the same records the pipeline syncs, written by bare SQL
 * into the same tables the pipeline writes (the entity table and
 * external_references, with all their indexes, constraints and foreign
 * keys), one statement pair per page in one transaction per page, each in
 * the form the pipeline's own are (the page as one JSON array of rows,
 * through jsonb_to_recordset). No HTTP,
 * no planning, no dedupe look-up, no hashing beyond what the columns need:
 * what the schema itself costs, so that the engine's own overhead (pipeline
 * / floor) is told apart from it.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { recordAt, TRANSACTION_DATE, transactionAt } from './records';

export interface FloorResult {
  records: number;
  pages: number;
  ms: number;
}

/** One page of an entity: the entity statement, then its external references. */
interface FloorEntity {
  entityType: string;
  /** Once, before timing: what the entity rows point to (an issuer, say). */
  prepare(client: pg.Client, connectorId: number, runId: number): Promise<void>;
  /** Writes records [from, to) of the entity table; returns (external id, internal id) pairs. */
  writePage(
    client: pg.Client,
    from: number,
    to: number,
  ): Promise<{ id: string; external_id: string }[]>;
  /** The external id of the record at `index`. */
  externalId(index: number): string;
  /** The raw record at `index`, as the source sends it (kept in external_references). */
  raw(index: number): Record<string, unknown>;
  /** The mapped record at `index`. */
  mapped(index: number): Record<string, unknown>;
}

const REFERENCES = `
  INSERT INTO external_references
    (connector_id, entity_type, status, run_id, updated_at, external_id, internal_id,
     payload_hash, raw, mapped)
  SELECT $1, $2, 'SYNCED', $3, now(), u.external_id, u.internal_id, u.payload_hash, u.raw, u.mapped
    FROM jsonb_to_recordset($4::jsonb)
      AS u(external_id text, internal_id bigint, payload_hash text, raw jsonb, mapped jsonb)
  ON CONFLICT (connector_id, entity_type, external_id) DO UPDATE SET
    internal_id = excluded.internal_id, payload_hash = excluded.payload_hash,
    raw = excluded.raw, mapped = excluded.mapped, status = excluded.status,
    run_id = excluded.run_id, updated_at = excluded.updated_at`;

/** Credentials, as the ISSUER_API pipeline writes them (bench/records.ts). */
export function credentialFloor(): FloorEntity {
  let issuerId = 0;
  let groupId = 0;
  let connector = 0;
  let run = 0;
  return {
    entityType: 'credential',
    async prepare(client, connectorId, runId) {
      connector = connectorId;
      run = runId;
      issuerId = (
        await client.query<{ id: string }>(
          `INSERT INTO issuers (name) VALUES ('bench-floor-rows') RETURNING id`,
        )
      ).rows[0].id as unknown as number;
      groupId = (
        await client.query<{ id: string }>(
          `INSERT INTO anchor_groups (merkle_root, leaf_count) VALUES ('0x00', 1) RETURNING id`,
        )
      ).rows[0].id as unknown as number;
    },
    async writePage(client, from, to) {
      // As many proof steps as a tree over the page has levels, as the pipeline stores.
      const depth = Math.ceil(Math.log2(Math.max(2, to - from)));
      const rows: Record<string, unknown>[] = [];
      for (let index = from; index < to; index++) {
        const r = recordAt(index);
        rows.push({
          uid: `floor-${index}`,
          external_id: r.id,
          learner_email: r.learner_email,
          title: r.certificate_title,
          issued_at: r.issued_at,
          completion_date: r.completion_date,
          max_hours: r.max_hr,
          data_hash: hash64(index, 0),
          pdf_url: r.pdf_url,
          metadata: {},
          merkle_proof: Array.from({ length: depth }, (_, step) => hash64(index, step)),
        });
      }
      const result = await client.query<{ id: string; external_id: string }>(
        `INSERT INTO credentials
           (uid, issuer_id, connector_id, run_id, anchor_group_id, updated_at, external_id,
            learner_email, learner_id, title, issued_at, completion_date, max_hours, status,
            data_hash, pdf_url, pdf_cid, metadata, merkle_proof)
         SELECT u.uid, $1, $2, $3, $4, now(), u.external_id, u.learner_email, NULL, u.title,
                u.issued_at, u.completion_date, u.max_hours, 'UNCLAIMED', u.data_hash, u.pdf_url,
                NULL, u.metadata, u.merkle_proof
           FROM jsonb_to_recordset($5::jsonb)
             AS u(uid text, external_id text, learner_email text, title text,
                  issued_at timestamptz, completion_date timestamptz, max_hours numeric,
                  data_hash text, pdf_url text, metadata jsonb, merkle_proof jsonb)
         ON CONFLICT (issuer_id, external_id) DO UPDATE SET
           connector_id = excluded.connector_id, run_id = excluded.run_id,
           learner_email = excluded.learner_email, title = excluded.title,
           issued_at = excluded.issued_at, completion_date = excluded.completion_date,
           max_hours = excluded.max_hours, data_hash = excluded.data_hash,
           pdf_url = excluded.pdf_url, metadata = excluded.metadata,
           anchor_group_id = excluded.anchor_group_id, merkle_proof = excluded.merkle_proof,
           updated_at = excluded.updated_at
         RETURNING id, external_id`,
        [issuerId, connector, run, groupId, JSON.stringify(rows)],
      );
      return result.rows;
    },
    externalId: (index) => recordAt(index).id,
    raw: (index) => ({ ...recordAt(index) }),
    mapped(index) {
      const r = recordAt(index);
      return {
        externalId: r.id,
        learnerEmail: r.learner_email,
        title: r.certificate_title,
        issuedAt: r.issued_at,
        completionDate: r.completion_date,
        maxHours: r.max_hr,
        pdfUrl: r.pdf_url,
        cursor: r.updated_at,
      };
    },
  };
}

/** Gateway transactions, as the PG_API pipeline writes them (connector time zone IST). */
export function transactionFloor(): FloorEntity {
  let connector = 0;
  let run = 0;
  const instant = (index: number) =>
    new Date(`${transactionAt(index).txn_date.replace(' ', 'T')}+05:30`);
  const mapped = (index: number) => {
    const t = transactionAt(index);
    return {
      txnId: t.txn_id,
      merchantCode: t.merchant_code,
      amount: t.amount.toFixed(2),
      currency: t.currency,
      status: t.status.toUpperCase(),
      txnDate: instant(index).toISOString(),
      cycleDate: TRANSACTION_DATE,
      bankReference: t.bank_ref,
      paymentMode: t.payment_mode,
    };
  };
  return {
    entityType: 'transaction',
    async prepare(_client, connectorId, runId) {
      connector = connectorId;
      run = runId;
    },
    async writePage(client, from, to) {
      const rows: Record<string, unknown>[] = [];
      for (let index = from; index < to; index++) {
        const m = mapped(index);
        rows.push({
          txn_id: m.txnId,
          amount: m.amount,
          currency: m.currency,
          status: m.status,
          txn_date: m.txnDate,
          cycle_date: m.cycleDate,
          bank_reference: m.bankReference,
          merchant_code: m.merchantCode,
          payment_mode: m.paymentMode,
          data_hash: hash64(index, 1).slice(2),
        });
      }
      const result = await client.query<{ id: string; external_id: string }>(
        `INSERT INTO transactions
           (connector_id, run_id, updated_at, txn_id, amount, currency, status, txn_date,
            cycle_date, bank_reference, merchant_code, payment_mode, data_hash)
         SELECT $1, $2, now(), u.txn_id, u.amount, u.currency, u.status, u.txn_date, u.cycle_date,
                u.bank_reference, u.merchant_code, u.payment_mode, u.data_hash
           FROM jsonb_to_recordset($3::jsonb)
             AS u(txn_id text, amount numeric, currency text, status text, txn_date timestamptz,
                  cycle_date date, bank_reference text, merchant_code text, payment_mode text,
                  data_hash text)
         ON CONFLICT (connector_id, txn_id) DO UPDATE SET
           run_id = excluded.run_id, amount = excluded.amount, currency = excluded.currency,
           status = excluded.status, txn_date = excluded.txn_date,
           cycle_date = excluded.cycle_date, bank_reference = excluded.bank_reference,
           merchant_code = excluded.merchant_code, payment_mode = excluded.payment_mode,
           data_hash = excluded.data_hash, updated_at = excluded.updated_at
         RETURNING id, txn_id AS external_id`,
        [connector, run, JSON.stringify(rows)],
      );
      return result.rows;
    },
    externalId: (index) => transactionAt(index).txn_id,
    raw: (index) => ({ ...transactionAt(index) }),
    mapped,
  };
}

/**
 * Writes `records` records of `entity` through its statement pair, page by
 * page, each page in its own transaction, under `connectorId` and `runId`
 * (rows the caller made, so the foreign keys are the pipeline's).
 */
export async function runFloor(
  url: string,
  entity: FloorEntity,
  options: { records: number; pageSize: number; connectorId: number; runId: number },
): Promise<FloorResult> {
  const client = new pg.Client({ connectionString: url, application_name: 'tributary-floor' });
  await client.connect();
  const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]
    .pid;
  try {
    await entity.prepare(client, options.connectorId, options.runId);
    let pages = 0;
    const started = performance.now();
    for (let from = 0; from < options.records; from += options.pageSize) {
      const to = Math.min(options.records, from + options.pageSize);
      const raws: string[] = [];
      const mapped: string[] = [];
      for (let index = from; index < to; index++) {
        raws.push(JSON.stringify(entity.raw(index)));
        mapped.push(JSON.stringify(entity.mapped(index)));
      }
      await client.query('BEGIN');
      const rows = await entity.writePage(client, from, to);
      const idOf = new Map(rows.map((row) => [row.external_id, row.id]));
      // Raw and mapped JSON text go into the page's JSON as they are, as the pipeline's do.
      const page = raws.map((raw, i) => {
        const externalId = entity.externalId(from + i);
        return (
          `{"external_id":${JSON.stringify(externalId)},"internal_id":${idOf.get(externalId) ?? 'null'},` +
          `"payload_hash":"${createHash('sha256').update(raw).digest('hex')}","raw":${raw},"mapped":${mapped[i]}}`
        );
      });
      await client.query(REFERENCES, [
        options.connectorId,
        entity.entityType,
        options.runId,
        `[${page.join(',')}]`,
      ]);
      await client.query('COMMIT');
      pages += 1;
    }
    return { records: options.records, pages, ms: performance.now() - started };
  } finally {
    await client.end();
    // Until its backend has exited, its CPU time is neither a live process's nor yet
    // in the postmaster's children's total (bench/support/cpu.ts): wait for that.
    await backendExited(backend);
  }
}

/** A 32-byte hex value unique to (index, step): the size of a hash, without hashing. */
function hash64(index: number, step: number): string {
  return `0x${step.toString(16).padStart(8, '0')}${index.toString(16).padStart(56, '0')}`;
}

/** Waits (at most 2 s) until a local Postgres backend's process is gone. */
async function backendExited(pid: number): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (existsSync(`/proc/${pid}`) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
