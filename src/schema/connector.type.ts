import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from './connection';
import { AuthType, ConnectorKind, ConnectorStatus } from './enums';
import { Node } from './node.interface';

@ObjectType({ description: 'When a connector runs on its own.' })
export class Schedule {
  @Field({ description: 'True when the scheduler starts runs from the cron expression.' })
  enabled!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Five- or six-field cron expression; null when the connector only runs on demand.',
  })
  cron!: string | null;

  @Field({ description: 'IANA time zone the cron is evaluated in, e.g. Asia/Kolkata.' })
  timezone!: string;

  @Field(() => Date, {
    nullable: true,
    description: 'Next time the scheduler will start a run; null when disabled or paused.',
  })
  nextRunAt!: Date | null;
}

@ObjectType({
  description: 'How the sync runs of a connector have gone (TEST runs are not syncs).',
})
export class ConnectorStats {
  @Field(() => Int, {
    description: 'Finished sync runs (TEST runs are not syncs): succeeded, failed or cancelled.',
  })
  totalRuns!: number;

  @Field(() => Int, { description: 'Sync runs that ended SUCCESS or PARTIAL_SUCCESS.' })
  successCount!: number;

  @Field(() => Int, { description: 'Sync runs that ended FAILED.' })
  failureCount!: number;

  @Field(() => Int, { description: 'Runs an operator cancelled: neither success nor failure.' })
  cancelledCount!: number;

  @Field(() => Float, {
    description:
      'successCount / (successCount + failureCount) over finished sync runs, 0..1; 0 when none.',
  })
  successRate!: number;
}

@ObjectType({ implements: Node, description: 'One configured connection to an outside system.' })
export class Connector extends Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  declare id: string;

  @Field({ description: 'Unique name (case-insensitive), chosen by the admin.' })
  name!: string;

  @Field(() => ConnectorKind, { description: 'The protocol family this connector speaks.' })
  kind!: ConnectorKind;

  @Field({
    description: 'Which outside party this connector reads, e.g. NSDC, SABPAISA, HDFC_BANK.',
  })
  sourceEntity!: string;

  @Field(() => ConnectorStatus, { description: 'Whether it runs, and how its last check went.' })
  status!: ConnectorStatus;

  @Field(() => AuthType, { description: 'How it authenticates to the source.' })
  authType!: AuthType;

  @Field(() => GraphQLJSON, {
    description:
      "Non-secret connection settings, validated per kind, with the kind's defaults filled in.",
  })
  config!: Record<string, unknown>;

  @Field({ description: 'True when write-only secrets are stored for this connector.' })
  hasCredentials!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the stored secrets were last written.' })
  credentialsUpdatedAt!: Date | null;

  @Field(() => Schedule, { description: 'When it runs on its own.' })
  schedule!: Schedule;

  @Field(() => ConnectorStats, { description: 'How its runs have gone.' })
  stats!: ConnectorStats;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;

  @Field({ description: 'When its settings last changed.' })
  updatedAt!: Date;
}

export const ConnectorConnection = Connection(Connector, 'Connector', 'connector');
