/**
 * Data access for inbound webhooks: the sealed signing secrets of each
 * connector, the signatures already accepted, and the records a request
 * pushed until its run consumes them. Plain functions, the knex handle (or a
 * transaction) first.
 *
 * Glossary
 * - secret: the current signing secret; `previous`: the one it replaced,
 *   still accepted until `previousValidUntil` (a rotation's grace period).
 * - push: the records of one accepted request, keyed by the run they feed.
 */
import type { Knex } from 'knex';
import type { Sealed } from '../security/secret-box';

type Db = Knex | Knex.Transaction;

export interface InboundWebhookRow {
  connectorId: number;
  secret: Sealed;
  secretSetAt: Date;
  previous: Sealed | null;
  previousValidUntil: Date | null;
}

interface Row {
  connectorId: string | number;
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  keyId: string;
  secretSetAt: Date;
  previousCiphertext: Buffer | null;
  previousIv: Buffer | null;
  previousTag: Buffer | null;
  previousKeyId: string | null;
  previousValidUntil: Date | null;
}

function fromRow(row: Row): InboundWebhookRow {
  return {
    connectorId: Number(row.connectorId),
    secret: { ciphertext: row.ciphertext, iv: row.iv, tag: row.tag, keyId: row.keyId, bound: true },
    secretSetAt: row.secretSetAt,
    previous:
      row.previousCiphertext && row.previousIv && row.previousTag && row.previousKeyId
        ? {
            ciphertext: row.previousCiphertext,
            iv: row.previousIv,
            tag: row.previousTag,
            keyId: row.previousKeyId,
            bound: true,
          }
        : null,
    previousValidUntil: row.previousValidUntil,
  };
}

export async function getInboundWebhook(
  db: Db,
  connectorId: number,
  options: { forUpdate?: boolean } = {},
): Promise<InboundWebhookRow | undefined> {
  const query = db<Row>('inboundWebhooks').where({ connectorId }).first();
  if (options.forUpdate) void query.forUpdate();
  const row = (await query) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

/** When each of `connectorIds` that has an inbound webhook got its secret. */
export async function secretSetAtOf(
  db: Db,
  connectorIds: readonly number[],
): Promise<Map<number, Date>> {
  const rows = (await db('inboundWebhooks')
    .whereIn('connectorId', connectorIds)
    .select('connectorId', 'secretSetAt')) as { connectorId: string | number; secretSetAt: Date }[];
  return new Map(rows.map((row) => [Number(row.connectorId), row.secretSetAt]));
}

/** Stores `secret` as current; the current one, if any, becomes `previous` until `graceUntil`. */
export async function putSecret(
  trx: Knex.Transaction,
  connectorId: number,
  secret: Sealed,
  rotatedPrevious: { sealed: Sealed; validUntil: Date } | null,
): Promise<Date> {
  const setAt = new Date();
  const row = {
    connectorId,
    ciphertext: secret.ciphertext,
    iv: secret.iv,
    tag: secret.tag,
    keyId: secret.keyId,
    secretSetAt: setAt,
    previousCiphertext: rotatedPrevious?.sealed.ciphertext ?? null,
    previousIv: rotatedPrevious?.sealed.iv ?? null,
    previousTag: rotatedPrevious?.sealed.tag ?? null,
    previousKeyId: rotatedPrevious?.sealed.keyId ?? null,
    previousValidUntil: rotatedPrevious?.validUntil ?? null,
  };
  await trx('inboundWebhooks').insert(row).onConflict('connectorId').merge();
  return setAt;
}

export async function deleteInboundWebhook(db: Db, connectorId: number): Promise<boolean> {
  return (await db('inboundWebhooks').where({ connectorId }).delete()) > 0;
}

/**
 * Records an accepted signature; false when it was already there (a replay).
 * Older rows go: their requests are refused as stale before they get here.
 */
export async function rememberSignature(
  trx: Knex.Transaction,
  connectorId: number,
  signature: string,
  forgetBefore: Date,
): Promise<boolean> {
  await trx('inboundWebhookSignatures').where('receivedAt', '<', forgetBefore).delete();
  const inserted = (await trx('inboundWebhookSignatures')
    .insert({ connectorId, signature })
    .onConflict(['connectorId', 'signature'])
    .ignore()
    .returning('signature')) as unknown[];
  return inserted.length === 1;
}

export interface Push {
  runId: number;
  stream: string;
  records: Record<string, unknown>[];
}

export async function insertPush(
  trx: Knex.Transaction,
  push: Push & { connectorId: number },
): Promise<void> {
  await trx('inboundPushes').insert({
    runId: push.runId,
    connectorId: push.connectorId,
    stream: push.stream,
    records: JSON.stringify(push.records),
  });
}

/**
 * The push `runId` consumes. A RETRY of a run whose push was not consumed
 * takes it over, so a retry of the retry still finds it.
 */
export async function takePush(
  db: Db,
  run: { id: number; retryOf: number | null },
): Promise<Push | undefined> {
  if (run.retryOf !== null) {
    await db('inboundPushes').where({ runId: run.retryOf }).update({ runId: run.id });
  }
  const row = (await db('inboundPushes').where({ runId: run.id }).first()) as
    { runId: string | number; stream: string; records: Record<string, unknown>[] } | undefined;
  return row ? { runId: Number(row.runId), stream: row.stream, records: row.records } : undefined;
}

/** Drops a consumed push: called in the transaction that wrote its last records. */
export async function dropPush(trx: Knex.Transaction, runId: number): Promise<void> {
  await trx('inboundPushes').where({ runId }).delete();
}

/**
 * How long the push of a run that ended without consuming it (FAILED, or
 * CANCELLED, even while QUEUED) is kept for a retryRun of that run.
 */
export const PUSH_RETENTION_DAYS = 7;

/**
 * Removes the pushes of runs that ended more than PUSH_RETENTION_DAYS ago,
 * unless a retry of the run is queued or running (it takes the push over when
 * it starts). A retry of such a run finds no push and polls the source, as a
 * retry of any sync does. Returns how many went.
 */
export async function purgeExpiredPushes(db: Db): Promise<number> {
  const { rowCount } = (await db.raw(
    `DELETE FROM inbound_pushes p
      USING runs r
      WHERE r.id = p.run_id
        AND r.status NOT IN ('QUEUED', 'RUNNING')
        AND r.completed_at < now() - make_interval(days => ?)
        -- The active sync runs are few (the partial index of one per connector holds them).
        AND p.run_id NOT IN (
          SELECT retry_of FROM runs
           WHERE status IN ('QUEUED', 'RUNNING') AND type <> 'TEST' AND job_kind = 'SYNC'
             AND retry_of IS NOT NULL)`,
    [PUSH_RETENTION_DAYS],
  )) as { rowCount: number | null };
  return rowCount ?? 0;
}
