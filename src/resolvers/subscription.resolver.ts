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
import type { HubEvent, HubEventFilter, HubEventSource, HubTopic } from '../pubsub/events';
import { mapDefined } from '../pubsub/map-async';
import { Connector } from '../schema/connector.type';
import type { Context } from '../schema/context.type';
import { RunStatus } from '../schema/enums';
import { BadInputError } from '../schema/errors';
import { idOf, type NodeType } from '../schema/global-id';
import { loadersForEvent } from '../schema/loaders';
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
type ConnectorEvent = Extract<HubEvent, { type: 'connector' }>;

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
 * A subscription's context lives as long as the subscription: resolve each
 * event with that event's loaders, shared by all of its subscribers in this
 * process (one read per event, not per subscriber) and fresh per event (its
 * fields read as they are now, not from an earlier event's cache).
 */
function useEventLoaders(context: Context, event: HubEvent): void {
  context.loaders = loadersForEvent(event, context.services);
}

/** The computed part of a progress event, once per event for all its subscribers. */
const progressEvents = new WeakMap<RunEvent, RunProgressEvent>();

function progressEventOf(event: RunEvent): RunProgressEvent {
  let resolved = progressEvents.get(event);
  if (!resolved) {
    const at = new Date(event.at);
    resolved = {
      runId: event.runId,
      status: event.status as RunStatus,
      at,
      progress: progressOf(event.counters, event.phase, event.startedAt, at),
      stats: statsOf(event.runId, event.counters),
    };
    progressEvents.set(event, resolved);
  }
  return resolved;
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
      const topic: HubTopic =
        runId !== null
          ? `run:${runId}`
          : connectorId !== null
            ? `connector:${connectorId}`
            : 'type:run';
      const filter: HubEventFilter = (event) =>
        isRun(event) &&
        (runId === null || event.runId === runId) &&
        (connectorId === null || event.connectorId === connectorId);
      // The event carries status, phase, counters and ids: nothing is read
      // here; `run` is loaded only when selected, once per event.
      return events(context).subscribe(filter, {
        topic,
        onOverflow: context.dropSlowSubscriber,
      });
    },
  })
  runProgress(
    @Root() event: RunEvent,
    @Args() _args: RunProgressArgs,
    @Ctx() context: Context,
  ): RunProgressEvent {
    useEventLoaders(context, event);
    return progressEventOf(event);
  }

  @Authorized('VIEWER')
  @Subscription(() => Run, {
    description:
      'Emitted on every run status change, and when a running run is asked to cancel (cancelRequested).',
    subscribe: ({ args, context }: Data<RunUpdatedArgs>) => {
      const connectorId = optionalId('Connector', args.connectorId, 'connectorId');
      const filter: HubEventFilter = (event) =>
        isRun(event) &&
        event.statusChanged &&
        (connectorId === null || event.connectorId === connectorId);
      const source = events(context).subscribe(filter, {
        topic: connectorId !== null ? `connector:${connectorId}` : 'type:run',
        onOverflow: context.dropSlowSubscriber,
      });
      // Runs deleted meanwhile are left out, and reconciliations (reconciliationUpdated
      // tells theirs); the row is read once per event.
      return mapDefined(source, async (event) => {
        const run = await loadersForEvent(event, context.services).run.load(
          (event as RunEvent).runId,
        );
        return run?.jobKind === 'SYNC' ? event : undefined;
      });
    },
  })
  async runUpdated(
    @Root() event: RunEvent,
    @Args() _args: RunUpdatedArgs,
    @Ctx() context: Context,
  ): Promise<RunModel> {
    useEventLoaders(context, event);
    const run = await context.loaders.run.load(event.runId);
    if (!run) throw new Error(`run ${event.runId} no longer exists`);
    // The status change this event is for, even when the row has moved on
    // (a QUEUED event read after a worker claimed the run): every change is
    // told, in order, with the counters it was made with.
    return Object.assign(Object.create(Object.getPrototypeOf(run) as object) as RunModel, run, {
      status: event.status,
      phase: event.phase,
      ...event.counters,
    });
  }

  @Authorized('VIEWER')
  @Subscription(() => Connector, {
    description:
      'Emitted when a connector is created, changed, paused, resumed, tested, or one of its runs ends; not when it is deleted.',
    subscribe: ({ args, context }: Data<ConnectorUpdatedArgs>) => {
      const id = optionalId('Connector', args.id, 'id');
      const filter: HubEventFilter = (event) =>
        event.type === 'connector' && !event.deleted && (id === null || event.connectorId === id);
      const source = events(context).subscribe(filter, {
        topic: id !== null ? `connector:${id}` : 'type:connector',
        onOverflow: context.dropSlowSubscriber,
      });
      // Connectors deleted meanwhile are left out; the row is read once per event.
      return mapDefined(source, async (event) => {
        const connector = await loadersForEvent(event, context.services).connector.load(
          (event as ConnectorEvent).connectorId,
        );
        return connector ? event : undefined;
      });
    },
  })
  async connectorUpdated(
    @Root() event: ConnectorEvent,
    @Args() _args: ConnectorUpdatedArgs,
    @Ctx() context: Context,
  ): Promise<ConnectorModel> {
    useEventLoaders(context, event);
    const connector = await context.loaders.connector.load(event.connectorId);
    if (!connector) throw new Error(`connector ${event.connectorId} no longer exists`);
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
  schedulerUpdated(@Root() event: HubEvent, @Ctx() context: Context): SchedulerStatus {
    useEventLoaders(context, event);
    return { ...context.services.scheduler.status() };
  }
}

@Resolver(() => RunProgressEvent)
export class RunProgressEventResolver {
  @FieldResolver(() => Run, { description: 'The run, as it is now.' })
  async run(@Root() event: RunProgressEvent, @Ctx() { loaders }: Context): Promise<RunModel> {
    // The event's own loaders (runProgress set them): one read for all its subscribers.
    const run = await loaders.run.load(event.runId);
    if (!run) throw new Error(`run ${event.runId} no longer exists`);
    return run;
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
