import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from './connection';
import { SkipReason } from './enums';
import { Node } from './node.interface';

export enum RecordStatus {
  MAPPED = 'MAPPED',
  FAILED = 'FAILED',
}

registerEnumType(RecordStatus, {
  name: 'RecordStatus',
  description: 'Whether an outside record was mapped into the hub’s own tables.',
  valuesConfig: {
    MAPPED: { description: "Mapped and stored in the hub's own tables." },
    FAILED: {
      description: 'Kept raw; mapping failed (see reason and error). Re-mapped by remapRecords.',
    },
  },
});

@ObjectType({
  implements: Node,
  description:
    'One outside record as the hub holds it: the raw payload the source sent and what it was mapped to.',
})
export class ExternalRecord extends Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  declare id: string;

  @Field({ description: 'e.g. credential, transaction, settlement, product, order.' })
  entityType!: string;

  @Field({ description: "The record's id at its source." })
  externalId!: string;

  @Field(() => SkipReason, { nullable: true, description: 'Why it failed; null when MAPPED.' })
  reason!: SkipReason | null;

  @Field(() => String, { nullable: true, description: 'What was wrong with it; null when MAPPED.' })
  error!: string | null;

  @Field(() => GraphQLJSON, { description: 'The record as the source sent it.' })
  raw!: unknown;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'What it was mapped to; null when FAILED.',
  })
  mapped!: unknown;

  @Field({ description: 'When the hub first received it.' })
  createdAt!: Date;

  @Field({ description: 'When the hub last received or re-mapped it.' })
  updatedAt!: Date;
}

export const ExternalRecordConnection = Connection(ExternalRecord, 'ExternalRecord', 'record');
