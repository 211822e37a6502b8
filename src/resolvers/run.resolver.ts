import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RunModel } from '../models/run.model';
import { PageArgs, LongPageArgs } from '../schema/connection';
import { Connector } from '../schema/connector.type';
import type { Context } from '../schema/context.type';
import { LogLevel, RunStatus, RunType } from '../schema/enums';
import { idOf, toGlobalId } from '../schema/global-id';
import { Run, RunConnection, RunLogConnection } from '../schema/run.type';

@ArgsType()
class RunsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only runs of this connector.' })
  connectorId?: string | null;

  @Field(() => RunStatus, { nullable: true, description: 'Only runs in this status.' })
  status?: RunStatus | null;

  @Field(() => RunType, { nullable: true, description: 'Only runs of this type.' })
  type?: RunType | null;
}

@ArgsType()
class LogsArgs extends LongPageArgs {
  @Field(() => LogLevel, { nullable: true, description: 'Only entries of this level.' })
  level?: LogLevel | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only entries whose external id contains this text (case-insensitive).',
  })
  search?: string | null;
}

@Resolver(() => Run)
export class RunResolver {
  @Query(() => Run, { nullable: true, description: 'One run, or null when there is none.' })
  async run(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    const rowId = idOf('Run', id);
    return rowId === null ? null : ((await services.runs.get(rowId)) ?? null);
  }

  @Query(() => RunConnection, { description: 'Runs of every connector, newest first.' })
  runs(@Args() args: RunsArgs, @Ctx() { services }: Context) {
    // An id that is not a connector's matches no run (-1 is never an id).
    const connectorId = args.connectorId ? (idOf('Connector', args.connectorId) ?? -1) : null;
    return services.runs.list(args.first, args.after, { ...args, connectorId });
  }

  @FieldResolver(() => ID, { description: 'Globally unique, opaque identifier.' })
  id(@Root() run: RunModel): string {
    return toGlobalId('Run', run.id);
  }

  @FieldResolver(() => Connector, { description: 'The connector it ran.' })
  async connector(@Root() run: RunModel, @Ctx() { loaders }: Context) {
    const connector = await loaders.connector.load(run.connectorId);
    // Runs are deleted with their connector (ON DELETE CASCADE).
    if (!connector) throw new Error(`run ${run.id} has no connector`);
    return connector;
  }

  @FieldResolver(() => Number, {
    nullable: true,
    description: 'Seconds from start to end; null until it ends.',
  })
  durationSeconds(@Root() run: RunModel): number | null {
    if (!run.startedAt || !run.completedAt) return null;
    return (run.completedAt.getTime() - run.startedAt.getTime()) / 1000;
  }

  @FieldResolver(() => RunLogConnection, { description: 'Its log, oldest first.' })
  logs(@Root() run: RunModel, @Args() args: LogsArgs, @Ctx() { services }: Context) {
    return services.runs.logs(run.id, args.first, args.after, args);
  }
}
