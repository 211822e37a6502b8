/**
 * Independent verification of one credential: its data still hashes to
 * dataHash, the proof leads from it to the batch root, the root is signed by
 * (or on chain from) this hub, the stored PDF still matches its CID, and it
 * is not revoked. Also the self-contained proof document a third party
 * checks with ethers alone (README, "Verifiable credentials").
 */
import type { Knex } from 'knex';
import type { BlobStore } from '../blobs/blob-store';
import { verifiedBlob } from '../blobs/blob-store';
import { AnchorBatchModel, AnchorGroupModel } from '../models/anchor-batch.model';
import { CredentialModel, IssuerModel } from '../models/credential.model';
import { canonicalCredentialData, hashCanonical } from '../domains/credentials/credentials';
import type { AnchorService } from '../domains/credentials/anchoring/anchor.service';
import { LEAF_ENCODING, proofLeadsToRoot } from '../domains/credentials/anchoring/merkle';

export interface Check {
  name: string;
  passed: boolean;
  detail: string | null;
}

export interface Verification {
  valid: boolean;
  credential: CredentialModel | null;
  checks: Check[];
  batch: AnchorBatchModel | null;
}

export class VerificationService {
  constructor(
    private readonly db: Knex,
    private readonly anchors: AnchorService,
    private readonly blobs: BlobStore,
  ) {}

  async byUid(uid: string): Promise<CredentialModel | undefined> {
    return CredentialModel.query(this.db).findOne({ uid });
  }

  /**
   * The batch that anchors a credential and its whole proof, from its leaf to
   * the batch root (group proof, then the group's batch proof); null until
   * its group is in a batch.
   */
  async placement(
    credential: CredentialModel,
  ): Promise<{ batch: AnchorBatchModel; proof: string[] } | null> {
    if (credential.anchorGroupId === null) return null;
    const group = await AnchorGroupModel.query(this.db).findById(credential.anchorGroupId);
    const proof = group && wholeProof(credential, group);
    if (!proof) return null;
    const batch = await AnchorBatchModel.query(this.db).findById(group.batchId!);
    return batch ? { batch, proof } : null;
  }

  async groupsByIds(ids: readonly number[]): Promise<AnchorGroupModel[]> {
    return AnchorGroupModel.query(this.db).findByIds(ids as number[]);
  }

  async batchesByIds(ids: readonly number[]): Promise<AnchorBatchModel[]> {
    return AnchorBatchModel.query(this.db).findByIds(ids as number[]);
  }

  async canonicalData(credential: CredentialModel) {
    const issuer = await IssuerModel.query(this.db).findById(credential.issuerId);
    return canonicalCredentialData(issuer?.name ?? '', {
      externalId: credential.externalId,
      learnerEmail: credential.learnerEmail,
      title: credential.title,
      issuedAt: credential.issuedAt,
      completionDate: credential.completionDate,
      maxHours: credential.maxHours === null ? null : Number(credential.maxHours),
      metadata: credential.metadata,
    });
  }

  async verify(uid: string): Promise<Verification> {
    const credential = await this.byUid(uid);
    if (!credential) {
      return {
        valid: false,
        credential: null,
        batch: null,
        checks: [{ name: 'FOUND', passed: false, detail: 'no credential has this uid' }],
      };
    }
    const checks: Check[] = [];
    const check = (name: string, passed: boolean, detail: string | null = null) =>
      checks.push({ name, passed, detail });

    const recomputed = hashCanonical(await this.canonicalData(credential));
    check(
      'HASH_MATCHES',
      recomputed === credential.dataHash,
      recomputed === credential.dataHash ? null : 'the stored data no longer hashes to dataHash',
    );

    const placement = await this.placement(credential);
    const batch = placement?.batch ?? null;
    const anchorCheck = this.anchors.mode === 'ANCHORED' ? 'ANCHOR_FOUND' : 'SIGNATURE_VALID';
    if (!placement || !batch) {
      check('PROOF_VALID', false, 'not yet in an anchoring batch');
      check(anchorCheck, false, 'anchoring pending');
    } else {
      const leads = proofLeadsToRoot(batch.merkleRoot, credential.dataHash, placement.proof);
      check('PROOF_VALID', leads, leads ? null : 'the proof does not lead to the batch root');
      if (batch.signature) {
        const signature = this.anchors.signatureCheck(batch);
        check('SIGNATURE_VALID', signature.passed, signature.detail);
      } else if (batch.status === 'ANCHORED') {
        const found = await this.anchors.anchorCheck(batch);
        check('ANCHOR_FOUND', found.passed, found.detail);
      } else {
        check(
          anchorCheck,
          false,
          `batch ${batch.status}: ${batch.lastError ?? 'anchoring pending'}`,
        );
      }
    }

    if (credential.pdfCid) {
      const blob = await verifiedBlob(this.blobs, credential.pdfCid);
      check(
        'PDF_MATCHES',
        blob.ok,
        blob.ok ? null : blob.reason === 'missing' ? 'the PDF is missing' : 'the PDF changed',
      );
    }
    const revoked = credential.status === 'REVOKED';
    check('NOT_REVOKED', !revoked, revoked ? 'revoked by the issuer' : null);
    return { valid: checks.every((c) => c.passed), credential, checks, batch };
  }

  /** Everything needed to verify the credential without trusting this hub; null if unknown. */
  async proofDocument(uid: string) {
    const credential = await this.byUid(uid);
    if (!credential) return null;
    const placement = await this.placement(credential);
    const batch = placement?.batch ?? null;
    // The uid is public (printed on the certificate): the learner's email is
    // withheld. dataHash still covers it, so whoever the learner gives the
    // email to puts it back into `data` and checks the hash (README).
    const data = { ...(await this.canonicalData(credential)), learnerEmail: null };
    return {
      format: 'tributary-credential-proof/v1',
      uid: credential.uid,
      data,
      withheld: ['data.learnerEmail'],
      canonicalization: 'RFC 8785 (JCS), UTF-8',
      hashAlgorithm: 'keccak256',
      dataHash: credential.dataHash,
      pdfCid: credential.pdfCid,
      merkle: placement
        ? {
            tree: 'OpenZeppelin StandardMerkleTree',
            leafEncoding: [...LEAF_ENCODING],
            root: placement.batch.merkleRoot,
            proof: placement.proof,
          }
        : null,
      anchor: batch
        ? {
            status: batch.status,
            signer: batch.signer,
            signature: batch.signature,
            signatureScheme: batch.signature
              ? 'EIP-191 personal_sign over the 32 root bytes'
              : null,
            chainId: batch.chainId,
            txHash: batch.txHash,
            blockNumber: batch.blockNumber,
            anchoredAt: batch.anchoredAt?.toISOString() ?? null,
          }
        : { status: 'PENDING' },
    };
  }
}

/** A credential's proof from its leaf to its batch root; null while its group waits. */
export function wholeProof(
  credential: Pick<CredentialModel, 'merkleProof'>,
  group: Pick<AnchorGroupModel, 'batchId' | 'batchProof'>,
): string[] | null {
  if (group.batchId === null || !group.batchProof || !credential.merkleProof) return null;
  return [...credential.merkleProof, ...group.batchProof];
}
