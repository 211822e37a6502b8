/**
 * A settlement file through a staging table, set-based: the COPY-like path
 * of BANK_SFTP.
 *
 * 1. stageFile: one streaming parse (csv-parse) of the downloaded file feeds
 *    `COPY ... FROM STDIN` (pg-copy-streams) into an UNLOGGED table of its
 *    own, one row per record with the source's text, the mapped values (or
 *    why the row is invalid) and its fingerprint; then one statement numbers
 *    identical rows (occurrence) and derives each row's identity, in
 *    Postgres. All in one transaction: a file whose header lacks a column or
 *    that cannot be parsed leaves nothing behind.
 * 2. writeStagedPage: a range of the staged rows in the page's transaction,
 *    one statement: settlements inserted (or, seen in the file's previous
 *    version, marked as seen in this one), their external references with
 *    raw and mapped JSON, and the skipped rows (DUPLICATE, INVALID_RECORD)
 *    with their logs and FAILED references; it returns the counts.
 * 3. The last page switches the file in (ledger.ts) and drops the table.
 *
 * A staging table is named after its connector (one run at a time per
 * connector); a run starts by dropping what a killed or cancelled run of the
 * same connector left.
 */
import { CsvError, parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { fingerprintOf, mapSettlement, type SettlementSourceRow } from './settlement';

/** What of a staged file's rows the pages need. */
export interface StagedFile {
  table: string;
  /** Data rows (records) in the file. */
  rows: number;
}

/** The file's columns: ours -> the header's. */
export interface StagingColumns {
  bankReference: string;
  amount: string;
  valueDate: string;
  txnId: string;
}

export type StageResult = { ok: true; staged: StagedFile } | { ok: false; reason: string };

/** The staged rows a page writes: ord in (from, to]. */
export interface StagedRange {
  from: number;
  to: number;
}

export interface PageCounts {
  fetched: number;
  created: number;
  updated: number;
  skipped: number;
}

const SKIPPED_RAW_LIMIT = 64 * 1024;
const STAGING = /^settlement_staging_c(\d+)_(\d+)$/;

export function stagingTable(connectorId: number, seq: number): string {
  return `settlement_staging_c${connectorId}_${seq}`;
}

/** Drops the staging tables a stopped run of this connector left. */
export async function dropStaleStaging(db: Knex, connectorId: number): Promise<void> {
  const { rows } = await db.raw<{ rows: { name: string }[] }>(
    `SELECT tablename AS name FROM pg_tables
      WHERE schemaname = current_schema() AND tablename ~ ?`,
    [`^settlement_staging_c${connectorId}_[0-9]+$`],
  );
  for (const { name } of rows) {
    if (STAGING.test(name)) await db.raw(`DROP TABLE IF EXISTS ${name}`);
  }
}

export async function dropStaging(db: Knex | Knex.Transaction, table: string): Promise<void> {
  if (!STAGING.test(table)) throw new Error(`not a staging table: ${table}`);
  await db.raw(`DROP TABLE IF EXISTS ${table}`);
}

class Rejected extends Error {}

const COPY_SPECIAL = /[\\\n\r\t\0]/g;
const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  // Postgres holds no NUL: what is kept of such a row has U+FFFD instead (see sync/storable).
  '\0': '\uFFFD',
};

const HAS_COPY_SPECIAL = /[\\\n\r\t\0]/;

/** A value in COPY's text format. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  return HAS_COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIAL, (c) => COPY_ESCAPES[c]) : text;
}

const LINE_BREAK = /\r\n|\r|\n/g;
const LEADING_BREAKS = /^(?:\r\n|\r|\n)*/;

/**
 * The line each record starts on, from the raw text of the records (csv-parse's
 * own `info.lines` counts a CRLF inside quotes twice). Assumes a one-line header.
 */
function lineCounter() {
  let next = 2;
  return (raw: string): number => {
    const start = next + (LEADING_BREAKS.exec(raw)![0].match(LINE_BREAK)?.length ?? 0);
    next += raw.match(LINE_BREAK)?.length ?? 0;
    return start;
  };
}

/** Rows per COPY chunk written at once. */
const COPY_BATCH = 500;

/**
 * Parses `local` into a new staging table `table`, in one transaction: the
 * header must name every configured column and every row must parse, or
 * nothing is kept and the file is refused with the reason.
 */
export async function stageFile(
  db: Knex,
  table: string,
  local: string,
  options: {
    unit: string;
    delimiter: string;
    columns: StagingColumns;
    currency: string;
    signal: AbortSignal;
  },
): Promise<StageResult> {
  if (!STAGING.test(table)) throw new Error(`not a staging table: ${table}`);
  const { unit, columns, currency } = options;
  const load = `${table}_load`;
  try {
    const rows = await db.transaction(async (trx) => {
      // The numbering sorts the whole file: in memory, not on disk.
      await trx.raw(`SET LOCAL work_mem = '128MB'`);
      await trx.raw(`CREATE UNLOGGED TABLE ${load} (
        ord integer NOT NULL, line integer NOT NULL, fp text NOT NULL,
        src_bank_reference text, src_amount text, src_value_date text, src_txn_id text,
        src_currency text, error text, bank_reference text, amount text, currency text,
        value_date text, txn_id text)`);
      const client = (await trx.client.acquireConnection()) as PoolClient;
      const copy = client.query(copyFrom(`COPY ${load} FROM STDIN`));
      const toCopy = new StagedLines(options.unit, columns, currency);
      await pipeline(
        createReadStream(local),
        parse({
          bom: true,
          delimiter: options.delimiter,
          skip_empty_lines: true,
          trim: false,
          raw: true,
        }),
        toCopy,
        copy,
        { signal: options.signal },
      );
      const ord = toCopy.rows;
      // Identical rows numbered in file order; the identity as settlementIdentity makes it.
      await trx.raw(
        `CREATE UNLOGGED TABLE ${table} AS
         SELECT s.*, ? || '|' || translate(left(encode(sha256(convert_to(s.fp, 'UTF8')), 'base64'), 22), '+/', '-_')
                  || '|' || s.occurrence AS external_id
           FROM (SELECT l.*, row_number() OVER (PARTITION BY l.fp ORDER BY l.ord)::int AS occurrence
                   FROM ${load} l) s
          ORDER BY s.ord`,
        [unit],
      );
      await trx.raw(`DROP TABLE ${load}`);
      await trx.raw(`CREATE UNIQUE INDEX ON ${table} (ord)`);
      await trx.raw(`ANALYZE ${table}`);
      return ord;
    });
    return { ok: true, staged: { table, rows } };
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, reason: error.message };
    if (error instanceof CsvError) {
      return { ok: false, reason: `cannot be parsed: ${error.message.slice(0, 300)}` };
    }
    throw error;
  }
}

/**
 * Records (csv-parse's arrays, the header first) as COPY text, a few hundred
 * rows per chunk: per row where it is, what the source wrote, what it maps to
 * or why it does not, and its fingerprint. A header lacking a configured
 * column fails the stream with Rejected.
 */
class StagedLines extends Transform {
  rows = 0;
  private at: {
    bankReference: number;
    amount: number;
    valueDate: number;
    txnId: number;
    currency: number;
  } | null = null;
  private readonly lineOf = lineCounter();
  private chunk = '';
  private inChunk = 0;

  constructor(
    private readonly unit: string,
    private readonly columns: StagingColumns,
    private readonly currency: string,
  ) {
    super({ writableObjectMode: true });
  }

  override _transform(
    { record, raw }: { record: string[]; raw: string },
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ): void {
    if (!this.at) {
      // The last of two same-named columns, as csv-parse's objects would have it.
      const at = (name: string) => record.lastIndexOf(name);
      const lacking = Object.values(this.columns).filter((column) => at(column) < 0);
      if (lacking.length > 0) {
        callback(
          new Rejected(`the header lacks column ${lacking.map((c) => `"${c}"`).join(', ')}`),
        );
        return;
      }
      this.at = {
        bankReference: at(this.columns.bankReference),
        amount: at(this.columns.amount),
        valueDate: at(this.columns.valueDate),
        txnId: at(this.columns.txnId),
        currency: at('currency'),
      };
      callback();
      return;
    }
    this.rows += 1;
    this.chunk += this.line(this.at, record, this.lineOf(raw));
    this.inChunk += 1;
    if (this.inChunk >= COPY_BATCH) {
      this.push(this.chunk);
      this.chunk = '';
      this.inChunk = 0;
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.chunk) this.push(this.chunk);
    callback();
  }

  private line(at: NonNullable<StagedLines['at']>, record: string[], line: number): string {
    const { unit } = this;
    const source: SettlementSourceRow = {
      bankReference: record[at.bankReference],
      amount: record[at.amount],
      valueDate: record[at.valueDate],
      txnId: record[at.txnId],
      unit,
      occurrence: 0,
      line,
    };
    if (at.currency >= 0) source.currency = record[at.currency];
    const mapped = mapSettlement(source, this.currency);
    let error: string | null = null;
    if (!mapped.ok) error = `${mapped.field} ${mapped.message} (${unit} line ${line})`;
    else if (
      [source.bankReference, source.amount, source.valueDate, source.txnId, source.currency].some(
        (value) => typeof value === 'string' && value.includes('\0'),
      )
    ) {
      error = 'contains a NUL character (U+0000), which cannot be stored';
    }
    const s = mapped.ok && error === null ? mapped.settlement : null;
    return `${this.rows}\t${line}\t${copyValue(fingerprintOf(source))}\t${copyValue(source.bankReference)}\t${copyValue(source.amount)}\t${copyValue(source.valueDate)}\t${copyValue(source.txnId)}\t${copyValue(source.currency)}\t${copyValue(error)}\t${copyValue(s?.bankReference)}\t${copyValue(s?.amount)}\t${copyValue(s?.currency)}\t${copyValue(s?.valueDate)}\t${copyValue(s?.txnId)}\n`;
  }
}

/**
 * The ord and line of staged rows (page boundaries), and the last ord at or
 * before a line (where a resumed file starts).
 */
export async function stagedLines(
  db: Knex,
  table: string,
  ords: number[],
): Promise<Map<number, number>> {
  const { rows } = await db.raw<{ rows: { ord: number; line: number }[] }>(
    `SELECT ord, line FROM ${checked(table)} WHERE ord = ANY(?::int[])`,
    [ords],
  );
  return new Map(rows.map((row) => [row.ord, row.line]));
}

export async function ordAtLine(db: Knex, table: string, line: number): Promise<number> {
  const { rows } = await db.raw<{ rows: { ord: number | null }[] }>(
    `SELECT max(ord) AS ord FROM ${checked(table)} WHERE line <= ?`,
    [line],
  );
  return rows[0].ord ?? 0;
}

function checked(table: string): string {
  if (!STAGING.test(table)) throw new Error(`not a staging table: ${table}`);
  return table;
}

/**
 * Writes the staged rows `range` in one statement, as the engine writes a
 * page: a new identity is inserted (created); one the file's previous version
 * holds is marked as seen in this version (updated); one already written for
 * this very file version (an earlier, stopped run) is a DUPLICATE. Every
 * written row gets its SYNCED external reference (raw and mapped JSON); an
 * invalid row is skipped as INVALID_RECORD with a FAILED reference, and every
 * skipped row goes to skipped_records and the run's log.
 */
export async function writeStagedPage(
  trx: Knex.Transaction,
  run: { id: number; connectorId: number },
  file: { table: string; name: string; sha256: string },
  range: StagedRange,
): Promise<PageCounts> {
  const table = checked(file.table);
  const { rows } = await trx.raw<{ rows: PageCounts[] }>(
    `WITH page AS (
       SELECT p.*,
              jsonb_strip_nulls(jsonb_build_object('bankReference', p.src_bank_reference,
                'amount', p.src_amount, 'valueDate', p.src_value_date, 'txnId', p.src_txn_id,
                'currency', p.src_currency))
              || jsonb_build_object('unit', ?::text, 'occurrence', p.occurrence, 'line', p.line,
                'fileSha256', ?::text) AS raw
         FROM ${table} p WHERE p.ord > ? AND p.ord <= ?
     ), ins AS (
       INSERT INTO settlements AS s (connector_id, run_id, external_id, unit, bank_reference,
           amount, currency, value_date, txn_id, line_number, pending_sha256, source_version)
       SELECT ?, ?, p.external_id, ?, p.bank_reference, p.amount::numeric, p.currency,
              p.value_date::date, p.txn_id, p.line, ?, NULL
         FROM page p WHERE p.error IS NULL
       ON CONFLICT (connector_id, external_id) DO UPDATE SET
         pending_sha256 = excluded.pending_sha256, line_number = excluded.line_number,
         bank_reference = excluded.bank_reference, amount = excluded.amount,
         currency = excluded.currency, value_date = excluded.value_date,
         txn_id = excluded.txn_id, source_version = excluded.source_version,
         run_id = excluded.run_id, updated_at = now()
       WHERE coalesce(s.pending_sha256, s.ingested_sha256, s.source_version, '-')
             <> excluded.pending_sha256
       RETURNING s.id, s.external_id, (s.xmax = 0) AS inserted
     ), refs AS (
       INSERT INTO external_references (connector_id, entity_type, status, run_id, updated_at,
           external_id, internal_id, payload_hash, raw, mapped)
       SELECT ?, 'settlement', 'SYNCED', ?, now(), i.external_id, i.id,
              encode(sha256(convert_to(p.raw::text, 'UTF8')), 'hex'), p.raw,
              jsonb_build_object('bankReference', p.bank_reference, 'amount', p.amount,
                'currency', p.currency, 'valueDate', p.value_date, 'txnId', p.txn_id,
                'unit', ?::text, 'occurrence', p.occurrence, 'sourceId', NULL,
                'lineNumber', p.line, 'fileSha256', ?::text)
         FROM ins i JOIN page p ON p.external_id = i.external_id
       ON CONFLICT (connector_id, entity_type, external_id) DO UPDATE SET
         internal_id = excluded.internal_id, payload_hash = excluded.payload_hash,
         raw = excluded.raw, mapped = excluded.mapped, status = excluded.status,
         reason = NULL, error = NULL, run_id = excluded.run_id, updated_at = excluded.updated_at
     ), skipped AS (
       SELECT p.external_id, 'DUPLICATE' AS reason, 'already held, unchanged' AS message, p.raw
         FROM page p
        WHERE p.error IS NULL AND NOT EXISTS (SELECT 1 FROM ins i WHERE i.external_id = p.external_id)
       UNION ALL
       SELECT p.external_id, 'INVALID_RECORD', p.error, p.raw FROM page p WHERE p.error IS NOT NULL
     ), skipped_rows AS (
       INSERT INTO skipped_records (run_id, connector_id, external_id, reason, message, raw)
       SELECT ?, ?, k.external_id, k.reason, k.message,
              CASE WHEN octet_length(k.raw::text) <= ${SKIPPED_RAW_LIMIT} THEN k.raw
                   ELSE jsonb_build_object('truncated', true, 'bytes', octet_length(k.raw::text)) END
         FROM skipped k
     ), skipped_logs AS (
       INSERT INTO run_logs (run_id, level, message, external_id)
       SELECT ?, 'WARN', 'skipped ' || k.reason || ': ' || k.message, k.external_id FROM skipped k
     ), failed_refs AS (
       INSERT INTO external_references (connector_id, entity_type, status, run_id, updated_at,
           external_id, reason, error, payload_hash, raw, mapped)
       SELECT ?, 'settlement', 'FAILED', ?, now(), k.external_id, k.reason, left(k.message, 1000),
              encode(sha256(convert_to(k.raw::text, 'UTF8')), 'hex'), k.raw, NULL
         FROM skipped k WHERE k.reason = 'INVALID_RECORD'
       ON CONFLICT (connector_id, entity_type, external_id) DO UPDATE SET
         reason = excluded.reason, error = excluded.error, payload_hash = excluded.payload_hash,
         raw = excluded.raw, run_id = excluded.run_id, updated_at = excluded.updated_at
       WHERE external_references.status = 'FAILED'
     )
     SELECT (SELECT count(*) FROM page)::int AS fetched,
            (SELECT count(*) FILTER (WHERE inserted) FROM ins)::int AS created,
            (SELECT count(*) FILTER (WHERE NOT inserted) FROM ins)::int AS updated,
            (SELECT count(*) FROM skipped)::int AS skipped`,
    [
      file.name,
      file.sha256,
      range.from,
      range.to,
      run.connectorId,
      run.id,
      file.name,
      file.sha256,
      run.connectorId,
      run.id,
      file.name,
      file.sha256,
      run.id,
      run.connectorId,
      run.id,
      run.connectorId,
      run.id,
    ],
  );
  return rows[0];
}
