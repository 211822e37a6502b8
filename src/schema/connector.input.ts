import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { AuthType, ConnectorKind } from './enums';

@InputType({ description: 'When a connector runs on its own.' })
export class ScheduleInput {
  @Field({ description: 'Start runs from the cron expression.' })
  enabled!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Five- or six-field cron (six: with seconds).',
  })
  cron?: string | null;

  @Field(() => String, {
    nullable: true,
    defaultValue: 'UTC',
    description: 'IANA time zone for the cron.',
  })
  timezone?: string | null;
}

@InputType({ description: 'A new connector.' })
export class CreateConnectorInput {
  @Field({ description: 'Unique name (case-insensitive).' })
  name!: string;

  @Field(() => ConnectorKind, { description: 'Protocol family; fixed once created.' })
  kind!: ConnectorKind;

  @Field({ description: 'Which outside party it reads, e.g. NSDC.' })
  sourceEntity!: string;

  @Field(() => AuthType, { description: 'How it authenticates; must be one the kind accepts.' })
  authType!: AuthType;

  @Field(() => GraphQLJSON, { description: "Non-secret settings, validated by the kind's schema." })
  config!: unknown;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description:
      'Write-only secrets for authType, e.g. {apiKey}, {clientId, clientSecret}, {username, password}, {privateKey}.',
  })
  credentials?: unknown;

  @Field(() => ScheduleInput, {
    nullable: true,
    description: 'Cron schedule; omitted: on demand only.',
  })
  schedule?: ScheduleInput | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Create PAUSED instead of ACTIVE.',
  })
  paused?: boolean | null;
}

@InputType({ description: 'Changes to a connector; omitted fields stay as they are.' })
export class UpdateConnectorInput {
  @Field(() => ID, { description: 'The connector to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New unique name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New source party.' })
  sourceEntity?: string | null;

  @Field(() => AuthType, {
    nullable: true,
    description: 'New auth type; needs credentials of its shape.',
  })
  authType?: AuthType | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'Replaces the whole config (validated, defaults filled).',
  })
  config?: unknown;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'Replaces the stored secrets when given; omitted keeps them.',
  })
  credentials?: unknown;

  @Field(() => ScheduleInput, { nullable: true, description: 'Replaces the schedule.' })
  schedule?: ScheduleInput | null;
}
