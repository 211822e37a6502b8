import { GraphQLJSON } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Connection } from './connection';
import { SkipReason } from './enums';

@ObjectType({ description: 'The records a run was limited to.' })
export class RunWindow {
  @Field(() => Date, {
    nullable: true,
    description: 'Start (inclusive); null = from the beginning.',
  })
  from!: Date | null;

  @Field(() => Date, { nullable: true, description: 'End (inclusive); null = up to now.' })
  to!: Date | null;
}

@ObjectType({ description: 'A record a run skipped or failed to store, with its reason.' })
export class SkippedRecord {
  @Field(() => String, {
    nullable: true,
    description: "The record's id at the source, when it had one.",
  })
  externalId!: string | null;

  @Field(() => SkipReason, { description: 'Why it was not stored.' })
  reason!: SkipReason;

  @Field({ description: 'The detail, in words.' })
  message!: string;

  @Field({ description: 'When it was decided.' })
  at!: Date;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The record as the source sent it (secrets never included).',
  })
  raw!: unknown;
}

export const SkippedRecordConnection = Connection(SkippedRecord, 'SkippedRecord', 'skipped record');
