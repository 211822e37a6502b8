/**
 * The transactional outbox: `recordEvents(trx, events)` writes events in the
 * caller's transaction, beside the change they report. Nothing here sends
 * anything; a dispatcher reads `outbox_events` after commit.
 *
 * Glossary
 * - event type: what happened (EVENT_TYPES, the contract's EventType).
 * - key: the ordering/partition key (e.g. the course id of a
 *   CREDENTIAL_ISSUED); events with one key are delivered in id order.
 * - payload: the event's `data`, JSON.
 */
import type { Knex } from 'knex';

export const EVENT_TYPES = [
  'CREDENTIAL_ISSUED',
  'CREDENTIAL_CLAIMED',
  'RUN_COMPLETED',
  'RUN_FAILED',
  'RECONCILIATION_COMPLETED',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** One event to record. */
export interface OutboxEventInput {
  type: EventType;
  key: string | null;
  payload: Record<string, unknown>;
}

/** Rows per INSERT: 3 parameters each, far below Postgres's 65,535 cap. */
const CHUNK = 5_000;

/**
 * Writes `events` in `db` (pass the transaction of the change they report)
 * and returns their ids in input order.
 */
export async function recordEvents(
  db: Knex | Knex.Transaction,
  events: readonly OutboxEventInput[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let at = 0; at < events.length; at += CHUNK) {
    const rows = events.slice(at, at + CHUNK).map((event) => ({
      type: event.type,
      key: event.key,
      payload: JSON.stringify(event.payload),
    }));
    const inserted = await db('outbox_events').insert(rows).returning('id');
    for (const row of inserted as { id: string | number }[]) ids.push(Number(row.id));
  }
  return ids;
}
