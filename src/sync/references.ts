/**
 * external_references, for every entity alike: (connector, entity type,
 * external id) -> the internal row, with the raw record, its hash and the
 * mapped payload (SYNCED); or, for a record the hub could not map or store,
 * the raw record with its reason and error (FAILED: the `records` query
 * lists them, a later remap can take them up). One statement per page each.
 */
import type { Knex } from 'knex';
import type { SkippedRecord, SkipReason } from '../pipeline/page-outcome';
import type { Candidate, WrittenRow } from '../pipeline/types';
import { sha256Hex } from '../pipeline/sha256';

type RawText = (raw: Record<string, unknown>) => string;

/**
 * The SYNCED references of a page's written rows; a FAILED one of the same
 * record is replaced. The page goes to Postgres as one JSON array of rows
 * (jsonb_to_recordset): each record's raw JSON text, made once when the page
 * was planned, and its mapped JSON are written into it as they are, never
 * serialized again nor escaped as array elements (what per-column arrays
 * cost the hub, per record, most of all).
 */
export async function upsertReferences(
  trx: Knex.Transaction,
  origin: { connectorId: number; runId: number | null; entityType: string },
  candidates: Candidate<unknown>[],
  rows: WrittenRow[],
  text: { rawText: RawText; payload(entity: unknown): unknown },
): Promise<void> {
  const idByExternalId = new Map(rows.map((row) => [row.externalId, row.internalId]));
  const page: string[] = [];
  for (const candidate of candidates) {
    const raw = candidate.rawJson ?? text.rawText(candidate.raw);
    const internalId = idByExternalId.get(candidate.externalId) ?? null;
    page.push(
      `{"external_id":${JSON.stringify(candidate.externalId)},"internal_id":${internalId === null ? 'null' : String(internalId)},` +
        `"payload_hash":"${sha256Hex(raw)}",` +
        `"raw":${raw},"mapped":${JSON.stringify(text.payload(candidate.entity)) ?? 'null'}}`,
    );
  }
  await trx.raw(
    `INSERT INTO external_references
       (connector_id, entity_type, status, run_id, updated_at, external_id, internal_id,
        payload_hash, raw, mapped)
     SELECT ?, ?, 'SYNCED', ?, ?, u.external_id, u.internal_id, u.payload_hash, u.raw, u.mapped
       FROM jsonb_to_recordset(?::jsonb)
         AS u(external_id text, internal_id bigint, payload_hash text, raw jsonb, mapped jsonb)
     ON CONFLICT (connector_id, entity_type, external_id) DO UPDATE SET
       internal_id = excluded.internal_id, payload_hash = excluded.payload_hash,
       raw = excluded.raw, mapped = excluded.mapped, status = excluded.status,
       reason = NULL, error = NULL, run_id = excluded.run_id, updated_at = excluded.updated_at`,
    [origin.connectorId, origin.entityType, origin.runId, new Date(), `[${page.join(',')}]`],
  );
}

/*
 * FAILED references: a record without an external id cannot be keyed and
 * stays only in skipped_records. A reference already SYNCED is left alone: it
 * describes what the hub holds.
 */

/** The reasons that mean "could not be mapped or stored"; DUPLICATE and the like are not failures. */
export const FAILED_REASONS: readonly SkipReason[] = [
  'INVALID_RECORD',
  'MAPPING_FAILED',
  'PROCESSING_FAILED',
];

/** Upserts the page's failed records (one statement); returns how many it wrote. */
export async function writeFailedRecords(
  trx: Knex.Transaction | Knex,
  input: { connectorId: number; runId: number | null; entityType: string },
  skipped: SkippedRecord[],
  rawText: RawText = (raw) => JSON.stringify(raw),
): Promise<number> {
  const byId = new Map<string, SkippedRecord>();
  for (const record of skipped) {
    if (record.externalId !== null && FAILED_REASONS.includes(record.reason)) {
      byId.set(record.externalId, record);
    }
  }
  const failed = [...byId.values()];
  if (failed.length === 0) return 0;
  const raws = failed.map((record) => rawText(record.raw));
  const { rowCount } = await trx.raw<{ rowCount: number }>(
    `INSERT INTO external_references
       (connector_id, entity_type, status, run_id, updated_at, external_id, reason, error,
        payload_hash, raw, mapped)
     SELECT ?, ?, 'FAILED', ?, now(), u.external_id, u.reason, u.error, u.payload_hash, u.raw,
            NULL
       FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::jsonb[])
         AS u(external_id, reason, error, payload_hash, raw)
     ON CONFLICT (connector_id, entity_type, external_id) DO UPDATE SET
       reason = excluded.reason, error = excluded.error, payload_hash = excluded.payload_hash,
       raw = excluded.raw, run_id = excluded.run_id, updated_at = excluded.updated_at
     WHERE external_references.status = 'FAILED'`,
    [
      input.connectorId,
      input.entityType,
      input.runId,
      failed.map((record) => record.externalId),
      failed.map((record) => record.reason),
      failed.map((record) => record.message.slice(0, 1000)),
      raws.map(sha256Hex),
      raws,
    ] as unknown as Knex.RawBinding[],
  );
  return rowCount;
}
