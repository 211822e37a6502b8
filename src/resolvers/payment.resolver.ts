import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { ExternalReferenceModel } from '../models/external-reference.model';
import type { TransactionModel } from '../models/transaction.model';
import { recordStatus } from '../services/records/record.service';
import { PageArgs } from '../schema/connection';
import { Connector } from '../schema/connector.type';
import type { Context } from '../schema/context.type';
import {
  ExternalRecord,
  ExternalRecordConnection,
  RecordStatus,
} from '../schema/external-record.type';
import { idOf, toGlobalId } from '../schema/global-id';
import {
  PaymentTransaction,
  PaymentTransactionConnection,
  TransactionFilter,
} from '../schema/payment.type';
import { Run } from '../schema/run.type';

@ArgsType()
class TransactionsArgs extends PageArgs {
  @Field(() => TransactionFilter, { nullable: true, description: 'Narrows the list.' })
  filter?: TransactionFilter | null;
}

@ArgsType()
class RecordsArgs extends PageArgs {
  @Field(() => ID, { description: 'The connector whose records to list.' })
  connectorId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Only records of this entity type, e.g. transaction.',
  })
  entityType?: string | null;

  @Field(() => RecordStatus, { nullable: true, description: 'Only MAPPED or only FAILED records.' })
  status?: RecordStatus | null;
}

/** The payments queries: transactions and the records they came from. */
@Resolver()
export class PaymentQueryResolver {
  @Query(() => PaymentTransactionConnection, {
    description: 'Gateway transactions, newest first.',
  })
  transactions(@Args() { first, after, filter }: TransactionsArgs, @Ctx() { services }: Context) {
    return services.transactions.list(first, after, {
      // An id of another type matches nothing (-1 is never an id).
      connectorId: filter?.connectorId ? (idOf('Connector', filter.connectorId) ?? -1) : null,
      cycleDate: filter?.cycleDate ? filter.cycleDate.toISOString().slice(0, 10) : null,
      merchantCode: filter?.merchantCode,
      status: filter?.status,
      search: filter?.search,
    });
  }

  @Query(() => ExternalRecordConnection, {
    description:
      'Records as received and as mapped, for any connector; failed ones can be re-mapped.',
  })
  records(
    @Args() { connectorId, first, after, entityType, status }: RecordsArgs,
    @Ctx() { services }: Context,
  ) {
    return services.records.list(idOf('Connector', connectorId) ?? -1, first, after, {
      entityType,
      status,
    });
  }
}

/** The run and connector an entity row points at, null once deleted. */
async function runOf(runId: number | null, { services }: Context) {
  return runId === null ? null : ((await services.runs.get(runId)) ?? null);
}
async function connectorOf(connectorId: number | null, { loaders }: Context) {
  return connectorId === null ? null : ((await loaders.connector.load(connectorId)) ?? null);
}

@Resolver(() => PaymentTransaction)
export class PaymentTransactionResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque identifier.' })
  id(@Root() row: TransactionModel): string {
    return toGlobalId('PaymentTransaction', row.id);
  }

  @FieldResolver(() => Connector, {
    nullable: true,
    description: 'The connector that synced it.',
  })
  connector(@Root() row: TransactionModel, @Ctx() context: Context) {
    return connectorOf(row.connectorId, context);
  }

  @FieldResolver(() => Run, {
    nullable: true,
    description: 'The run that last wrote it; null once that run is deleted.',
  })
  run(@Root() row: TransactionModel, @Ctx() context: Context) {
    return runOf(row.runId, context);
  }
}

@Resolver(() => ExternalRecord)
export class ExternalRecordResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque identifier.' })
  id(@Root() row: ExternalReferenceModel): string {
    return toGlobalId('ExternalRecord', row.id);
  }

  @FieldResolver(() => RecordStatus, {
    description: 'MAPPED (stored in the hub’s tables) or FAILED (kept raw, with its reason).',
  })
  status(@Root() row: ExternalReferenceModel): RecordStatus {
    return recordStatus(row) as RecordStatus;
  }

  @FieldResolver(() => Connector, {
    nullable: true,
    description: 'The connector it came from; null once deleted.',
  })
  connector(@Root() row: ExternalReferenceModel, @Ctx() context: Context) {
    return connectorOf(row.connectorId, context);
  }

  @FieldResolver(() => Run, {
    nullable: true,
    description: 'The run that last received it; null once that run is deleted.',
  })
  run(@Root() row: ExternalReferenceModel, @Ctx() context: Context) {
    return runOf(row.runId, context);
  }
}
