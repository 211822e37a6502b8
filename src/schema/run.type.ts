import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from './connection';
import { LogLevel, RunStatus, RunType } from './enums';
import { Node } from './node.interface';

@ObjectType({ description: "One line of a run's log." })
export class RunLogEntry {
  @Field({ description: 'When it was written.' })
  at!: Date;

  @Field(() => LogLevel, { description: 'Severity.' })
  level!: LogLevel;

  @Field({ description: 'What happened, in words.' })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: 'External id of the record concerned, when there is one.',
  })
  externalId!: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Structured detail (never secrets).' })
  data!: Record<string, unknown> | null;
}

export const RunLogConnection = Connection(RunLogEntry, 'RunLog', 'run log entry');

@ObjectType({
  implements: Node,
  description: 'One execution of a connector: a sync, a test, a backfill.',
})
export class Run extends Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  declare id: string;

  @Field(() => RunType, { description: 'What started it.' })
  type!: RunType;

  @Field(() => RunStatus, { description: 'Where it is in its life.' })
  status!: RunStatus;

  @Field(() => Int, {
    description: '1 for a first run; a retry counts up from the run it retries.',
  })
  attempt!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Seconds from start to end; null until it ends.',
  })
  durationSeconds!: number | null;

  @Field(() => Boolean, {
    description:
      'cancelRun asked this run to stop while RUNNING: it ends CANCELLED at its next page boundary, keeping its checkpoint.',
  })
  cancelRequested!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it failed; null unless FAILED.' })
  errorMessage!: string | null;

  @Field({ description: 'Who or what started it: "admin", "token:<name>", "scheduler".' })
  triggeredBy!: string;

  @Field(() => Date, {
    nullable: true,
    description: 'The cron tick it was started for (SCHEDULED runs).',
  })
  scheduledFor!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When a worker started it.' })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it ended.' })
  completedAt!: Date | null;
}

export const RunConnection = Connection(Run, 'Run', 'run');
