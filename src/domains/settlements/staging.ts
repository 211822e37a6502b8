/**
 * A settlement file through a staging table, set-based: the COPY-like path
 * of BANK_SFTP. Each settlement row is written once, in the transaction
 * that makes the file's rows its settlements.
 *
 * 1. stageFile: one streaming parse (csv-parse) of the downloaded file feeds
 *    `COPY ... FROM STDIN` (pg-copy-streams) into an UNLOGGED table of its
 *    own, one row per record with the source's text, the mapped values (or
 *    why the row is invalid) and its fingerprint; then one statement numbers
 *    identical rows (occurrence), derives each row's identity and draws the
 *    id its settlement will have, in Postgres. All in one transaction: a
 *    file whose header lacks a column or that cannot be parsed leaves
 *    nothing behind.
 * 2. ingestStagedFile: in the file's one transaction, its ledger row, its
 *    settlements (inserted; for a changed file, the previous version's rows
 *    it repeats updated and those it no longer holds removed), their
 *    external references with raw and mapped JSON, and its invalid rows
 *    (skipped, with their logs and FAILED references). Readers see the whole
 *    file or none of it; a stop before the commit leaves nothing but the
 *    staging table, which the next run drops.
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

/** What ingesting a staged file did: the run's counters and the ledger's detail. */
export interface IngestCounts {
  created: number;
  updated: number;
  skipped: number;
  /** The previous version's rows the file no longer holds. */
  removed: number;
  /** Whether an earlier version of the file was ingested. */
  changed: boolean;
}

const SKIPPED_RAW_LIMIT = 64 * 1024;
const STAGING = /^settlement_staging_c(\d+)_r(\d+)_(\d+)$/;

/**
 * A staging table of its run: a cancelled run's staging may still be
 * finishing (its statements end a moment after the run does) when the retry
 * starts, and must never be the retry's table.
 */
export function stagingTable(connectorId: number, runId: number, seq: number): string {
  return `settlement_staging_c${connectorId}_r${runId}_${seq}`;
}

/** What stopped runs may have left, also under the names staging had before they carried the run. */
const STALE_STAGING = /^settlement_staging_c\d+_(r\d+_)?\d+$/;

/**
 * Drops the staging tables stopped runs of this connector left (a run drops
 * its own when it writes or rejects the file).
 */
export async function dropStaleStaging(db: Knex, connectorId: number): Promise<void> {
  const { rows } = await db.raw<{ rows: { name: string }[] }>(
    `SELECT tablename AS name FROM pg_tables
      WHERE schemaname = current_schema() AND tablename ~ ?`,
    [`^settlement_staging_c${connectorId}_(r[0-9]+_)?[0-9]+$`],
  );
  for (const { name } of rows) {
    if (STALE_STAGING.test(name)) await db.raw(`DROP TABLE IF EXISTS ${name}`);
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
    /** Called as rows are staged, with how many so far. */
    onRows?: (rows: number) => void;
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
      const toCopy = new StagedLines(options.unit, columns, currency, options.onRows);
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
      // Stopped once the rows were in: nothing is kept (the transaction rolls back).
      options.signal.throwIfAborted();
      // Identical rows numbered in file order; the identity as settlementIdentity makes it
      // (the fingerprint's text is not kept: the table is read twice, its width is time);
      // and, for a row that maps, the id its settlement gets if it is new (drawn from the
      // table's own sequence, so its external reference can be written with it directly).
      const { rows: sequence } = await trx.raw<{ rows: { name: string }[] }>(
        `SELECT pg_get_serial_sequence('settlements', 'id') AS name`,
      );
      await trx.raw(
        `CREATE UNLOGGED TABLE ${table} AS
         SELECT s.ord, s.line, s.src_bank_reference, s.src_amount, s.src_value_date, s.src_txn_id,
                s.src_currency, s.error, s.bank_reference, s.amount, s.currency, s.value_date,
                s.txn_id, s.occurrence, ? || '|' || translate(left(encode(sha256(convert_to(s.fp, 'UTF8')), 'base64'), 22), '+/', '-_')
                  || '|' || s.occurrence AS external_id,
                CASE WHEN s.error IS NULL THEN nextval(?::regclass) END AS settlement_id
           FROM (SELECT l.*, row_number() OVER (PARTITION BY l.fp ORDER BY l.ord)::int AS occurrence
                   FROM ${load} l) s
          ORDER BY s.ord`,
        [unit, sequence[0].name],
      );
      await trx.raw(`DROP TABLE ${load}`);
      await trx.raw(`CREATE UNIQUE INDEX ON ${table} (ord)`);
      await trx.raw(`ANALYZE ${table}`);
      options.signal.throwIfAborted();
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
    private readonly onRows?: (rows: number) => void,
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
      this.onRows?.(this.rows);
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.chunk) this.push(this.chunk);
    this.onRows?.(this.rows);
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

function checked(table: string): string {
  if (!STAGING.test(table)) throw new Error(`not a staging table: ${table}`);
  return table;
}

/** A staged row `p`'s raw record, as the engine keeps a source record (2 bindings: unit, SHA-256). */
const RAW_JSON = `jsonb_strip_nulls(jsonb_build_object('bankReference', p.src_bank_reference,
    'amount', p.src_amount, 'valueDate', p.src_value_date, 'txnId', p.src_txn_id,
    'currency', p.src_currency))
  || jsonb_build_object('unit', ?::text, 'occurrence', p.occurrence, 'line', p.line,
    'fileSha256', ?::text)`;

/** A staged row `p`'s mapped settlement (2 bindings: unit, SHA-256). */
const MAPPED_JSON = `jsonb_build_object('bankReference', p.bank_reference, 'amount', p.amount,
    'currency', p.currency, 'valueDate', p.value_date, 'txnId', p.txn_id,
    'unit', ?::text, 'occurrence', p.occurrence, 'sourceId', NULL,
    'lineNumber', p.line, 'fileSha256', ?::text)`;

/**
 * Makes a staged file the file's settlements, in `trx` (the file's one
 * transaction), writing each row once:
 * - its ledger row (INGESTED; the detail says what changed);
 * - with no earlier version held: every row that maps inserted, with the id
 *   staging drew for it, and its SYNCED external reference (raw and mapped);
 * - with an earlier version held: its rows the file no longer holds removed
 *   with their references, those it repeats updated (kept: same settlement,
 *   now of this file), the rest inserted; references upserted;
 * - every row that does not map skipped as INVALID_RECORD (skipped_records,
 *   a WARN log line, a FAILED reference).
 */
export async function ingestStagedFile(
  trx: Knex.Transaction,
  run: { id: number; connectorId: number },
  file: {
    table: string;
    name: string;
    sha256: string;
    sizeBytes: number;
    rows: number;
    cycleDate: string | null;
  },
): Promise<IngestCounts> {
  const table = checked(file.table);
  const { connectorId } = run;
  const { name: unit, sha256 } = file;
  // The anti-joins of a changed file hash the file's identities: in memory, not on disk.
  await trx.raw(`SET LOCAL work_mem = '64MB'`);
  // Rows of a version whose run stopped before this path wrote files once: never visible.
  await trx.raw(
    `WITH gone AS (
       DELETE FROM settlements WHERE connector_id = ? AND unit = ?
          AND pending_sha256 IS NOT NULL AND ingested_sha256 IS NULL
       RETURNING external_id
     )
     DELETE FROM external_references r USING gone
      WHERE r.connector_id = ? AND r.entity_type = 'settlement'
        AND r.external_id = gone.external_id AND r.status = 'SYNCED'`,
    [connectorId, unit, connectorId],
  );
  const held = (await trx('settlements').where({ connectorId, unit }).first('id')) !== undefined;
  const changed =
    (await trx('sourceFiles')
      .where({ connectorId, name: unit, status: 'INGESTED' })
      .first('id')) !== undefined;
  const [ledger] = (await trx('sourceFiles')
    .insert({
      connectorId,
      runId: run.id,
      name: unit,
      sha256,
      sizeBytes: file.sizeBytes,
      rows: file.rows,
      cycleDate: file.cycleDate,
      status: 'INGESTED',
    })
    .returning('id')) as { id: number }[];

  let removed = 0;
  let kept = 0;
  if (held) {
    const gone = await trx.raw<{ rows: { removed: number }[] }>(
      `WITH gone AS (
         DELETE FROM settlements s WHERE s.connector_id = ? AND s.unit = ?
            AND NOT EXISTS (SELECT 1 FROM ${table} p
                             WHERE p.error IS NULL AND p.external_id = s.external_id)
         RETURNING s.external_id
       ), refs AS (
         DELETE FROM external_references r USING gone
          WHERE r.connector_id = ? AND r.entity_type = 'settlement'
            AND r.external_id = gone.external_id AND r.status = 'SYNCED'
       )
       SELECT count(*)::int AS removed FROM gone`,
      [connectorId, unit, connectorId],
    );
    removed = gone.rows[0].removed;
    const updated = await trx.raw<{ rowCount: number }>(
      `UPDATE settlements s SET line_number = p.line, bank_reference = p.bank_reference,
              amount = p.amount::numeric, currency = p.currency, value_date = p.value_date::date,
              txn_id = p.txn_id, run_id = ?, source_file_id = ?, ingested_sha256 = ?,
              pending_sha256 = NULL, source_version = NULL, updated_at = now()
         FROM ${table} p
        WHERE s.connector_id = ? AND s.unit = ? AND s.external_id = p.external_id
          AND p.error IS NULL`,
      [run.id, ledger.id, sha256, connectorId, unit],
    );
    kept = updated.rowCount;
  }

  const inserted = await trx.raw<{ rowCount: number }>(
    `INSERT INTO settlements (id, connector_id, run_id, external_id, unit, bank_reference, amount,
         currency, value_date, txn_id, line_number, source_file_id, ingested_sha256)
     OVERRIDING SYSTEM VALUE
     SELECT p.settlement_id, ?, ?, p.external_id, ?, p.bank_reference, p.amount::numeric,
            p.currency, p.value_date::date, p.txn_id, p.line, ?, ?
       FROM ${table} p
      WHERE p.error IS NULL
      ${held ? 'AND NOT EXISTS (SELECT 1 FROM settlements s WHERE s.connector_id = ? AND s.external_id = p.external_id)' : ''}`,
    [connectorId, run.id, unit, ledger.id, sha256, ...(held ? [connectorId] : [])],
  );
  const created = inserted.rowCount;

  // Each settlement's reference: a new one's id is the one staging drew; a kept one's, its own.
  await trx.raw(
    `INSERT INTO external_references AS r (connector_id, entity_type, status, run_id, updated_at,
         external_id, internal_id, payload_hash, raw, mapped)
     SELECT ?, 'settlement', 'SYNCED', ?, now(), p.external_id, ${held ? 's.id' : 'p.settlement_id'},
            encode(sha256(convert_to(p.raw::text, 'UTF8')), 'hex'), p.raw, ${MAPPED_JSON}
       -- OFFSET 0: raw is built once per row, not once per use
       FROM (SELECT p.*, ${RAW_JSON} AS raw FROM ${table} p WHERE p.error IS NULL OFFSET 0) p
       ${held ? 'JOIN settlements s ON s.connector_id = ? AND s.external_id = p.external_id' : ''}
     ON CONFLICT (connector_id, entity_type, external_id) DO UPDATE SET
       internal_id = excluded.internal_id, payload_hash = excluded.payload_hash,
       raw = excluded.raw, mapped = excluded.mapped, status = excluded.status,
       reason = NULL, error = NULL, run_id = excluded.run_id, updated_at = excluded.updated_at`,
    [connectorId, run.id, unit, sha256, unit, sha256, ...(held ? [connectorId] : [])],
  );

  const invalid = await trx.raw<{ rows: { skipped: number }[] }>(
    `WITH k AS (
       SELECT p.external_id, p.error AS message, ${RAW_JSON} AS raw
         FROM ${table} p WHERE p.error IS NOT NULL OFFSET 0
     ), skipped_rows AS (
       INSERT INTO skipped_records (run_id, connector_id, external_id, reason, message, raw)
       SELECT ?, ?, k.external_id, 'INVALID_RECORD', k.message,
              CASE WHEN octet_length(k.raw::text) <= ${SKIPPED_RAW_LIMIT} THEN k.raw
                   ELSE jsonb_build_object('truncated', true, 'bytes', octet_length(k.raw::text)) END
         FROM k
     ), skipped_logs AS (
       INSERT INTO run_logs (run_id, level, message, external_id)
       SELECT ?, 'WARN', 'skipped INVALID_RECORD: ' || k.message, k.external_id FROM k
     ), failed_refs AS (
       INSERT INTO external_references (connector_id, entity_type, status, run_id, updated_at,
           external_id, reason, error, payload_hash, raw, mapped)
       SELECT ?, 'settlement', 'FAILED', ?, now(), k.external_id, 'INVALID_RECORD',
              left(k.message, 1000), encode(sha256(convert_to(k.raw::text, 'UTF8')), 'hex'), k.raw, NULL
         FROM k
       ON CONFLICT (connector_id, entity_type, external_id) DO UPDATE SET
         reason = excluded.reason, error = excluded.error, payload_hash = excluded.payload_hash,
         raw = excluded.raw, run_id = excluded.run_id, updated_at = excluded.updated_at
       WHERE external_references.status = 'FAILED'
     )
     SELECT count(*)::int AS skipped FROM k`,
    [unit, sha256, run.id, connectorId, run.id, connectorId, run.id],
  );
  const { skipped } = invalid.rows[0];

  const detail = changed
    ? `changed since last ingested: ${created} added, ${removed} removed, ${kept} kept`
    : `${created} settlements`;
  await trx('sourceFiles').where({ id: ledger.id }).update({ detail });
  await trx('runLogs').insert({
    runId: run.id,
    level: 'INFO',
    message: `${unit}: INGESTED, ${file.rows} rows; ${detail}`,
    externalId: unit,
  });
  return { created, updated: kept, skipped, removed, changed };
}
