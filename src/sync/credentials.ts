/**
 * The credential pipeline, per page (providers.md, seed issuer-credential-sync):
 * normalize -> HOURS_EXCEEDED -> DUPLICATE -> VERIFICATION_FAILED ->
 * learner found: ISSUED, else UNCLAIMED -> credential row + external reference.
 *
 * Reads and verification happen before the page's transaction; the writes,
 * the run's counters and the cursor checkpoint happen in it (see executor.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { CanonicalCredential } from '../connectors/domain';
import type { ConnectorContext, SyncCapability } from '../connectors/types';
import { mapBounded } from './concurrency';
import type { PageOutcome, SkippedRecord } from './page-outcome';

/** Verify calls in flight at once, per run: bounded so a source is not flooded. */
const VERIFY_CONCURRENCY = 8;

export interface CredentialPageInput {
  issuerId: number;
  maxHours: number;
  connectorId: number;
  runId: number;
  records: Record<string, unknown>[];
}

/** The canonical data a credential's hash covers, in a fixed key order. */
export function credentialDataHash(issuerId: number, credential: CanonicalCredential): string {
  const canonical = JSON.stringify([
    issuerId,
    credential.externalId,
    credential.learnerEmail.toLowerCase(),
    credential.title,
    credential.issuedAt.toISOString(),
    credential.completionDate?.toISOString() ?? null,
    credential.maxHours,
  ]);
  return `0x${createHash('sha256').update(canonical).digest('hex')}`;
}

/** Public, unguessable: 128 random bits, base64url. */
export function newCredentialUid(): string {
  return randomBytes(16).toString('base64url');
}

interface Candidate {
  raw: Record<string, unknown>;
  credential: CanonicalCredential;
  dataHash: string;
  /** Set when the same external id is already held (an update). */
  existingId?: number;
}

interface ExistingRow {
  id: number;
  externalId: string;
  learnerEmail: string;
  title: string;
  dataHash: string;
}

/**
 * Decides every record of a page and returns the writes to make; does not
 * write. The caller applies them with `writeCredentialPage` in the page's
 * transaction.
 */
export async function planCredentialPage<Config>(
  db: Knex,
  sync: SyncCapability<Config, unknown>,
  ctx: ConnectorContext<Config>,
  input: CredentialPageInput,
): Promise<{ candidates: Candidate[]; skipped: SkippedRecord[] }> {
  const skipped: SkippedRecord[] = [];
  const normalized: { raw: Record<string, unknown>; credential: CanonicalCredential }[] = [];
  for (const raw of input.records) {
    const result = sync.normalize(raw, ctx);
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

  const existing = await existingCredentials(
    db,
    input.issuerId,
    normalized.map((n) => n.credential),
  );
  const byExternalId = new Map(existing.map((row) => [row.externalId, row]));
  const byLearnerTitle = new Map(
    existing.map((row) => [learnerTitleKey(row.learnerEmail, row.title), row]),
  );
  const seenIds = new Set<string>();
  const seenLearnerTitles = new Map<string, string>();
  const candidates: Candidate[] = [];
  for (const { raw, credential } of normalized) {
    const key = learnerTitleKey(credential.learnerEmail, credential.title);
    const dataHash = credentialDataHash(input.issuerId, credential);
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
    candidates.push({ raw, credential, dataHash, existingId: held?.id });
  }

  if (!sync.verify || !sync.verifies?.(ctx.config)) return { candidates, skipped };
  const verify = sync.verify.bind(sync);
  const verdicts = await mapBounded(candidates, VERIFY_CONCURRENCY, (candidate) =>
    verify(ctx, candidate.credential.externalId),
  );
  const verified = candidates.filter((candidate, index) => {
    if (verdicts[index]) return true;
    skipped.push({
      externalId: candidate.credential.externalId,
      reason: 'VERIFICATION_FAILED',
      message: 'the issuer did not confirm this credential',
      raw: candidate.raw,
    });
    return false;
  });
  return { candidates: verified, skipped };
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
  const rows: ExistingRow[] = await db('credentials')
    .select('id', 'externalId', 'learnerEmail', 'title', 'dataHash')
    .where('issuerId', issuerId)
    .andWhere((query) =>
      query
        .whereIn(
          'externalId',
          credentials.map((c) => c.externalId),
        )
        .orWhereRaw(
          '(lower(learner_email), title) IN (SELECT * FROM unnest(?::text[], ?::text[]))',
          [credentials.map((c) => c.learnerEmail.toLowerCase()), credentials.map((c) => c.title)],
        ),
    );
  return rows;
}

/** Writes a planned page: credentials (created or updated) and their external references. */
export async function writeCredentialPage(
  trx: Knex.Transaction,
  input: Pick<CredentialPageInput, 'issuerId' | 'connectorId' | 'runId'>,
  candidates: Candidate[],
): Promise<Pick<PageOutcome, 'created' | 'updated'>> {
  if (candidates.length === 0) return { created: 0, updated: 0 };
  const emails = [...new Set(candidates.map((c) => c.credential.learnerEmail.toLowerCase()))];
  const learners: { id: number; email: string }[] = await trx('learners')
    .select('id', 'email')
    .whereRaw('lower(email) = any(?::text[])', [emails]);
  const learnerByEmail = new Map(learners.map((l) => [l.email.toLowerCase(), l.id]));
  const now = new Date();
  const rows = candidates.map(({ credential, dataHash }) => {
    const learnerId = learnerByEmail.get(credential.learnerEmail.toLowerCase()) ?? null;
    return {
      uid: newCredentialUid(),
      issuerId: input.issuerId,
      connectorId: input.connectorId,
      runId: input.runId,
      externalId: credential.externalId,
      learnerEmail: credential.learnerEmail,
      learnerId,
      title: credential.title,
      issuedAt: credential.issuedAt,
      completionDate: credential.completionDate,
      maxHours: credential.maxHours,
      status: learnerId === null ? 'UNCLAIMED' : 'ISSUED',
      dataHash,
      pdfUrl: credential.pdfUrl,
      updatedAt: now,
    };
  });
  // An update keeps its uid, status (a REVOKED credential stays revoked) and creation time.
  const written: { id: number; externalId: string; inserted: boolean }[] = await trx('credentials')
    .insert(rows)
    .onConflict(['issuerId', 'externalId'])
    .merge([
      'connectorId',
      'runId',
      'learnerEmail',
      'title',
      'issuedAt',
      'completionDate',
      'maxHours',
      'dataHash',
      'pdfUrl',
      'updatedAt',
    ])
    .returning(['id', 'externalId', trx.raw('(xmax = 0) as inserted')]);
  const idByExternalId = new Map(written.map((row) => [row.externalId, row.id]));
  await trx('externalReferences')
    .insert(
      candidates.map(({ raw, credential }) => ({
        connectorId: input.connectorId,
        entityType: 'credential',
        externalId: credential.externalId,
        internalId: idByExternalId.get(credential.externalId),
        payloadHash: createHash('sha256').update(JSON.stringify(raw)).digest('hex'),
        raw: JSON.stringify(raw),
        mapped: JSON.stringify(credential),
        status: 'SYNCED',
        runId: input.runId,
        updatedAt: now,
      })),
    )
    .onConflict(['connectorId', 'entityType', 'externalId'])
    .merge(['internalId', 'payloadHash', 'raw', 'mapped', 'status', 'runId', 'updatedAt']);
  const created = written.filter((row) => row.inserted).length;
  return { created, updated: written.length - created };
}
