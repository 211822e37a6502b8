import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from './connection';
import { Node } from './node.interface';
import { UserError } from './user-error.type';

export enum CredentialStatus {
  ISSUED = 'ISSUED',
  UNCLAIMED = 'UNCLAIMED',
  REVOKED = 'REVOKED',
}

registerEnumType(CredentialStatus, {
  name: 'CredentialStatus',
  description: 'Whose a credential is.',
  valuesConfig: {
    ISSUED: { description: 'The learner has an account: the credential is theirs.' },
    UNCLAIMED: {
      description: 'No account with this email yet; claimed automatically at registration.',
    },
    REVOKED: { description: 'Withdrawn by the issuer.' },
  },
});

@ObjectType({ implements: Node, description: 'An issuer credentials are issued under.' })
export class Issuer extends Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  declare id: string;

  @Field({ description: 'Unique name (case-insensitive), e.g. NSDC.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Short provider id, e.g. nsdc.' })
  providerId!: string | null;
}

@ObjectType({
  implements: Node,
  description: 'A registered learner; credentials for their email are theirs.',
})
export class Learner extends Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  declare id: string;

  @Field({ description: 'Email address, unique case-insensitively.' })
  email!: string;

  @Field({ description: 'When they registered.' })
  createdAt!: Date;
}

@ObjectType({ implements: Node, description: 'A credential synced from an issuer.' })
export class Credential extends Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  declare id: string;

  @Field({ description: 'Public, unguessable identifier printed on the certificate.' })
  uid!: string;

  @Field({ description: 'Its id at the issuer.' })
  externalId!: string;

  @Field({ description: 'The learner it was issued to, as the issuer sent it.' })
  learnerEmail!: string;

  @Field({ description: 'Course or certificate title.' })
  title!: string;

  @Field({ description: 'When the issuer issued it.' })
  issuedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the course was completed, when known.' })
  completionDate!: Date | null;

  @Field(() => CredentialStatus, { description: 'Whose it is.' })
  status!: CredentialStatus;

  @Field({ description: 'Hash of the canonical credential data (0x-prefixed hex).' })
  dataHash!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Content identifier (CIDv1) of the certificate PDF, when one was fetched.',
  })
  pdfCid!: string | null;

  @Field(() => GraphQLJSON, { description: 'Extra data kept with it.' })
  metadata!: Record<string, unknown>;

  @Field({ description: 'When the hub first stored it.' })
  createdAt!: Date;
}

export const CredentialConnection = Connection(Credential, 'Credential', 'credential');

@InputType({ description: 'Which credentials to list; every field narrows.' })
export class CredentialFilter {
  @Field(() => String, { nullable: true, description: 'Learner email (case-insensitive).' })
  learnerEmail?: string | null;

  @Field(() => ID, { nullable: true, description: 'Issued under this issuer.' })
  issuerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Synced by this connector.' })
  connectorId?: string | null;

  @Field(() => CredentialStatus, { nullable: true, description: 'In this status.' })
  status?: CredentialStatus | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive match on uid, external id, learner email or title.',
  })
  search?: string | null;

  @Field(() => Date, { nullable: true, description: 'Issued at or after this instant.' })
  issuedAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Issued before this instant.' })
  issuedBefore?: Date | null;
}

@ObjectType({ description: 'Result of registerLearner.' })
export class LearnerPayload {
  @Field(() => Learner, { nullable: true, description: 'The new learner, unless the call failed.' })
  learner?: Learner;

  @Field(() => [Credential], { description: 'Credentials that moved from UNCLAIMED to ISSUED.' })
  claimed!: Credential[];

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

export enum AnchorStatus {
  PENDING = 'PENDING',
  SIGNED = 'SIGNED',
  ANCHORED = 'ANCHORED',
  FAILED = 'FAILED',
}

registerEnumType(AnchorStatus, {
  name: 'AnchorStatus',
  description: 'How far a credential’s Merkle root is anchored.',
  valuesConfig: {
    SIGNED: { description: "Merkle root signed by this hub's key; no chain configured." },
    ANCHORED: { description: 'Merkle root written in a blockchain transaction.' },
  },
});

@ObjectType({ description: 'The batch a credential was anchored in, and its proof.' })
export class CredentialAnchor {
  @Field(() => AnchorStatus, { description: 'PENDING until the batch root is signed or on chain.' })
  status!: AnchorStatus;

  @Field(() => String, { nullable: true, description: 'Root of the batch’s Merkle tree.' })
  merkleRoot!: string | null;

  @Field(() => [String], { nullable: true, description: 'Sibling hashes from leaf to root.' })
  proof!: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Chain id, when ANCHORED.' })
  chainId!: number | null;

  @Field(() => String, { nullable: true, description: 'The anchoring transaction.' })
  txHash!: string | null;

  @Field(() => Int, { nullable: true, description: 'Its block.' })
  blockNumber!: number | null;

  @Field(() => String, { nullable: true, description: 'EIP-191 signature of the root, SIGNED.' })
  signature!: string | null;

  @Field(() => Date, { nullable: true, description: 'When signed, or the block’s time.' })
  anchoredAt!: Date | null;
}

@ObjectType({ description: 'One check made by verifyCredential.' })
export class VerificationCheck {
  @Field({ description: 'HASH_MATCHES, PROOF_VALID, SIGNATURE_VALID, ANCHOR_FOUND, ...' })
  name!: string;

  @Field({ description: 'Whether it held.' })
  passed!: boolean;

  @Field(() => String, { nullable: true, description: 'Why not, or what was found.' })
  detail!: string | null;
}

@ObjectType({ description: 'Result of verifyCredential.' })
export class CredentialVerification {
  @Field({ description: 'Every check passed.' })
  valid!: boolean;

  @Field(() => Credential, {
    nullable: true,
    description: 'The credential, when the uid is known.',
  })
  credential!: Credential | null;

  @Field(() => [VerificationCheck], {
    description:
      'Each check that was made and its outcome, e.g. HASH_MATCHES, PROOF_VALID, ANCHOR_FOUND.',
  })
  checks!: VerificationCheck[];
}

@InputType({ description: 'A credential to issue directly, through the synced pipeline’s rules.' })
export class IssueCredentialInput {
  @Field(() => ID, { description: 'The issuer to issue it under.' })
  issuerId!: string;

  @Field({ description: 'Its id at the issuer; unique per issuer.' })
  externalId!: string;

  @Field({ description: 'The learner’s email.' })
  learnerEmail!: string;

  @Field({ description: 'Course or certificate title.' })
  title!: string;

  @Field({ description: 'When it is issued.' })
  issuedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the course was completed.' })
  completionDate?: Date | null;

  @Field(() => Float, { nullable: true, description: 'Course hours.' })
  maxHours?: number | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Extra data, part of the hash.' })
  metadata?: Record<string, unknown> | null;
}

@ObjectType({ description: 'Result of issueCredential.' })
export class CredentialPayload {
  @Field(() => Credential, { nullable: true, description: 'The credential, unless it failed.' })
  credential?: Credential;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}
