import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Kind, type GraphQLResolveInfo, type SelectionNode } from 'graphql';
import type { ConnectorModel } from '../models/connector.model';
import { PageArgs } from '../schema/connection';
import { ConnectorConnection, Connector, ConnectorStats, Schedule } from '../schema/connector.type';
import { CreateConnectorInput, UpdateConnectorInput } from '../schema/connector.input';
import type { Context } from '../schema/context.type';
import { ConnectorKind, ConnectorStatus, RunStatus, RunType } from '../schema/enums';
import { idOf, toGlobalId } from '../schema/global-id';
import { ConnectorPayload, DeletePayload, RunPayload } from '../schema/payloads';
import { Run, RunConnection } from '../schema/run.type';
import { nextRunAt } from '../scheduler/next-run';
import { pageRequest, toConnection } from '../services/pagination';
import { notFound, payload } from '../services/user-errors';

@ArgsType()
class ConnectorsArgs extends PageArgs {
  @Field(() => ConnectorStatus, { nullable: true, description: 'Only connectors in this status.' })
  status?: ConnectorStatus | null;

  @Field(() => ConnectorKind, { nullable: true, description: 'Only connectors of this kind.' })
  kind?: ConnectorKind | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive match on name or sourceEntity.',
  })
  search?: string | null;
}

@ArgsType()
class ConnectorRunsArgs extends PageArgs {
  @Field(() => RunStatus, { nullable: true, description: 'Only runs in this status.' })
  status?: RunStatus | null;

  @Field(() => RunType, { nullable: true, description: 'Only runs of this type.' })
  type?: RunType | null;

  @Field(() => [RunType], {
    nullable: true,
    description: 'Only runs of one of these types (e.g. every sync type, to leave TEST runs out).',
  })
  types?: RunType[] | null;
}

/** True when the field being resolved selects `name` (directly or in a fragment). */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const within = (selections: readonly SelectionNode[]): boolean =>
    selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        return within(selection.selectionSet.selections);
      }
      const fragment = info.fragments[selection.name.value];
      return fragment ? within(fragment.selectionSet.selections) : false;
    });
  return info.fieldNodes.some((node) => node.selectionSet && within(node.selectionSet.selections));
}

/** The connector id inside `globalId`, or a NOT_FOUND userError at `field`. */
function connectorId(globalId: string, field: string[]): number {
  return idOf('Connector', globalId) ?? notFound('no connector with this id', field);
}

@Resolver(() => Connector)
export class ConnectorResolver {
  @Query(() => ConnectorConnection, { description: 'Connectors, newest first.' })
  connectors(@Args() args: ConnectorsArgs, @Ctx() { services }: Context) {
    return services.connectors.list(args.first, args.after, args);
  }

  @Query(() => Connector, {
    nullable: true,
    description: 'One connector, or null when there is none.',
  })
  async connector(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context) {
    const rowId = idOf('Connector', id);
    return rowId === null ? null : ((await loaders.connector.load(rowId)) ?? null);
  }

  @Authorized('ADMIN')
  @Mutation(() => ConnectorPayload, {
    description: 'Creates a connector; its secrets are stored encrypted.',
  })
  createConnector(@Arg('input') input: CreateConnectorInput, @Ctx() { services }: Context) {
    return payload(async () => ({ connector: await services.connectors.create(input) }));
  }

  @Authorized('ADMIN')
  @Mutation(() => ConnectorPayload, { description: 'Changes a connector; omitted fields stay.' })
  updateConnector(@Arg('input') input: UpdateConnectorInput, @Ctx() { services }: Context) {
    return payload(async () => ({
      connector: await services.connectors.update({
        ...input,
        id: connectorId(input.id, ['input', 'id']),
      }),
    }));
  }

  @Authorized('ADMIN')
  @Mutation(() => DeletePayload, {
    description: 'Deletes a connector with its runs and secrets; records it synced stay.',
  })
  deleteConnector(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return payload(async () => {
      await services.connectors.delete(connectorId(id, ['id']));
      return { deletedId: id };
    });
  }

  @Authorized('OPERATOR')
  @Mutation(() => ConnectorPayload, {
    description: 'Stops scheduled and manual runs until resumed.',
  })
  pauseConnector(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return payload(async () => ({
      connector: await services.connectors.pause(connectorId(id, ['id'])),
    }));
  }

  @Authorized('OPERATOR')
  @Mutation(() => ConnectorPayload, { description: 'Makes a paused connector ACTIVE again.' })
  resumeConnector(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return payload(async () => ({
      connector: await services.connectors.resume(connectorId(id, ['id'])),
    }));
  }

  @Authorized('OPERATOR')
  @Mutation(() => RunPayload, {
    description: 'Checks reachability and authentication; records a TEST run.',
  })
  testConnector(@Arg('id', () => ID) id: string, @Ctx() { services, caller }: Context) {
    return payload(async () => ({
      run: await services.connectors.test(connectorId(id, ['id']), caller.name),
    }));
  }

  @FieldResolver(() => ID, { description: 'Globally unique, opaque identifier.' })
  id(@Root() connector: ConnectorModel): string {
    return toGlobalId('Connector', connector.id);
  }

  @FieldResolver(() => Boolean, {
    description: 'True when write-only secrets are stored for this connector.',
  })
  async hasCredentials(@Root() connector: ConnectorModel, @Ctx() { loaders }: Context) {
    return (await loaders.secretsUpdatedAt.load(connector.id)) !== undefined;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When the stored secrets were last written.',
  })
  async credentialsUpdatedAt(@Root() connector: ConnectorModel, @Ctx() { loaders }: Context) {
    return (await loaders.secretsUpdatedAt.load(connector.id)) ?? null;
  }

  @FieldResolver(() => Schedule, { description: 'When it runs on its own.' })
  schedule(@Root() connector: ConnectorModel): Schedule {
    return {
      enabled: connector.scheduleEnabled,
      cron: connector.scheduleCron,
      timezone: connector.scheduleTimezone,
      // Evaluated only when selected (no database: the cron is on the row).
      get nextRunAt() {
        return nextRunAt(connector);
      },
    };
  }

  @FieldResolver(() => ConnectorStats, { description: 'How its runs have gone.' })
  stats(@Root() connector: ConnectorModel): ConnectorStats {
    const { totalRuns, successCount, failureCount, cancelledCount } = connector;
    const decided = successCount + failureCount;
    return {
      totalRuns,
      successCount,
      failureCount,
      cancelledCount,
      successRate: decided ? successCount / decided : 0,
    };
  }

  @FieldResolver(() => Run, {
    nullable: true,
    description: 'The last sync run (TEST runs excluded).',
  })
  async lastRun(@Root() connector: ConnectorModel, @Ctx() { loaders }: Context) {
    return (await loaders.lastRun.load(connector.id)) ?? null;
  }

  @FieldResolver(() => Run, { nullable: true, description: 'The last TEST run.' })
  async lastTest(@Root() connector: ConnectorModel, @Ctx() { loaders }: Context) {
    return (await loaders.lastTest.load(connector.id)) ?? null;
  }

  @FieldResolver(() => RunConnection, { description: 'Its runs, newest first.' })
  async runs(
    @Root() connector: ConnectorModel,
    @Args() args: ConnectorRunsArgs,
    @Ctx() { loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    // Batched: a page of connectors asking for runs(first: 5) costs one
    // statement, with their lastRun and, when selected, their totalCount.
    const page = pageRequest(args.first, args.after);
    const key = {
      parentId: connector.id,
      ...page,
      status: args.status,
      type: args.type,
      types: args.types,
    };
    if (selects(info, 'totalCount')) {
      const { rows, total } = await loaders.runLevel.load({ ...key, count: true });
      return toConnection(rows, page, total ?? 0, (row) => row);
    }
    const rows = await loaders.connectorRuns.load(key);
    return toConnection(
      rows,
      page,
      () => loaders.connectorRunCount.load(key),
      (row) => row,
    );
  }
}
