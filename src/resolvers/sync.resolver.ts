import { GraphQLJSON } from 'graphql-scalars';
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  Resolver,
  Root,
} from 'type-graphql';
import type { ConnectorModel } from '../models/connector.model';
import type { RunModel } from '../models/run.model';
import { LongPageArgs } from '../schema/connection';
import { Connector } from '../schema/connector.type';
import type { Context } from '../schema/context.type';
import { idOf } from '../schema/global-id';
import { RunPayload } from '../schema/payloads';
import { progressOf, RunProgress, RunStats, statsOf } from '../schema/progress.type';
import { Run } from '../schema/run.type';
import { BackfillConnectorInput, RunConnectorInput } from '../schema/sync.input';
import { SkipReason } from '../schema/enums';
import { RunWindow, SkippedRecordConnection } from '../schema/sync.type';
import { notFound, payload } from '../services/user-errors';

@ArgsType()
class SkippedArgs extends LongPageArgs {
  @Field(() => SkipReason, { nullable: true, description: 'Only records skipped for this reason.' })
  reason?: SkipReason | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only records whose external id contains this text (case-insensitive).',
  })
  search?: string | null;
}

const connectorId = (id: string, field: string[]) =>
  idOf('Connector', id) ?? notFound('no connector with this id', field);
const runId = (id: string) => idOf('Run', id) ?? notFound('no run with this id', ['id']);

/** Starting, cancelling and retrying syncs; what a run skipped. */
@Resolver(() => Run)
export class SyncResolver {
  @Authorized('OPERATOR')
  @Mutation(() => RunPayload, {
    description: 'Queues a MANUAL run and returns at once; progress streams on runProgress.',
  })
  runConnector(
    @Arg('input', () => RunConnectorInput) input: RunConnectorInput,
    @Ctx() { services, caller }: Context,
  ) {
    return payload(async () => ({
      run: await services.runCommands.runConnector(
        connectorId(input.id, ['input', 'id']),
        { from: input.from, to: input.to },
        caller.name,
      ),
    }));
  }

  @Authorized('OPERATOR')
  @Mutation(() => RunPayload, {
    description:
      'Queues a BACKFILL run over whole days (UTC); the incremental cursor does not move.',
  })
  backfillConnector(
    @Arg('input', () => BackfillConnectorInput) input: BackfillConnectorInput,
    @Ctx() { services, caller }: Context,
  ) {
    return payload(async () => ({
      run: await services.runCommands.backfill(
        connectorId(input.id, ['input', 'id']),
        input.from,
        input.to,
        caller.name,
      ),
    }));
  }

  @Authorized('OPERATOR')
  @Mutation(() => RunPayload, {
    description:
      'Cancels a queued run at once, or stops a running one at its next page boundary (checkpoint kept).',
  })
  cancelRun(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return payload(async () => ({ run: await services.runCommands.cancel(runId(id)) }));
  }

  @Authorized('OPERATOR')
  @Mutation(() => RunPayload, {
    description:
      'Queues a RETRY of a FAILED, CANCELLED or PARTIAL_SUCCESS run, from the saved checkpoint.',
  })
  retryRun(@Arg('id', () => ID) id: string, @Ctx() { services, caller }: Context) {
    return payload(async () => ({ run: await services.runCommands.retry(runId(id), caller.name) }));
  }

  @FieldResolver(() => RunStats, { description: 'Its record and page counters.' })
  stats(@Root() run: RunModel): RunStats {
    return statsOf(run.id, run);
  }

  @FieldResolver(() => RunProgress, {
    description: 'Phase, records processed, rate and ETA; final figures once it ended.',
  })
  progress(@Root() run: RunModel): RunProgress {
    return progressOf(run, run.phase, run.startedAt, run.completedAt ?? new Date());
  }

  @FieldResolver(() => RunWindow, {
    nullable: true,
    description: 'The window it was limited to; null for an incremental run.',
  })
  window(@Root() run: RunModel): RunWindow | null {
    return run.windowFrom || run.windowTo ? { from: run.windowFrom, to: run.windowTo } : null;
  }

  @FieldResolver(() => SkippedRecordConnection, {
    description: 'Records this run skipped or failed, each with its reason; kept for replay.',
  })
  skippedRecords(@Root() run: RunModel, @Args() args: SkippedArgs, @Ctx() { services }: Context) {
    return services.runs.skipped(run.id, args.first, args.after, args);
  }
}

@Resolver(() => Connector)
export class ConnectorSyncResolver {
  @FieldResolver(() => GraphQLJSON, {
    nullable: true,
    description:
      'Where incremental sync resumes: the saved cursor of each stream; null before the first page.',
  })
  async syncState(@Root() connector: ConnectorModel, @Ctx() { services }: Context) {
    return services.runs.syncState(connector.id);
  }
}
