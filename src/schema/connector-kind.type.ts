import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { AuthType, ConnectorKind } from './enums';
import { UserError } from './user-error.type';

@ObjectType({ description: 'What a connector kind can do in this hub.' })
export class ConnectorKindInfo {
  @Field(() => ConnectorKind, { description: 'The kind.' })
  kind!: ConnectorKind;

  @Field(() => [AuthType], {
    description: 'Auth types it accepts, in the order a form offers them.',
  })
  authTypes!: AuthType[];

  @Field({ description: 'Its connection can be tested (testConnector, testConnection).' })
  canTest!: boolean;

  @Field({ description: 'Its records can be synced (runConnector, retryRun).' })
  canSync!: boolean;

  @Field({ description: 'It can sync a window of whole days (backfillConnector).' })
  canBackfill!: boolean;

  @Field({ description: 'It can run on a cron schedule; a schedule is refused otherwise.' })
  canSchedule!: boolean;

  @Field({ description: 'Accepts records pushed to an inbound webhook.' })
  canPush!: boolean;

  @Field(() => GraphQLJSON, {
    description: "The kind's config as JSON Schema, with defaults and limits, for forms.",
  })
  configSchema!: Record<string, unknown>;
}

@InputType({ description: 'An unsaved connector configuration to test.' })
export class TestConnectionInput {
  @Field(() => ConnectorKind, { description: 'Protocol family.' })
  kind!: ConnectorKind;

  @Field(() => AuthType, { description: 'How it authenticates; must be one the kind accepts.' })
  authType!: AuthType;

  @Field(() => GraphQLJSON, { description: "Non-secret settings, validated by the kind's schema." })
  config!: unknown;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description:
      'Secrets for authType; omitted with connectorId: that connector\u2019s stored secrets are used.',
  })
  credentials?: unknown;

  @Field(() => String, {
    nullable: true,
    description: 'The source entity, for config defaults derived from it (e.g. issuerName).',
  })
  sourceEntity?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'An existing connector of the same kind and auth type whose stored secrets stand in for omitted credentials (testing an edit before saving it).',
  })
  connectorId?: string | null;
}

@ObjectType({ description: 'How a connection test of an unsaved configuration went.' })
export class TestConnectionPayload {
  @Field({ description: 'True when the source was reached and accepted the credentials.' })
  ok!: boolean;

  @Field({ description: 'What the test found, or why it failed (never a secret).' })
  message!: string;

  @Field(() => Float, { description: 'How long the test took, in seconds.' })
  durationSeconds!: number;

  @Field(() => [UserError], {
    description: 'Input that could not be tested (bad config or credentials); empty otherwise.',
  })
  userErrors!: UserError[];
}
