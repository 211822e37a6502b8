import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from './connection';
import { Node } from './node.interface';
import { DateScalar } from './scalars';

export enum SourceFileStatus {
  INGESTED = 'INGESTED',
  UNCHANGED = 'UNCHANGED',
  REJECTED = 'REJECTED',
}

registerEnumType(SourceFileStatus, {
  name: 'SourceFileStatus',
  description: 'What a run did with a file it looked at.',
  valuesConfig: {
    INGESTED: { description: 'Parsed and stored.' },
    UNCHANGED: { description: 'Same name and SHA-256 as a file already ingested: not read again.' },
    REJECTED: {
      description:
        'Refused as a whole (checksum mismatch, unreadable, wrong header): nothing stored from it.',
    },
  },
});

@ObjectType({
  implements: Node,
  description:
    "A file read from a bank's drop folder, kept as a ledger so a file is never ingested twice.",
})
export class SourceFile extends Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  declare id: string;

  @Field({ description: 'The file name in the drop folder.' })
  name!: string;

  @Field({ description: "The file's SHA-256 (hex); empty when it was rejected unread." })
  sha256!: string;

  @Field(() => Float, { description: 'Size in bytes.' })
  sizeBytes!: number;

  @Field(() => Int, { description: 'Data rows read (header excluded).' })
  rows!: number;

  @Field(() => SourceFileStatus, { description: 'What the run did with it.' })
  status!: SourceFileStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was rejected, or what changed since the last version.',
  })
  detail!: string | null;

  @Field({ description: 'When the run looked at it.' })
  createdAt!: Date;
}

@ObjectType({ implements: Node, description: 'One settlement a bank reported.' })
export class Settlement extends Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  declare id: string;

  @Field({ description: 'Bank reference (UTR/RRN).' })
  bankReference!: string;

  @Field({ description: 'ISO 4217 currency code.' })
  currency!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The gateway transaction id, when the bank reports it.',
  })
  txnId!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Its line in the file it came from (BANK_SFTP).',
  })
  lineNumber!: number | null;

  @Field({ description: 'When it was first stored.' })
  createdAt!: Date;
}

@InputType({ description: 'Narrows a settlement list.' })
export class SettlementFilter {
  @Field(() => ID, { nullable: true, description: 'Only this connector’s settlements.' })
  connectorId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only this value date.' })
  valueDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact bankReference or txnId.' })
  search?: string | null;
}

export const SettlementConnection = Connection(Settlement, 'Settlement', 'settlement');
export const SourceFileConnection = Connection(SourceFile, 'SourceFile', 'source file');
