/**
 * The credential pipeline, per page (providers.md, seed issuer-credential-sync):
 * normalize -> HOURS_EXCEEDED -> DUPLICATE -> VERIFICATION_FAILED ->
 * learner found: ISSUED, else UNCLAIMED -> credential row + external reference.
 *
 * Reads and verification happen before the page's transaction; the writes,
 * the run's counters and the cursor checkpoint happen in it (see executor.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Knex } from 'knex';
import { keccak256Hex, loadKeccak } from './anchoring/keccak';
import { insertGroup } from './anchoring/groups';
import type { BlobStore } from '../../blobs/blob-store';
import type { CanonicalCredential } from '../../connectors/domain';
import type { ConnectorContext, SyncCapability } from '../../connectors/types';
import { mapBounded } from '../../sync/concurrency';
import type { PageOutcome, SkippedRecord } from '../../sync/page-outcome';
import { hasNul } from '../../sync/storable';

/** Verify calls in flight at once, per run: bounded so a source is not flooded. */
const VERIFY_CONCURRENCY = 8;

export interface CredentialPageInput {
  issuerId: number;
  /** The issuer's name: part of every credential's hashed data. */
  issuerName: string;
  /** Where fetched certificate PDFs are stored; without it PDFs are not fetched. */
  blobs?: BlobStore;
  maxHours: number;
  connectorId: number;
  runId: number;
  records: Record<string, unknown>[];
}

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
  return keccak256Hex(Buffer.from(canonicalize(data) as string, 'utf8'));
}

/** Public, unguessable: 128 random bits, base64url. */
export function newCredentialUid(): string {
  return randomBytes(16).toString('base64url');
}

/** A run log line the page's transaction writes (why a PDF was not stored, say). */
export interface PageLog {
  level: 'INFO' | 'WARN';
  message: string;
  externalId: string;
}

export interface Candidate {
  raw: Record<string, unknown>;
  credential: CredentialData;
  dataHash: string;
  /** CID of the certificate PDF, once fetched and stored. */
  pdfCid?: string | null;
}

interface ExistingRow {
  externalId: string;
  learnerEmail: string;
  title: string;
  dataHash: string;
}

/** Certificate PDFs fetched at once, per page. */
const PDF_CONCURRENCY = 4;
/** A certificate larger than this is not stored. */
const PDF_MAX_BYTES = 25 * 1024 * 1024;

/**
 * Decides every record of a page and returns the writes to make; does not
 * write. The caller applies them with `writeCredentialPage` in the page's
 * transaction. Certificate PDFs are fetched and stored (content-addressed,
 * so a blob stored for a page that then rolls back is harmless) before it.
 */
export async function planCredentialPage<Config>(
  db: Knex,
  sync: SyncCapability<Config, unknown>,
  ctx: ConnectorContext<Config>,
  input: CredentialPageInput,
  /** Records of the page before, still being written: counted as held (see decideCredentials). */
  pending: Candidate[] = [],
): Promise<{ candidates: Candidate[]; skipped: SkippedRecord[]; logs: PageLog[] }> {
  const skipped: SkippedRecord[] = [];
  const normalized: { raw: Record<string, unknown>; credential: CredentialData }[] = [];
  for (const raw of input.records) {
    const result = sync.normalize(raw, ctx);
    if (result.ok && hasNul(raw)) {
      skipped.push({
        externalId: result.externalId,
        reason: 'INVALID_RECORD',
        message: 'contains a NUL character (U+0000), which cannot be stored',
        raw,
      });
      continue;
    }
    if (!result.ok) {
      skipped.push({
        externalId: result.externalId,
        reason: result.reason,
        message: result.message,
        raw,
      });
      continue;
    }
    const credential = result.record as CanonicalCredential;
    if (credential.maxHours !== null && credential.maxHours > input.maxHours) {
      skipped.push({
        externalId: credential.externalId,
        reason: 'HOURS_EXCEEDED',
        message: `${credential.maxHours} hours is above the limit of ${input.maxHours}`,
        raw,
      });
      continue;
    }
    normalized.push({ raw, credential });
  }

  const decided = await decideCredentials(
    db,
    input.issuerId,
    input.issuerName,
    normalized,
    pending,
  );
  skipped.push(...decided.skipped);
  let candidates = decided.candidates;
  if (sync.verify && sync.verifies?.(ctx.config)) {
    const verify = sync.verify.bind(sync);
    const verdicts = await mapBounded(candidates, VERIFY_CONCURRENCY, (candidate) =>
      verify(ctx, candidate.credential.externalId),
    );
    candidates = candidates.filter((candidate, index) => {
      if (verdicts[index]) return true;
      skipped.push({
        externalId: candidate.credential.externalId,
        reason: 'VERIFICATION_FAILED',
        message: 'the issuer did not confirm this credential',
        raw: candidate.raw,
      });
      return false;
    });
  }
  const logs = await storePdfs(sync, ctx, input.blobs, candidates);
  return { candidates, skipped, logs };
}

/**
 * Fetches each candidate's PDF with the connector's HTTP client (same
 * timeouts and retries) and stores it by CID. A PDF that cannot be fetched
 * or is not a PDF leaves the credential without pdfCid, and says why.
 */
async function storePdfs<Config>(
  sync: SyncCapability<Config, unknown>,
  ctx: ConnectorContext<Config>,
  blobs: BlobStore | undefined,
  candidates: Candidate[],
): Promise<PageLog[]> {
  const logs: PageLog[] = [];
  const withPdf = candidates.filter((c) => c.credential.pdfUrl);
  if (!blobs || !sync.fetchFile || withPdf.length === 0) return logs;
  const fetchFile = sync.fetchFile.bind(sync);
  await mapBounded(withPdf, PDF_CONCURRENCY, async (candidate) => {
    const externalId = candidate.credential.externalId;
    try {
      const bytes = await fetchFile(ctx, candidate.credential.pdfUrl!);
      if (bytes.length > PDF_MAX_BYTES) throw new Error(`larger than ${PDF_MAX_BYTES} bytes`);
      if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') {
        throw new Error('the file is not a PDF');
      }
      candidate.pdfCid = await blobs.put(bytes);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      const reason = error instanceof Error ? error.message.slice(0, 300) : 'unknown error';
      logs.push({
        level: 'WARN',
        externalId,
        message: `certificate PDF not stored (credential kept without it): ${reason}`,
      });
    }
  });
  return logs;
}

/**
 * The dedupe rules every credential goes through, synced or issued directly:
 * one external id and one (learner, title) per issuer; an unchanged one is a
 * DUPLICATE; a changed one (same external id, new data hash) is an update.
 * `pending` are the candidates of a page still being written (the executor
 * plans a page while the one before commits): they count as held, in place
 * of what the database still says of the same external ids, so the decisions
 * are those a page planned after that commit would make.
 */
export async function decideCredentials(
  db: Knex,
  issuerId: number,
  issuerName: string,
  normalized: { raw: Record<string, unknown>; credential: CredentialData }[],
  pending: Candidate[] = [],
): Promise<{ candidates: Candidate[]; skipped: SkippedRecord[] }> {
  const skipped: SkippedRecord[] = [];
  await loadKeccak();
  const pendingIds = new Set(pending.map((c) => c.credential.externalId));
  const existing = [
    ...(
      await existingCredentials(
        db,
        issuerId,
        normalized.map((n) => n.credential),
      )
    ).filter((row) => !pendingIds.has(row.externalId)),
    ...pending.map(({ credential, dataHash }) => ({
      externalId: credential.externalId,
      learnerEmail: credential.learnerEmail,
      title: credential.title,
      dataHash,
    })),
  ];
  const byExternalId = new Map(existing.map((row) => [row.externalId, row]));
  const byLearnerTitle = new Map(
    existing.map((row) => [learnerTitleKey(row.learnerEmail, row.title), row]),
  );
  const seenIds = new Set<string>();
  const seenLearnerTitles = new Map<string, string>();
  const candidates: Candidate[] = [];
  for (const { raw, credential } of normalized) {
    const key = learnerTitleKey(credential.learnerEmail, credential.title);
    const dataHash = credentialDataHash(issuerName, credential);
    const duplicate = (message: string) =>
      skipped.push({ externalId: credential.externalId, reason: 'DUPLICATE', message, raw });
    if (seenIds.has(credential.externalId)) {
      duplicate('the same external id came twice in one page');
      continue;
    }
    const sameLearnerTitle = seenLearnerTitles.get(key);
    if (sameLearnerTitle !== undefined) {
      duplicate(`same learner, title and issuer as ${sameLearnerTitle} in the same page`);
      continue;
    }
    const held = byExternalId.get(credential.externalId);
    if (held && held.dataHash === dataHash) {
      duplicate('already held, unchanged');
      continue;
    }
    const heldByLearnerTitle = byLearnerTitle.get(key);
    if (heldByLearnerTitle && heldByLearnerTitle.externalId !== credential.externalId) {
      duplicate(`same learner, title and issuer already held as ${heldByLearnerTitle.externalId}`);
      continue;
    }
    seenIds.add(credential.externalId);
    seenLearnerTitles.set(key, credential.externalId);
    candidates.push({ raw, credential, dataHash });
  }
  return { candidates, skipped };
}

/**
 * Whether two pages' candidates claim a common key (external id, or learner
 * and title): such pages must not be written at the same time, or each could
 * wait for the other's uncommitted row.
 */
export function sharesKeys(a: Candidate[], b: Candidate[]): boolean {
  const keys = new Set<string>();
  for (const { credential } of b) {
    keys.add(`id:${credential.externalId}`);
    keys.add(`lt:${learnerTitleKey(credential.learnerEmail, credential.title)}`);
  }
  return a.some(
    ({ credential }) =>
      keys.has(`id:${credential.externalId}`) ||
      keys.has(`lt:${learnerTitleKey(credential.learnerEmail, credential.title)}`),
  );
}

function learnerTitleKey(email: string, title: string): string {
  return `${email.toLowerCase()}\u0000${title}`;
}

async function existingCredentials(
  db: Knex,
  issuerId: number,
  credentials: CanonicalCredential[],
): Promise<ExistingRow[]> {
  if (credentials.length === 0) return [];
  // Two index lookups per record, one per unique key, instead of an OR that
  // no index serves: the OR made every page scan the whole table, so a run's
  // cost grew with the square of its size. LIMIT 1 keeps the plan an index
  // probe even before the table has statistics (a first import).
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
  const rows = result.rows;
  return rows;
}

/** Writes a planned page: credentials (created or updated) and their external references. */
export async function writeCredentialPage(
  trx: Knex.Transaction,
  input: { issuerId: number; connectorId: number | null; runId: number | null },
  candidates: Candidate[],
): Promise<Pick<PageOutcome, 'created' | 'updated'> & { ids: number[] }> {
  if (candidates.length === 0) return { created: 0, updated: 0, ids: [] };
  const emails = [...new Set(candidates.map((c) => c.credential.learnerEmail.toLowerCase()))];
  const learners: { id: number; email: string }[] = await trx('learners')
    .select('id', 'email')
    .whereRaw('lower(email) = any(?::text[])', [emails]);
  const learnerByEmail = new Map(learners.map((l) => [l.email.toLowerCase(), l.id]));
  const now = new Date();
  // The page's credentials form one anchoring group: its tree is built now, so each
  // row is written with its proof and never touched again by anchoring.
  const group = await insertGroup(
    trx,
    candidates.map((c) => c.dataHash),
  );
  const learnerIds = candidates.map(
    ({ credential }) => learnerByEmail.get(credential.learnerEmail.toLowerCase()) ?? null,
  );
  // One array per column through unnest: a page is a handful of bind parameters, not
  // one per cell (Postgres parses and plans 20,000 parameters slowly). knex's types
  // allow no null inside an array binding; pg sends one as a NULL element.
  // An update keeps its uid, status (a REVOKED credential stays revoked) and creation time;
  // its data hash changed, so it moves to this page's group and the next batch.
  const written = (
    await trx.raw<{ rows: { id: number; externalId: string; inserted: boolean }[] }>(
      `INSERT INTO credentials
         (uid, issuer_id, connector_id, run_id, anchor_group_id, updated_at, external_id,
          learner_email, learner_id, title, issued_at, completion_date, max_hours, status,
          data_hash, pdf_url, pdf_cid, metadata, merkle_proof)
       SELECT u.uid, ?, ?, ?, ?, ?, u.external_id, u.learner_email, u.learner_id, u.title,
              u.issued_at, u.completion_date, u.max_hours, u.status, u.data_hash, u.pdf_url,
              u.pdf_cid, u.metadata, u.merkle_proof
         FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::timestamptz[],
                     ?::timestamptz[], ?::numeric[], ?::text[], ?::text[], ?::text[], ?::text[],
                     ?::jsonb[], ?::jsonb[])
           AS u(uid, external_id, learner_email, learner_id, title, issued_at, completion_date,
                max_hours, status, data_hash, pdf_url, pdf_cid, metadata, merkle_proof)
       ON CONFLICT (issuer_id, external_id) DO UPDATE SET
         connector_id = excluded.connector_id, run_id = excluded.run_id,
         learner_email = excluded.learner_email, title = excluded.title,
         issued_at = excluded.issued_at, completion_date = excluded.completion_date,
         max_hours = excluded.max_hours, data_hash = excluded.data_hash,
         pdf_url = excluded.pdf_url, pdf_cid = coalesce(excluded.pdf_cid, credentials.pdf_cid),
         metadata = excluded.metadata, anchor_group_id = excluded.anchor_group_id,
         merkle_proof = excluded.merkle_proof, updated_at = excluded.updated_at
       RETURNING id, external_id AS "externalId", (xmax = 0) AS inserted`,
      [
        input.issuerId,
        input.connectorId,
        input.runId,
        group.id,
        now,
        candidates.map(() => newCredentialUid()),
        candidates.map((c) => c.credential.externalId),
        candidates.map((c) => c.credential.learnerEmail),
        learnerIds,
        candidates.map((c) => c.credential.title),
        candidates.map((c) => c.credential.issuedAt),
        candidates.map((c) => c.credential.completionDate),
        candidates.map((c) => c.credential.maxHours),
        learnerIds.map((id) => (id === null ? 'UNCLAIMED' : 'ISSUED')),
        candidates.map((c) => c.dataHash),
        candidates.map((c) => c.credential.pdfUrl ?? null),
        candidates.map((c) => c.pdfCid ?? null),
        candidates.map((c) => JSON.stringify(c.credential.metadata ?? {})),
        group.proofs.map((proof) => JSON.stringify(proof)),
      ] as unknown as Knex.RawBinding[],
    )
  ).rows;
  const idByExternalId = new Map(written.map((row) => [row.externalId, row.id]));
  const ids = written.map((row) => row.id);
  const created = written.filter((row) => row.inserted).length;
  // Issued directly: there is no source record to refer back to.
  if (input.connectorId === null) return { created, updated: written.length - created, ids };
  const raws = candidates.map(({ raw }) => JSON.stringify(raw));
  await trx.raw(
    `INSERT INTO external_references
       (connector_id, entity_type, status, run_id, updated_at, external_id, internal_id,
        payload_hash, raw, mapped)
     SELECT ?, 'credential', 'SYNCED', ?, ?, u.external_id, u.internal_id, u.payload_hash,
            u.raw, u.mapped
       FROM unnest(?::text[], ?::bigint[], ?::text[], ?::jsonb[], ?::jsonb[])
         AS u(external_id, internal_id, payload_hash, raw, mapped)
     ON CONFLICT (connector_id, entity_type, external_id) DO UPDATE SET
       internal_id = excluded.internal_id, payload_hash = excluded.payload_hash,
       raw = excluded.raw, mapped = excluded.mapped, status = excluded.status,
       run_id = excluded.run_id, updated_at = excluded.updated_at`,
    [
      input.connectorId,
      input.runId,
      now,
      candidates.map((c) => c.credential.externalId),
      candidates.map((c) => idByExternalId.get(c.credential.externalId) ?? null),
      raws.map((raw) => createHash('sha256').update(raw).digest('hex')),
      raws,
      candidates.map((c) => JSON.stringify(c.credential)),
    ] as unknown as Knex.RawBinding[],
  );
  return { created, updated: written.length - created, ids };
}
