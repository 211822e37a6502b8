import { Model } from 'objection';

// The one declaration of a credential's statuses: the migration's CHECK and the
// GraphQL enum are tested against it (test/enums.test.ts).
export const CREDENTIAL_STATUSES = ['ISSUED', 'UNCLAIMED', 'REVOKED'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

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
