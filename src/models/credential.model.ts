import { Model } from 'objection';

export type CredentialStatus = 'ISSUED' | 'UNCLAIMED' | 'REVOKED';

export class IssuerModel extends Model {
  static override tableName = 'issuers';

  id!: number;
  name!: string;
  providerId!: string | null;
  createdAt!: Date;
}

export class LearnerModel extends Model {
  static override tableName = 'learners';

  id!: number;
  email!: string;
  createdAt!: Date;
}

export class CredentialModel extends Model {
  static override tableName = 'credentials';
  static override jsonAttributes = ['metadata', 'merkleProof'];

  id!: number;
  uid!: string;
  issuerId!: number;
  connectorId!: number | null;
  runId!: number | null;
  externalId!: string;
  learnerEmail!: string;
  learnerId!: number | null;
  title!: string;
  issuedAt!: Date;
  completionDate!: Date | null;
  /** numeric: a string from pg, exact. */
  maxHours!: string | null;
  status!: CredentialStatus;
  dataHash!: string;
  pdfUrl!: string | null;
  /** CIDv1 of the stored certificate PDF (see src/blobs). */
  pdfCid!: string | null;
  /** The group it was written in (see src/anchoring/merkle.ts); its batch anchors it. */
  anchorGroupId!: number | null;
  /** Sibling hashes from its leaf to its group's root. */
  merkleProof!: string[] | null;
  metadata!: Record<string, unknown>;
  createdAt!: Date;
  updatedAt!: Date;
}
