/**
 * Records the hub could not map, kept in external_references as FAILED with
 * their reason and error (the `records` query lists them; a later remap can
 * take them up), for any entity. A record without an external id cannot be
 * keyed and stays only in skipped_records. A reference already MAPPED
 * (SYNCED) is left alone: it describes what the hub holds.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { stringify } from 'lossless-json';
import type { SkippedRecord, SkipReason } from '../sync/page-outcome';

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
): Promise<number> {
  const byId = new Map<string, SkippedRecord>();
  for (const record of skipped) {
    if (record.externalId !== null && FAILED_REASONS.includes(record.reason)) {
      byId.set(record.externalId, record);
    }
  }
  const failed = [...byId.values()];
  if (failed.length === 0) return 0;
  const raws = failed.map((record) => stringify(record.raw) ?? '{}');
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
      raws.map((raw) => createHash('sha256').update(raw).digest('hex')),
      raws,
    ] as unknown as Knex.RawBinding[],
  );
  return rowCount;
}
