import {
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import type { ConnectorModel } from '../models/connector.model';
import type { RunModel } from '../models/run.model';
import type { HubEvent, HubEventFilter, HubEventSource } from '../pubsub/events';
import { mapDefined } from '../pubsub/map-async';
import { Connector } from '../schema/connector.type';
import type { Context } from '../schema/context.type';
import { RunStatus } from '../schema/enums';
import { BadInputError } from '../schema/errors';
import { idOf, type NodeType } from '../schema/global-id';
import { createLoaders } from '../schema/loaders';
import {
  progressOf,
  RunProgressEvent,
  RunStats,
  SkipCount,
  statsOf,
} from '../schema/progress.type';
import { Run } from '../schema/run.type';
import { SchedulerStatus } from '../schema/scheduler.type';

type RunEvent = Extract<HubEvent, { type: 'run' }>;

/** A progress event with its run row loaded (skipped when the run is gone). */
type LoadedRunEvent = { event: RunEvent; run: RunModel };

@ArgsType()
class RunProgressArgs {
  @Field(() => ID, { nullable: true, description: 'Only this run.' })
  runId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only runs of this connector.' })
  connectorId?: string | null;
}

@ArgsType()
class RunUpdatedArgs {
  @Field(() => ID, { nullable: true, description: 'Only runs of this connector.' })
  connectorId?: string | null;
}

@ArgsType()
class ConnectorUpdatedArgs {
  @Field(() => ID, { nullable: true, description: 'Only this connector.' })
  id?: string | null;
}

type Data<Args> = SubscribeResolverData<unknown, Args, Context>;

/** The row id of an optional id argument; a wrong kind of id is an error, not a silent no-match. */
function optionalId(type: NodeType, value: string | null | undefined, arg: string): number | null {
  if (value === null || value === undefined) return null;
  const id = idOf(type, value);
  if (id === null) throw new BadInputError(`${arg} is not the id of a ${type}`);
  return id;
}

function events(context: Context): HubEventSource {
  const notifier = context.services.notifier;
  if (!notifier) throw new Error('live updates are not configured in this process');
  return notifier;
}

/**
 * A subscription's context lives as long as the subscription; give every
 * event fresh DataLoaders so that its fields are read as they are now, not
 * from the cache of an earlier event.
 */
function refreshLoaders(context: Context): void {
  context.loaders = createLoaders(context.services);
}

function isRun(event: HubEvent): event is RunEvent {
  return event.type === 'run';
}

/**
 * GraphQL subscriptions, fed by the process's PgNotifier (LISTEN/NOTIFY), so
 * a change made by any replica reaches clients connected to any other. Each
 * needs at least the VIEWER role; the socket itself was authenticated at
 * connection_init (server/app.ts).
 */
@Resolver()
export class SubscriptionResolver {
  @Authorized('VIEWER')
  @Subscription(() => RunProgressEvent, {
    description: 'Progress of one run, or of every run of one connector, or of all runs.',
    subscribe: ({ args, context }: Data<RunProgressArgs>) => {
      const runId = optionalId('Run', args.runId, 'runId');
      const connectorId = optionalId('Connector', args.connectorId, 'connectorId');
      const filter: HubEventFilter = (event) =>
        isRun(event) &&
        (runId === null || event.runId === runId) &&
        (connectorId === null || event.connectorId === connectorId);
      return mapDefined(events(context).subscribe(filter), async (event) => {
        const run = await context.services.runs.get((event as RunEvent).runId);
        return run ? { event: event as RunEvent, run } : undefined;
      });
    },
  })
  runProgress(
    @Root() { event, run }: LoadedRunEvent,
    @Args() _args: RunProgressArgs,
    @Ctx() context: Context,
  ): RunProgressEvent {
    refreshLoaders(context);
    const at = new Date(event.at);
    return {
      runId: event.runId,
      run: run as unknown as Run,
      status: event.status as RunStatus,
      at,
      progress: progressOf(event.counters, event.phase, event.startedAt, at),
      stats: statsOf(event.runId, event.counters),
    };
  }

  @Authorized('VIEWER')
  @Subscription(() => Run, {
    description: 'Emitted on every run status change.',
    subscribe: ({ args, context }: Data<RunUpdatedArgs>) => {
      const connectorId = optionalId('Connector', args.connectorId, 'connectorId');
      const filter: HubEventFilter = (event) =>
        isRun(event) &&
        event.statusChanged &&
        (connectorId === null || event.connectorId === connectorId);
      return mapDefined(events(context).subscribe(filter), (event) =>
        context.services.runs.get((event as RunEvent).runId),
      );
    },
  })
  runUpdated(
    @Root() run: RunModel,
    @Args() _args: RunUpdatedArgs,
    @Ctx() context: Context,
  ): RunModel {
    refreshLoaders(context);
    return run;
  }

  @Authorized('VIEWER')
  @Subscription(() => Connector, {
    description:
      'Emitted when a connector is created, changed, paused, resumed, tested, or one of its runs ends; not when it is deleted.',
    subscribe: ({ args, context }: Data<ConnectorUpdatedArgs>) => {
      const id = optionalId('Connector', args.id, 'id');
      const filter: HubEventFilter = (event) =>
        event.type === 'connector' && !event.deleted && (id === null || event.connectorId === id);
      return mapDefined(events(context).subscribe(filter), (event) =>
        context.services.connectors.get(
          (event as Extract<HubEvent, { type: 'connector' }>).connectorId,
        ),
      );
    },
  })
  connectorUpdated(
    @Root() connector: ConnectorModel,
    @Args() _args: ConnectorUpdatedArgs,
    @Ctx() context: Context,
  ): ConnectorModel {
    refreshLoaders(context);
    return connector;
  }

  @Authorized('VIEWER')
  @Subscription(() => SchedulerStatus, {
    description:
      "This process's scheduler and the run queue, whenever a scheduler starts or stops, a run is queued, or a run's status changes.",
    subscribe: ({ context }: Data<Record<string, never>>) =>
      events(context).subscribe(
        (event) =>
          event.type === 'scheduler' ||
          event.type === 'run-queued' ||
          (event.type === 'run' && event.statusChanged),
      ),
  })
  schedulerUpdated(@Root() _event: HubEvent, @Ctx() context: Context): SchedulerStatus {
    refreshLoaders(context);
    return { ...context.services.scheduler.status() };
  }
}

@Resolver(() => RunProgressEvent)
export class RunProgressEventResolver {
  @FieldResolver(() => Run, { description: 'The run, as it is now.' })
  run(@Root() event: RunProgressEvent): Run {
    if (!event.run) throw new Error(`run ${event.runId} was not loaded`);
    return event.run;
  }
}

@Resolver(() => RunStats)
export class RunStatsResolver {
  @FieldResolver(() => [SkipCount], {
    description: 'Skipped records counted by reason (reasons with none left out).',
  })
  skipped(@Root() stats: RunStats, @Ctx() { loaders }: Context): Promise<SkipCount[]> {
    return loaders.skipCounts.load(stats.runId);
  }
}
