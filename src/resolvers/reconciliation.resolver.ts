import DataLoader from 'dataloader';
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import type { ConnectorModel } from '../models/connector.model';
import type { ReconciliationModel, ReconExceptionModel } from '../models/reconciliation.model';
import type { RunModel } from '../models/run.model';
import type { SettlementModel } from '../models/settlement.model';
import type { TransactionModel } from '../models/transaction.model';
import type { HubEvent } from '../pubsub/events';
import { mapDefined } from '../pubsub/map-async';
import { LongPageArgs, PageArgs } from '../schema/connection';
import { Connector } from '../schema/connector.type';
import type { Context } from '../schema/context.type';
import { DecimalScalar } from '../schema/decimal.scalar';
import { RunStatus } from '../schema/enums';
import { BadInputError } from '../schema/errors';
import { idOf, toGlobalId } from '../schema/global-id';
import { PaymentTransaction } from '../schema/payment.type';
import {
  ReconciliationConnection,
  ReconciliationPayload,
  ReconciliationSummary,
  ReconException,
  ReconExceptionConnection,
  ReconExceptionPayload,
  ReconRuleCount,
  ReconRules,
  ReconStatus,
  ReconStatusCount,
  ResolveReconExceptionInput,
  RunReconciliationInput,
} from '../schema/reconciliation.type';
import { Run } from '../schema/run.type';
import { DateScalar } from '../schema/scalars';
import { Settlement } from '../schema/settlement.type';
import { pageRequest } from '../services/pagination';
import type { Services } from '../services';
import { payload } from '../services/user-errors';
import type { ReconExceptionStatus } from '../domains/reconciliation/rules';

type RunEvent = Extract<HubEvent, { type: 'run' }>;

/** 'YYYY-MM-DD' of a Date scalar's value (graphql-scalars parses it to a Date at UTC midnight). */
export function dateText(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** The row id of a connector id argument; a wrong kind of id matches no connector (-1). */
const connectorArg = (id: string | null | undefined): number | null =>
  id ? (idOf('Connector', id) ?? -1) : null;

/** This request's reconciliation loaders: one statement per level for any page. */
interface ReconLoaders {
  reconciliation: DataLoader<number, ReconciliationModel | undefined>;
  transaction: DataLoader<number, TransactionModel | undefined>;
  settlement: DataLoader<number, SettlementModel | undefined>;
}

const perRequest = new WeakMap<object, ReconLoaders>();

function reconLoaders(context: Context): ReconLoaders {
  let loaders = perRequest.get(context);
  if (!loaders) {
    const { reconciliations } = context.services;
    const byIds =
      <T>(load: (ids: readonly number[]) => Promise<Map<number, T>>) =>
      async (ids: readonly number[]) => {
        const found = await load(ids);
        return ids.map((id) => found.get(id));
      };
    loaders = {
      reconciliation: new DataLoader(byIds((ids) => reconciliations.getMany(ids))),
      transaction: new DataLoader(byIds((ids) => reconciliations.transactionsByIds(ids))),
      settlement: new DataLoader(byIds((ids) => reconciliations.settlementsByIds(ids))),
    };
    perRequest.set(context, loaders);
  }
  return loaders;
}

/** A run event's reconciliation, read once per event whatever the number of subscribers. */
const perEvent = new WeakMap<object, Promise<ReconciliationModel | undefined>>();
function reconciliationOfEvent(event: RunEvent, services: Services) {
  let found = perEvent.get(event);
  if (!found) {
    found = services.reconciliations.byRuns([event.runId]).then((map) => map.get(event.runId));
    perEvent.set(event, found);
  }
  return found;
}

@ArgsType()
class ReconciliationArgs {
  @Field(() => DateScalar, { description: 'The cycle date.' })
  cycleDate!: Date | string;

  @Field(() => ID, { nullable: true, description: 'Only results of this gateway connector.' })
  pgConnectorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only results of this bank connector.' })
  bankConnectorId?: string | null;
}

@ArgsType()
class ReconciliationsArgs extends PageArgs {
  @Field(() => DateScalar, { nullable: true, description: 'Only this cycle date.' })
  cycleDate?: Date | string | null;
}

@ArgsType()
class ExceptionsArgs extends LongPageArgs {
  @Field(() => ReconStatus, { nullable: true, description: 'Only exceptions of this status.' })
  status?: ReconStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only resolved (true) or unresolved (false) exceptions.',
  })
  resolved?: boolean | null;
}

@ArgsType()
class ReconciliationUpdatedArgs {
  @Field(() => DateScalar, { nullable: true, description: 'Only reconciliations of this cycle.' })
  cycleDate?: Date | string | null;
}

@Resolver()
export class ReconciliationRootResolver {
  @Query(() => ReconciliationSummary, {
    nullable: true,
    description:
      'The latest stored (not dry-run) result for the cycle; the connector ids narrow it when several pairs are reconciled.',
  })
  reconciliation(
    @Args() { cycleDate, pgConnectorId, bankConnectorId }: ReconciliationArgs,
    @Ctx() { services }: Context,
  ) {
    return services.reconciliations.forCycle(
      dateText(cycleDate),
      connectorArg(pgConnectorId),
      connectorArg(bankConnectorId),
    );
  }

  @Query(() => ReconciliationConnection, {
    description: 'Reconciliations, dry runs included, newest first.',
  })
  reconciliations(
    @Args() { first, after, cycleDate }: ReconciliationsArgs,
    @Ctx() { services }: Context,
  ) {
    return services.reconciliations.list(first, after, cycleDate ? dateText(cycleDate) : null);
  }

  @Authorized('OPERATOR')
  @Mutation(() => ReconciliationPayload, {
    description:
      'Queues a reconciliation and returns at once, QUEUED; its status streams on reconciliationUpdated.',
  })
  runReconciliation(
    @Arg('input', () => RunReconciliationInput) input: RunReconciliationInput,
    @Ctx() { services, caller }: Context,
  ) {
    return payload(async () => {
      const queued = await services.reconciliations.run(
        {
          cycleDate: dateText(input.cycleDate),
          pgConnectorId: connectorArg(input.pgConnectorId),
          bankConnectorId: connectorArg(input.bankConnectorId),
          amountTolerance: input.amountTolerance,
          amountTolerancePercent: input.amountTolerancePercent,
          dateWindowDays: input.dateWindowDays,
          dryRun: input.dryRun,
        },
        caller.name,
      );
      // As the mutation left it, even when a worker has claimed it since.
      statusOverride.set(queued, RunStatus.QUEUED);
      return { reconciliation: queued };
    });
  }

  @Authorized('OPERATOR')
  @Mutation(() => ReconExceptionPayload, {
    description: 'Marks an exception worked, with who, when and a note; once only.',
  })
  resolveReconException(
    @Arg('input', () => ResolveReconExceptionInput) input: ResolveReconExceptionInput,
    @Ctx() { services, caller }: Context,
  ) {
    return payload(async () => ({
      exception: await services.reconciliations.resolve(
        idOf('ReconException', input.id) ?? -1,
        input.note,
        caller.name,
      ),
    }));
  }

  @Authorized('VIEWER')
  @Subscription(() => ReconciliationSummary, {
    description: 'Emitted when a reconciliation is queued, starts and ends.',
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<unknown, ReconciliationUpdatedArgs, Context>) => {
      const cycleDate = args.cycleDate ? dateText(args.cycleDate) : null;
      const source = context.services.notifier;
      if (!source) throw new BadInputError('live updates are not available on this server');
      const events = source.subscribe((event) => event.type === 'run' && event.statusChanged, {
        topic: 'type:run',
        onOverflow: context.dropSlowSubscriber,
      });
      // Run status changes of reconciliation runs only (of the cycle asked for).
      return mapDefined(events, async (event) => {
        const found = await reconciliationOfEvent(event as RunEvent, context.services);
        if (!found || (cycleDate && found.cycleDate !== cycleDate)) return undefined;
        return event;
      });
    },
  })
  async reconciliationUpdated(
    @Root() event: RunEvent,
    @Args() _args: ReconciliationUpdatedArgs,
    @Ctx() context: Context,
  ): Promise<ReconciliationModel> {
    const found = await reconciliationOfEvent(event, context.services);
    if (!found) throw new Error(`run ${event.runId} is no reconciliation`);
    // The status this event tells, even when the run has moved on since.
    statusOverride.set(found, event.status as RunStatus);
    // A fresh read: the summary written with the run's end.
    const now = await context.services.reconciliations.get(found.id);
    if (!now) throw new Error(`reconciliation ${found.id} no longer exists`);
    statusOverride.set(now, event.status as RunStatus);
    return now;
  }
}

/** The run status an event told, for the summary it is delivered with. */
const statusOverride = new WeakMap<object, RunStatus>();

@Resolver(() => ReconciliationSummary)
export class ReconciliationSummaryResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque identifier.' })
  id(@Root() recon: ReconciliationModel): string {
    return toGlobalId('ReconciliationSummary', recon.id);
  }

  @FieldResolver(() => DateScalar, { description: 'The cycle date reconciled.' })
  cycleDate(@Root() recon: ReconciliationModel): string {
    return recon.cycleDate;
  }

  private async runOf(recon: ReconciliationModel, context: Context): Promise<RunModel> {
    const run = await context.loaders.run.load(recon.runId);
    if (!run) throw new Error(`reconciliation ${recon.id} has no run`);
    return run;
  }

  /** Its run's state as read with its row (one snapshot); the run itself otherwise. */
  private async jobOf(recon: ReconciliationModel, context: Context) {
    if (recon.job) {
      return {
        ...recon.job,
        startedAt: recon.job.startedAt ? new Date(recon.job.startedAt) : null,
        completedAt: recon.job.completedAt ? new Date(recon.job.completedAt) : null,
      };
    }
    return this.runOf(recon, context);
  }

  @FieldResolver(() => RunStatus, { description: 'The status of its job (its run).' })
  async status(@Root() recon: ReconciliationModel, @Ctx() context: Context) {
    return statusOverride.get(recon) ?? (await this.jobOf(recon, context)).status;
  }

  @FieldResolver(() => Run, {
    description: 'Its job on the shared queue: logs, heartbeat; cancelRun cancels it.',
  })
  run(@Root() recon: ReconciliationModel, @Ctx() context: Context) {
    return this.runOf(recon, context);
  }

  @FieldResolver(() => Connector, {
    nullable: true,
    description: 'The gateway (transactions) connector.',
  })
  async pgConnector(@Root() recon: ReconciliationModel, @Ctx() { loaders }: Context) {
    return ((await loaders.connector.load(recon.pgConnectorId)) as ConnectorModel) ?? null;
  }

  @FieldResolver(() => Connector, {
    nullable: true,
    description: 'The bank (settlements) connector.',
  })
  async bankConnector(@Root() recon: ReconciliationModel, @Ctx() { loaders }: Context) {
    return ((await loaders.connector.load(recon.bankConnectorId)) as ConnectorModel) ?? null;
  }

  @FieldResolver(() => ReconRules, { description: 'The rules it matched with.' })
  rules(@Root() recon: ReconciliationModel): ReconRules {
    return {
      amountTolerance: recon.amountTolerance,
      amountTolerancePercent: Number(recon.amountTolerancePercent),
      dateWindowDays: recon.dateWindowDays,
    };
  }

  @FieldResolver(() => Float, { description: 'matchedCount / max(pgCount, 1).' })
  matchRate(@Root() recon: ReconciliationModel): number {
    return recon.matchedCount / Math.max(recon.pgCount, 1);
  }

  @FieldResolver(() => [ReconStatusCount], {
    description: 'Counts and amounts by status, every status listed (zero when none).',
  })
  byStatus(@Root() recon: ReconciliationModel) {
    return recon.byStatus;
  }

  @FieldResolver(() => [ReconRuleCount], {
    description: 'Matched transactions and amounts by rule, every rule listed (zero when none).',
  })
  byRule(@Root() recon: ReconciliationModel) {
    return recon.byRule;
  }

  @FieldResolver(() => String, {
    description:
      "Path of this result's exceptions as CSV, e.g. /reconciliations/<id>/exceptions.csv (same bearer token).",
  })
  exceptionsCsvUrl(@Root() recon: ReconciliationModel): string {
    return `/reconciliations/${toGlobalId('ReconciliationSummary', recon.id)}/exceptions.csv`;
  }

  @FieldResolver(() => String, { description: 'Who or what asked for it.' })
  async triggeredBy(@Root() recon: ReconciliationModel, @Ctx() context: Context) {
    return (await this.jobOf(recon, context)).triggeredBy;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why it failed, when it did.' })
  async errorMessage(@Root() recon: ReconciliationModel, @Ctx() context: Context) {
    return (await this.jobOf(recon, context)).errorMessage;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When a worker started it.' })
  async startedAt(@Root() recon: ReconciliationModel, @Ctx() context: Context) {
    return (await this.jobOf(recon, context)).startedAt;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When it ended.' })
  async completedAt(@Root() recon: ReconciliationModel, @Ctx() context: Context) {
    return (await this.jobOf(recon, context)).completedAt;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Seconds from start to end, once it ended.',
  })
  async durationSeconds(@Root() recon: ReconciliationModel, @Ctx() context: Context) {
    const run = await this.jobOf(recon, context);
    if (!run.startedAt || !run.completedAt) return null;
    return (run.completedAt.getTime() - run.startedAt.getTime()) / 1000;
  }

  @FieldResolver(() => ReconExceptionConnection, {
    description: 'Its exceptions, in the order they were found.',
  })
  exceptions(
    @Root() recon: ReconciliationModel,
    @Args() { first, after, status, resolved }: ExceptionsArgs,
    @Ctx() { services }: Context,
  ) {
    if (status === ReconStatus.MATCHED) {
      throw new BadInputError('status: MATCHED is not an exception status');
    }
    return services.reconciliations.exceptions(recon.id, pageRequest(first, after, 50), {
      status: (status ?? null) as ReconExceptionStatus | null,
      resolved: resolved ?? null,
    });
  }
}

@Resolver(() => ReconException)
export class ReconExceptionResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque identifier.' })
  id(@Root() exception: ReconExceptionModel): string {
    return toGlobalId('ReconException', exception.id);
  }

  @FieldResolver(() => ReconciliationSummary, { description: 'The result it belongs to.' })
  async reconciliation(@Root() exception: ReconExceptionModel, @Ctx() context: Context) {
    const found = await reconLoaders(context).reconciliation.load(exception.reconciliationId);
    if (!found) throw new Error(`exception ${exception.id} has no reconciliation`);
    return found;
  }

  @FieldResolver(() => ReconStatus, { description: 'What kind of exception it is.' })
  status(@Root() exception: ReconExceptionModel) {
    return exception.status;
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: 'The gateway side’s amount (summed when several), exact.',
  })
  pgAmount(@Root() exception: ReconExceptionModel) {
    return exception.pgAmount;
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: 'The bank side’s amount (summed when several), exact.',
  })
  bankAmount(@Root() exception: ReconExceptionModel) {
    return exception.bankAmount;
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: 'pgAmount minus bankAmount, when both exist.',
  })
  difference(@Root() exception: ReconExceptionModel) {
    return exception.difference;
  }

  @FieldResolver(() => [PaymentTransaction], {
    description: 'The gateway side of the exception (several for a DUPLICATE or a split).',
  })
  async transactions(@Root() exception: ReconExceptionModel, @Ctx() context: Context) {
    const rows = await reconLoaders(context).transaction.loadMany(
      exception.transactionIds.map(Number),
    );
    return rows.filter((row): row is TransactionModel => !!row && !(row instanceof Error));
  }

  @FieldResolver(() => [Settlement], { description: 'The bank side of the exception.' })
  async settlements(@Root() exception: ReconExceptionModel, @Ctx() context: Context) {
    const rows = await reconLoaders(context).settlement.loadMany(
      exception.settlementIds.map(Number),
    );
    return rows.filter((row): row is SettlementModel => !!row && !(row instanceof Error));
  }

  @FieldResolver(() => Boolean, { description: 'Whether someone has resolved it.' })
  resolved(@Root() exception: ReconExceptionModel): boolean {
    return exception.resolvedAt !== null;
  }
}
