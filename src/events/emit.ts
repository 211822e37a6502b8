/**
 * The events the hub emits, each written in the transaction of the change it
 * reports (the outbox): CREDENTIAL_ISSUED per new credential, in one insert
 * per page; CREDENTIAL_CLAIMED when a learner's registration claims a
 * credential; RUN_COMPLETED / RUN_FAILED when a run ends.
 */
import type { Knex } from 'knex';
import type { EventType } from './outbox';

type Db = Knex | Knex.Transaction;

/**
 * Many events of one type in one INSERT, the page as one JSON array of rows
 * (as the credential page itself is written), ids given in the array's order:
 * one statement and two parameters per page, not three per event.
 */
export async function recordEventsOfType(
  db: Db,
  type: EventType,
  events: readonly { key: string | null; payload: Record<string, unknown> }[],
): Promise<void> {
  if (events.length === 0) return;
  await db.raw(
    `INSERT INTO outbox_events (type, key, payload)
     SELECT ?, e.value ->> 'key', e.value -> 'payload'
       FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS e(value, n)
      ORDER BY e.n`,
    [type, JSON.stringify(events)],
  );
}

/** A credential as the CREDENTIAL_ISSUED event tells it (the seed's fields, and the hub's). */
export interface IssuedCredential {
  uid: string;
  externalId: string;
  learnerEmail: string;
  title: string;
  issuedAt: Date;
  completionDate: Date | null;
  status: string;
  /** The record as the source sent it: userId, courseId, names, expirationDate when present. */
  raw?: Record<string, unknown>;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== ''
    ? value
    : typeof value === 'number'
      ? String(value)
      : null;

const isoDate = (value: unknown): string | null => {
  const t = text(value);
  if (t === null) return null;
  const date = new Date(t);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/**
 * The event of one issued credential: key = the course id when the source
 * names one (the seed's courseId), else the credential's external id; data
 * = the seed's fields (certificate-event-publishing.md) and the hub's own.
 */
export function credentialIssuedEvent(credential: IssuedCredential): {
  key: string;
  payload: Record<string, unknown>;
} {
  const raw = credential.raw ?? {};
  const courseId = text(raw.courseId) ?? text(raw.course_id) ?? credential.externalId;
  return {
    key: courseId,
    payload: {
      userId: text(raw.userId) ?? text(raw.user_id) ?? credential.learnerEmail,
      learner: credential.learnerEmail,
      courseId,
      courseName: text(raw.courseName) ?? credential.title,
      certificateId: credential.uid,
      externalId: credential.externalId,
      firstName: text(raw.firstName) ?? text(raw.first_name),
      lastName: text(raw.lastName) ?? text(raw.last_name),
      issuanceDate: credential.issuedAt.toISOString(),
      completionDate: credential.completionDate?.toISOString() ?? null,
      expirationDate: isoDate(raw.expirationDate) ?? isoDate(raw.expiration_date),
      status: credential.status,
    },
  };
}

/** CREDENTIAL_ISSUED for each new credential of a page, in one insert. */
export async function recordCredentialsIssued(
  db: Db,
  credentials: readonly IssuedCredential[],
): Promise<void> {
  await recordEventsOfType(db, 'CREDENTIAL_ISSUED', credentials.map(credentialIssuedEvent));
}

/** CREDENTIAL_CLAIMED for each credential a learner's registration claimed. */
export async function recordCredentialsClaimed(
  db: Db,
  learner: { id: number; email: string },
  credentials: readonly { uid: string; externalId: string; title: string }[],
): Promise<void> {
  await recordEventsOfType(
    db,
    'CREDENTIAL_CLAIMED',
    credentials.map((credential) => ({
      key: credential.externalId,
      payload: {
        certificateId: credential.uid,
        externalId: credential.externalId,
        courseName: credential.title,
        learner: learner.email,
        learnerId: learner.id,
        status: 'ISSUED',
      },
    })),
  );
}

/** RUN_COMPLETED (SUCCESS, PARTIAL_SUCCESS) or RUN_FAILED (FAILED) of an ended run; others: none. */
export async function recordRunEnded(
  db: Db,
  run: {
    id: number;
    connectorId: number;
    type: string;
    status: string;
    errorMessage?: string | null;
    recordsFetched?: number;
    recordsCreated?: number;
    recordsUpdated?: number;
    recordsSkipped?: number;
    recordsFailed?: number;
    startedAt?: Date | null;
    completedAt?: Date | null;
  },
): Promise<void> {
  const type: EventType | null =
    run.status === 'SUCCESS' || run.status === 'PARTIAL_SUCCESS'
      ? 'RUN_COMPLETED'
      : run.status === 'FAILED'
        ? 'RUN_FAILED'
        : null;
  if (!type) return;
  const when = (value: Date | null | undefined) => (value ? new Date(value).toISOString() : null);
  await recordEventsOfType(db, type, [
    {
      key: `connector:${run.connectorId}`,
      payload: {
        runId: run.id,
        connectorId: run.connectorId,
        runType: run.type,
        status: run.status,
        errorMessage: run.errorMessage ?? null,
        recordsFetched: run.recordsFetched ?? 0,
        recordsCreated: run.recordsCreated ?? 0,
        recordsUpdated: run.recordsUpdated ?? 0,
        recordsSkipped: run.recordsSkipped ?? 0,
        recordsFailed: run.recordsFailed ?? 0,
        startedAt: when(run.startedAt),
        completedAt: when(run.completedAt),
      },
    },
  ]);
}
