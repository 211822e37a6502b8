/**
 * The credential entity pipeline (providers.md, seed issuer-credential-sync):
 * normalize -> HOURS_EXCEEDED -> DUPLICATE (the engine's dedupe on external id,
 * and on learner and title) -> VERIFICATION_FAILED -> certificate PDF ->
 * learner found: ISSUED, else UNCLAIMED -> credential row; after the run, one
 * anchoring batch over what it created or changed.
 */
import type { BlobStore } from '../../blobs/blob-store';
import type { CanonicalCredential } from './canonical';
import type { Normalized } from '../../pipeline/types';
import { mapBounded } from '../../pipeline/concurrency';
import type { SkippedRecord } from '../../pipeline/page-outcome';
import type { Candidate, EntityPipeline, PageLog, PipelineRun } from '../../pipeline/types';
import type { AnchorService } from './anchoring/anchor.service';
import { loadKeccak } from './anchoring/keccak';
import {
  credentialDataHash,
  learnerTitleKey,
  lookupCredentials,
  writeCredentialRows,
  type CredentialEntity,
} from './credentials';
import { findOrCreateIssuer } from './issuers';

declare module '../../pipeline/types' {
  interface EngineServices {
    /** Where certificate PDFs are stored; without it PDFs are not fetched. */
    blobs?: BlobStore;
    /** Batches a run's new and changed credentials at its end. */
    anchors?: Pick<AnchorService, 'anchorPending'>;
  }
}

/** What a kind that syncs credentials binds the pipeline to (per connector). */
export interface CredentialOptions {
  /** The issuer credentials are issued under: found by name or created. */
  issuerName: string;
  providerId?: string;
  /** Records with more hours are skipped as HOURS_EXCEEDED. */
  maxHours: number;
  /** The kind's field mapping of a raw record. */
  normalize(raw: Record<string, unknown>): Normalized<CanonicalCredential>;
  /** Asks the source whether a credential is genuine; absent: not asked. */
  verify?(externalId: string): Promise<boolean>;
  /** Downloads a certificate PDF with the kind's client; absent: PDFs are not fetched. */
  fetchFile?(url: string): Promise<Uint8Array>;
}

export interface CredentialScope {
  issuerId: number;
  /** Part of every credential's hashed data. */
  issuerName: string;
  options: CredentialOptions;
  blobs?: BlobStore;
  anchors?: Pick<AnchorService, 'anchorPending'>;
}

/** Verify calls in flight at once, per run: bounded so a source is not flooded. */
const VERIFY_CONCURRENCY = 8;
/** Certificate PDFs fetched at once, per page. */
const PDF_CONCURRENCY = 4;
/** A certificate larger than this is not stored. */
const PDF_MAX_BYTES = 25 * 1024 * 1024;

export const credentialPipeline: EntityPipeline<
  CredentialOptions,
  CredentialScope,
  CredentialEntity
> = {
  entityType: 'credential',

  async open(run: PipelineRun, options: CredentialOptions): Promise<CredentialScope> {
    await loadKeccak();
    const issuerId = await findOrCreateIssuer(run.db, options);
    const { name } = (await run.db('issuers').where({ id: issuerId }).first('name')) as {
      name: string;
    };
    return {
      issuerId,
      issuerName: name,
      options,
      blobs: run.services.blobs,
      anchors: run.services.anchors,
    };
  },

  map(raw, scope) {
    const result = scope.options.normalize(raw);
    if (!result.ok) return result;
    const credential = result.record;
    if (credential.maxHours !== null && credential.maxHours > scope.options.maxHours) {
      return {
        ok: false,
        externalId: credential.externalId,
        reason: 'HOURS_EXCEEDED',
        message: `${credential.maxHours} hours is above the limit of ${scope.options.maxHours}`,
      };
    }
    return { ok: true, entity: credential };
  },

  identity: (credential) => credential.externalId,
  keys: [
    {
      describe: 'same learner, title and issuer',
      of: (credential) => learnerTitleKey(credential.learnerEmail, credential.title),
    },
  ],
  version: (credential, scope) => credentialDataHash(scope.issuerName, credential),
  lookup: (db, scope, credentials) => lookupCredentials(db, scope.issuerId, credentials),

  async refine(scope, candidates, signal) {
    const skipped: SkippedRecord[] = [];
    let kept = candidates;
    const { verify } = scope.options;
    if (verify) {
      const verdicts = await mapBounded(candidates, VERIFY_CONCURRENCY, (candidate) =>
        verify(candidate.externalId),
      );
      kept = candidates.filter((candidate, index) => {
        if (verdicts[index]) return true;
        skipped.push({
          externalId: candidate.externalId,
          reason: 'VERIFICATION_FAILED',
          message: 'the issuer did not confirm this credential',
          raw: candidate.raw,
        });
        return false;
      });
    }
    const logs = await storePdfs(scope, kept, signal);
    return { kept, skipped, logs };
  },

  write: (trx, scope, candidates, origin) =>
    writeCredentialRows(trx, scope.issuerId, candidates, origin),

  /** What external_references keeps as mapped: the credential's facts, not where its PDF went. */
  payload: ({ pdfCid: _pdfCid, ...credential }) => credential,

  afterRun: {
    phase: 'ANCHORING',
    /**
     * One Merkle batch over the run's new and changed credentials (and any
     * other waiting). A failure never fails the run: the credentials are
     * stored and the hub's anchoring timer batches them on its next round.
     */
    async run(run, scope) {
      if (!scope.anchors) return null;
      const batch = await scope.anchors.anchorPending(run.runId, { background: true });
      return batch
        ? `anchor batch ${batch.id}: ${batch.leafCount} credentials under root ${batch.merkleRoot} (${batch.status})`
        : null;
    },
  },
};

/**
 * Fetches each candidate's PDF with the connector's HTTP client (same
 * timeouts and retries) and stores it by CID (content-addressed, so a blob
 * stored for a page that then rolls back is harmless). A PDF that cannot be
 * fetched or is not a PDF leaves the credential without pdfCid, and says why.
 */
async function storePdfs(
  scope: CredentialScope,
  candidates: Candidate<CredentialEntity>[],
  signal: AbortSignal,
): Promise<PageLog[]> {
  const logs: PageLog[] = [];
  const { blobs } = scope;
  const { fetchFile } = scope.options;
  const withPdf = candidates.filter((c) => c.entity.pdfUrl);
  if (!blobs || !fetchFile || withPdf.length === 0) return logs;
  await mapBounded(withPdf, PDF_CONCURRENCY, async (candidate) => {
    try {
      const bytes = await fetchFile(candidate.entity.pdfUrl!);
      if (bytes.length > PDF_MAX_BYTES) throw new Error(`larger than ${PDF_MAX_BYTES} bytes`);
      if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') {
        throw new Error('the file is not a PDF');
      }
      candidate.entity.pdfCid = await blobs.put(bytes);
    } catch (error) {
      if (signal.aborted) throw error;
      const reason = error instanceof Error ? error.message.slice(0, 300) : 'unknown error';
      logs.push({
        level: 'WARN',
        externalId: candidate.externalId,
        message: `certificate PDF not stored (credential kept without it): ${reason}`,
      });
    }
  });
  return logs;
}
