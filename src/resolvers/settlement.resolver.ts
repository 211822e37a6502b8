import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { SettlementModel, SourceFileModel } from '../models/settlement.model';
import { PageArgs } from '../schema/connection';
import { Connector } from '../schema/connector.type';
import type { Context } from '../schema/context.type';
import { DecimalScalar } from '../schema/decimal.scalar';
import { idOf, toGlobalId } from '../schema/global-id';
import { Run } from '../schema/run.type';
import { DateScalar } from '../schema/scalars';
import {
  Settlement,
  SettlementConnection,
  SettlementFilter,
  SourceFile,
  SourceFileConnection,
  SourceFileStatus,
} from '../schema/settlement.type';

@ArgsType()
class SettlementsArgs extends PageArgs {
  @Field(() => SettlementFilter, { nullable: true, description: 'Narrows the list.' })
  filter?: SettlementFilter | null;
}

@ArgsType()
class SourceFilesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only this connector’s files.' })
  connectorId?: string | null;

  @Field(() => SourceFileStatus, { nullable: true, description: 'Only files with this status.' })
  status?: SourceFileStatus | null;
}

/** An id of the wrong type matches nothing (-1 is never an id). */
const connectorFilter = (id: string | null | undefined) =>
  id ? (idOf('Connector', id) ?? -1) : null;

@Resolver()
export class SettlementQueryResolver {
  @Query(() => SettlementConnection, { description: 'Settlements banks reported, newest first.' })
  settlements(@Args() { first, after, filter }: SettlementsArgs, @Ctx() { services }: Context) {
    return services.settlements.list(first, after, {
      connectorId: connectorFilter(filter?.connectorId),
      valueDate: filter?.valueDate ?? null,
      search: filter?.search ?? null,
    });
  }

  @Query(() => SourceFileConnection, {
    description:
      'The ledger of files bank connectors looked at, one row per file per run, newest first.',
  })
  sourceFiles(
    @Args() { first, after, connectorId, status }: SourceFilesArgs,
    @Ctx() { services }: Context,
  ) {
    return services.settlements.sourceFiles(first, after, {
      connectorId: connectorFilter(connectorId),
      status: status ?? null,
    });
  }
}

@Resolver(() => Settlement)
export class SettlementResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque identifier.' })
  id(@Root() settlement: SettlementModel): string {
    return toGlobalId('Settlement', settlement.id);
  }

  @FieldResolver(() => DecimalScalar, { description: 'The amount settled, exact.' })
  amount(@Root() settlement: SettlementModel): string {
    return settlement.amount;
  }

  @FieldResolver(() => DateScalar, { description: 'The date the bank settled it.' })
  valueDate(@Root() settlement: SettlementModel): string {
    return settlement.valueDate;
  }

  @FieldResolver(() => Connector, {
    nullable: true,
    description: 'The connector that synced it; null once deleted.',
  })
  async connector(@Root() settlement: SettlementModel, @Ctx() { loaders }: Context) {
    return settlement.connectorId === null
      ? null
      : ((await loaders.connector.load(settlement.connectorId)) ?? null);
  }

  @FieldResolver(() => SourceFile, {
    nullable: true,
    description:
      'The file it came from (BANK_SFTP): the ledger row of the version it was last ingested in.',
  })
  async sourceFile(@Root() settlement: SettlementModel, @Ctx() { services }: Context) {
    return settlement.sourceFileId === null
      ? null
      : ((await services.settlements.sourceFile(settlement.sourceFileId)) ?? null);
  }

  @FieldResolver(() => Run, { nullable: true, description: 'The run that last wrote it.' })
  async run(@Root() settlement: SettlementModel, @Ctx() { services }: Context) {
    return settlement.runId === null ? null : ((await services.runs.get(settlement.runId)) ?? null);
  }
}

@Resolver(() => SourceFile)
export class SourceFileResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque identifier.' })
  id(@Root() file: SourceFileModel): string {
    return toGlobalId('SourceFile', file.id);
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: 'The cycle date it was read for.',
  })
  cycleDate(@Root() file: SourceFileModel): string | null {
    return file.cycleDate;
  }

  @FieldResolver(() => Connector, { description: 'The connector whose run looked at it.' })
  async connector(@Root() file: SourceFileModel, @Ctx() { loaders }: Context) {
    const connector = await loaders.connector.load(file.connectorId);
    if (!connector) throw new Error(`source file ${file.id} has no connector`);
    return connector;
  }

  @FieldResolver(() => Run, { nullable: true, description: 'The run that looked at it.' })
  async run(@Root() file: SourceFileModel, @Ctx() { services }: Context) {
    return file.runId === null ? null : ((await services.runs.get(file.runId)) ?? null);
  }
}
