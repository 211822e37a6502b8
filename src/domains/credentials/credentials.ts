/**
 * The credential domain's data: what a credential's hash covers, the uid it
 * gets, how stored credentials are looked up by their two unique keys, and
 * how a page of them is written. The sync pipeline (pipeline.ts) and direct
 * issuing (CredentialService) both go through these.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { keccak256HexOfText, loadKeccak } from './anchoring/keccak';
import { buildTree } from './anchoring/merkle';
import type { CanonicalCredential } from './canonical';
import { canonicalJsonOf } from '../../pipeline/canonical-json';
import type { Candidate, Held, PageWritten, WriteOrigin } from '../../pipeline/types';
import { recordCredentialsIssued } from '../../events/emit';

/** A credential's facts: the canonical shape plus the metadata kept with it. */
export type CredentialData = CanonicalCredential & { metadata?: Record<string, unknown> };

/** What `dataHash` covers, as a plain object: issuer name, then the credential's facts. */
export interface CanonicalCredentialData {
  type: 'TributaryCredential/v1';
  issuer: string;
  externalId: string;
  learnerEmail: string;
  title: string;
  issuedAt: string;
  completionDate: string | null;
  maxHours: number | null;
  metadata: Record<string, unknown>;
}

export function canonicalCredentialData(
  issuer: string,
  credential: Omit<CredentialData, 'pdfUrl' | 'cursor'>,
): CanonicalCredentialData {
  return {
    type: 'TributaryCredential/v1',
    issuer,
    externalId: credential.externalId,
    learnerEmail: credential.learnerEmail,
    title: credential.title,
    issuedAt: credential.issuedAt.toISOString(),
    completionDate: credential.completionDate?.toISOString() ?? null,
    maxHours: credential.maxHours,
    metadata: credential.metadata ?? {},
  };
}

/**
 * keccak256 over the UTF-8 bytes of the RFC 8785 (JCS) canonical JSON of
 * `canonicalCredentialData`: any change to issuer, external id, learner email,
 * title, dates, hours or metadata changes it. keccak256 so that the hash is a
 * bytes32 leaf a verifier (or a contract) checks with the same primitive as
 * the Merkle tree.
 */
export function credentialDataHash(
  issuer: string,
  credential: Omit<CredentialData, 'pdfUrl' | 'cursor'>,
): string {
  return hashCanonical(canonicalCredentialData(issuer, credential));
}

export function hashCanonical(data: CanonicalCredentialData): string {
  return keccak256HexOfText(canonicalJson(data));
}

/**
 * canonicalize(data), the JCS text hashed: its fixed keys sorted once, not on
 * every call (hashing is on every record's path).
 */
export const canonicalJson: (data: CanonicalCredentialData) => string = canonicalJsonOf([
  'type',
  'issuer',
  'externalId',
  'learnerEmail',
  'title',
  'issuedAt',
  'completionDate',
  'maxHours',
  'metadata',
] satisfies (keyof CanonicalCredentialData)[]);

/** Public, unguessable: 128 random bits, base64url. */
export function newCredentialUid(): string {
  return randomBytes(16).toString('base64url');
}

/** `count` uids from one read of the random source (one per page, not per record). */
export function newCredentialUids(count: number): string[] {
  const bytes = randomBytes(16 * count);
  return Array.from({ length: count }, (_, i) =>
    bytes.subarray(16 * i, 16 * i + 16).toString('base64url'),
  );
}

/** A credential as the pipeline carries it: its facts, and its stored PDF once fetched. */
export interface CredentialEntity extends CredentialData {
  /** CID of the certificate PDF, once fetched and stored. */
  pdfCid?: string | null;
}

/** The (learner, title) key, as the unique index compares it. */
export function learnerTitleKey(email: string, title: string): string {
  return `${email.toLowerCase()}\u0000${title}`;
}

/**
 * The credentials an issuer holds under any of these external ids or
 * (learner, title) pairs, as the engine's dedupe reads them.
 */
export async function lookupCredentials(
  db: Knex,
  issuerId: number,
  credentials: CanonicalCredential[],
): Promise<Held[]> {
  if (credentials.length === 0) return [];
  // Two index lookups per record, one per unique key, instead of an OR that
  // no index serves: the OR made every page scan the whole table, so a run's
  // cost grew with the square of its size. LIMIT 1 keeps the plan an index
  // probe even before the table has statistics (a first import). Each key
  // leads with its distinguishing column, not issuer_id, so no other index
  // can serve a probe on issuer_id alone once statistics exist but miss this
  // issuer (migration 20261202100000_credential_keys; test/lookup-plans.test.ts).
  const result = await db.raw<{ rows: ExistingRow[] }>(
    `SELECT c.external_id AS "externalId", c.learner_email AS "learnerEmail",
            c.title, c.data_hash AS "dataHash"
       FROM unnest(?::text[]) AS k(external_id)
       CROSS JOIN LATERAL (SELECT * FROM credentials
                            WHERE issuer_id = ? AND external_id = k.external_id LIMIT 1) c
     UNION
     SELECT c.external_id, c.learner_email, c.title, c.data_hash
       FROM unnest(?::text[], ?::text[]) AS k(email, title)
       CROSS JOIN LATERAL (SELECT * FROM credentials
                            WHERE issuer_id = ? AND lower(learner_email) = k.email
                              AND title = k.title LIMIT 1) c`,
    [
      credentials.map((c) => c.externalId),
      issuerId,
      credentials.map((c) => c.learnerEmail.toLowerCase()),
      credentials.map((c) => c.title),
      issuerId,
    ],
  );
  return result.rows.map((row) => ({
    externalId: row.externalId,
    version: row.dataHash,
    keys: [learnerTitleKey(row.learnerEmail, row.title)],
  }));
}

interface ExistingRow {
  externalId: string;
  learnerEmail: string;
  title: string;
  dataHash: string;
}

/**
 * Writes a planned page of credentials (created or updated), learners claimed
 * by email, as one anchoring group (one statement), then a CREDENTIAL_ISSUED
 * event for each new one (one statement). `version` is each one's data hash.
 */
export async function writeCredentialRows(
  trx: Knex.Transaction,
  issuerId: number,
  candidates: Candidate<CredentialEntity>[],
  origin: WriteOrigin,
): Promise<PageWritten> {
  if (candidates.length === 0) return { rows: [] };
  // The page's credentials form one anchoring group: its tree is built now, so each
  // row is written with its proof and never touched again by anchoring.
  await loadKeccak();
  const tree = buildTree(candidates.map((c) => c.version));
  const uids = newCredentialUids(candidates.length);
  // The page as one JSON array of rows (jsonb_to_recordset): one bind parameter,
  // serialized by JSON.stringify, rather than an array per column whose every
  // element the driver escapes (Postgres parses and plans 20,000 parameters slowly).
  const page = JSON.stringify(
    candidates.map(({ entity, version }, i) => ({
      uid: uids[i],
      external_id: entity.externalId,
      learner_email: entity.learnerEmail,
      title: entity.title,
      issued_at: entity.issuedAt,
      completion_date: entity.completionDate,
      max_hours: entity.maxHours,
      data_hash: version,
      pdf_url: entity.pdfUrl ?? null,
      pdf_cid: entity.pdfCid ?? null,
      metadata: entity.metadata ?? {},
      merkle_proof: tree.proofs[i],
      ord: i,
    })),
  );
  // Learners are claimed by email in the same statement: a learner with the address
  // makes the credential ISSUED to them, else it is UNCLAIMED. Rows go in in page order.
  // An update keeps its uid, status (a REVOKED credential stays revoked), learner and
  // creation time; its data hash changed, so it moves to this page's group and the next
  // batch. The group goes in with the rows (a data-modifying CTE): one round trip.
  const written = (
    await trx.raw<{
      rows: { id: number; externalId: string; inserted: boolean; uid: string; status: string }[];
    }>(
      `WITH grp AS (
         INSERT INTO anchor_groups (merkle_root, leaf_count) VALUES (?, ?) RETURNING id
       )
       INSERT INTO credentials
         (uid, issuer_id, connector_id, run_id, anchor_group_id, updated_at, external_id,
          learner_email, learner_id, title, issued_at, completion_date, max_hours, status,
          data_hash, pdf_url, pdf_cid, metadata, merkle_proof)
       SELECT u.uid, ?, ?, ?, (SELECT id FROM grp), ?, u.external_id, u.learner_email, l.id,
              u.title, u.issued_at, u.completion_date, u.max_hours,
              CASE WHEN l.id IS NULL THEN 'UNCLAIMED' ELSE 'ISSUED' END, u.data_hash,
              u.pdf_url, u.pdf_cid, u.metadata, u.merkle_proof
         FROM jsonb_to_recordset(?::jsonb)
           AS u(uid text, external_id text, learner_email text, title text,
                issued_at timestamptz, completion_date timestamptz, max_hours numeric,
                data_hash text, pdf_url text, pdf_cid text, metadata jsonb,
                merkle_proof jsonb, ord bigint)
         LEFT JOIN LATERAL (SELECT id FROM learners
                             WHERE lower(email) = lower(u.learner_email) LIMIT 1) l ON true
         ORDER BY u.ord
       ON CONFLICT (issuer_id, external_id) DO UPDATE SET
         connector_id = excluded.connector_id, run_id = excluded.run_id,
         learner_email = excluded.learner_email, title = excluded.title,
         issued_at = excluded.issued_at, completion_date = excluded.completion_date,
         max_hours = excluded.max_hours, data_hash = excluded.data_hash,
         pdf_url = excluded.pdf_url, pdf_cid = coalesce(excluded.pdf_cid, credentials.pdf_cid),
         metadata = excluded.metadata, anchor_group_id = excluded.anchor_group_id,
         merkle_proof = excluded.merkle_proof, updated_at = excluded.updated_at
       RETURNING id, external_id AS "externalId", (xmax = 0) AS inserted, uid, status`,
      [tree.root, candidates.length, issuerId, origin.connectorId, origin.runId, new Date(), page],
    )
  ).rows;
  // CREDENTIAL_ISSUED for each new credential, in this transaction: one insert per page.
  // (Folded into the statement above as a third CTE it saved a round trip but cost
  // Postgres about 10 % more CPU per page, measured per backend.)
  const byExternalId = new Map(candidates.map((c) => [c.entity.externalId, c]));
  await recordCredentialsIssued(
    trx,
    written
      .filter((row) => row.inserted)
      .map((row) => {
        const { entity, raw } = byExternalId.get(row.externalId)!;
        return { ...entity, uid: row.uid, status: row.status, raw };
      }),
  );
  return {
    rows: written.map(({ id, externalId, inserted }) => ({
      id,
      externalId,
      inserted,
      internalId: id,
    })),
  };
}
