import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Scheduler } from '../scheduler/scheduler';
import { Connector } from '../schema/connector.type';
import type { Context } from '../schema/context.type';
import { BadInputError } from '../schema/errors';
import { SchedulerPayload, SchedulerStatus, UpcomingRun } from '../schema/scheduler.type';
import { logContext } from '../logger';

const UPCOMING_MAX = 100;

function snapshot(scheduler: Scheduler): SchedulerStatus {
  return { ...scheduler.status() };
}

@Resolver(() => SchedulerStatus)
export class SchedulerResolver {
  @Query(() => SchedulerStatus, {
    description: "This process's scheduler, the run queue, and the next scheduled runs.",
  })
  scheduler(@Ctx() { services }: Context): SchedulerStatus {
    return snapshot(services.scheduler);
  }

  @Authorized('ADMIN')
  @Mutation(() => SchedulerPayload, {
    description:
      "Starts this process's scheduler (other replicas keep their own state); a no-op when running.",
  })
  async startScheduler(@Ctx() { services, caller, logger }: Context): Promise<SchedulerPayload> {
    // Its timers outlive this request: they must not carry its requestId into their log lines.
    await logContext.exit(() => services.scheduler.start());
    logger.info({ by: caller.name }, 'scheduler started through the API');
    return { scheduler: snapshot(services.scheduler), userErrors: [] };
  }

  @Authorized('ADMIN')
  @Mutation(() => SchedulerPayload, {
    description:
      "Stops this process's scheduler; queued runs stay queued and other replicas keep firing.",
  })
  async stopScheduler(@Ctx() { services, caller, logger }: Context): Promise<SchedulerPayload> {
    await services.scheduler.stop();
    logger.info({ by: caller.name }, 'scheduler stopped through the API');
    return { scheduler: snapshot(services.scheduler), userErrors: [] };
  }

  @FieldResolver(() => Int, { description: 'Runs RUNNING now, across every replica.' })
  async activeRuns(@Root() status: SchedulerStatus, @Ctx() { services }: Context) {
    status.counts ??= services.scheduler.runCounts();
    return (await status.counts).running;
  }

  @FieldResolver(() => Int, { description: 'Runs QUEUED and waiting for a worker.' })
  async queuedRuns(@Root() status: SchedulerStatus, @Ctx() { services }: Context) {
    status.counts ??= services.scheduler.runCounts();
    return (await status.counts).queued;
  }

  @FieldResolver(() => [UpcomingRun], {
    description:
      'The next fire time of each scheduled connector (not PAUSED, schedule enabled), soonest first.',
  })
  upcoming(
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: 10,
      description: `How many, 0..${UPCOMING_MAX}; null means the default.`,
    })
    first: number | null,
    @Ctx() { services }: Context,
  ): Promise<UpcomingRun[]> {
    const count = first ?? 10;
    if (count < 0 || count > UPCOMING_MAX) {
      throw new BadInputError(`first must be between 0 and ${UPCOMING_MAX}`);
    }
    return services.scheduler.upcoming(count);
  }
}

@Resolver(() => UpcomingRun)
export class UpcomingRunResolver {
  @FieldResolver(() => Connector, { description: 'The connector that will run.' })
  async connector(@Root() upcoming: UpcomingRun, @Ctx() { loaders }: Context) {
    const connector = await loaders.connector.load(upcoming.connectorId);
    if (!connector) throw new Error(`connector ${upcoming.connectorId} is gone`);
    return connector;
  }
}
