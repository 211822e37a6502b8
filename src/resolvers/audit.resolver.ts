import {
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { AuditEntryModel } from '../models/audit-entry.model';
import { AuditEntry, AuditEntryConnection } from '../schema/audit.type';
import { LongPageArgs } from '../schema/connection';
import type { Context } from '../schema/context.type';
import { toGlobalId } from '../schema/global-id';

@ArgsType()
class AuditLogArgs extends LongPageArgs {
  @Field(() => String, { nullable: true, description: 'Only this mutation, e.g. updateConnector.' })
  action?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only calls by this token name ("admin" or "token:<name>").',
  })
  actor?: string | null;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized('ADMIN')
  @Query(() => AuditEntryConnection, {
    description: 'Every mutation made, newest first (ADMIN only).',
  })
  auditLog(@Args() args: AuditLogArgs, @Ctx() { services }: Context) {
    return services.audit.list(args.first, args.after, args);
  }

  @FieldResolver(() => ID, { description: 'Globally unique, opaque identifier.' })
  id(@Root() entry: AuditEntryModel): string {
    return toGlobalId('AuditEntry', entry.id);
  }
}
