import { Field, ObjectType } from 'type-graphql';
import type { RunQueueCounts } from '../scheduler/scheduler';
import { Connector } from './connector.type';
import { UserError } from './user-error.type';

@ObjectType({
  description:
    "The cron scheduler of the process that answers, and the run queue every replica's scheduler feeds.",
})
export class SchedulerStatus {
  @Field({ description: "True while this process's scheduler fires cron ticks." })
  running!: boolean;

  @Field({ description: "This process's identity; several may share one database." })
  instanceId!: string;

  @Field(() => Date, {
    nullable: true,
    description: "When this process's scheduler was started; null while it is stopped.",
  })
  startedAt!: Date | null;

  // activeRuns, queuedRuns and upcoming are field resolvers (scheduler.resolver.ts).

  /** Shared by activeRuns and queuedRuns: one query for both. Not a GraphQL field. */
  counts?: Promise<RunQueueCounts>;
}

@ObjectType({ description: 'The next scheduled run of one connector.' })
export class UpcomingRun {
  // connector is a field resolver (scheduler.resolver.ts), batched through the DataLoader.
  connector?: Connector;

  @Field({ description: "When its cron next fires, evaluated in the connector's time zone." })
  at!: Date;

  /** The connector's row id. Not a GraphQL field. */
  connectorId!: number;
}

@ObjectType({ description: 'Result of starting or stopping the scheduler.' })
export class SchedulerPayload {
  @Field(() => SchedulerStatus, { description: "This process's scheduler as it is now." })
  scheduler!: SchedulerStatus;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}
