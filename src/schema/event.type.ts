import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from './connection';
import { Connector } from './connector.type';
import { Node } from './node.interface';
import { UserError } from './user-error.type';

// The events section of the contract: what the hub tells the outside world,
// where it sends it, and how that goes.

export enum EventType {
  CREDENTIAL_ISSUED = 'CREDENTIAL_ISSUED',
  CREDENTIAL_CLAIMED = 'CREDENTIAL_CLAIMED',
  RUN_COMPLETED = 'RUN_COMPLETED',
  RUN_FAILED = 'RUN_FAILED',
  RECONCILIATION_COMPLETED = 'RECONCILIATION_COMPLETED',
}
registerEnumType(EventType, {
  name: 'EventType',
  description: 'What happened: the type of an outbox event.',
  valuesConfig: {
    CREDENTIAL_ISSUED: { description: 'A credential was created (key: its course id).' },
    CREDENTIAL_CLAIMED: { description: "A learner's registration claimed a credential." },
    RUN_COMPLETED: { description: 'A run ended SUCCESS or PARTIAL_SUCCESS.' },
    RUN_FAILED: { description: 'A run ended FAILED.' },
    RECONCILIATION_COMPLETED: { description: 'A reconciliation finished.' },
  },
});

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  DEAD = 'DEAD',
}
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'Where one delivery of an event stands.',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet: waiting for its first attempt or a retry.' },
    DELIVERED: { description: 'The target acknowledged it (a webhook: 2xx within 10 s).' },
    FAILED: {
      description: 'Given up without a last attempt: its webhook was deleted first.',
    },
    DEAD: { description: 'Every attempt failed; waits for replayEvent.' },
  },
});

@ObjectType({ implements: Node, description: 'A URL that receives events, signed.' })
export class Webhook extends Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  declare id: string;

  @Field({ description: 'Where events are POSTed (http or https).' })
  url!: string;

  @Field(() => [EventType], { description: 'The event types it receives.' })
  events!: EventType[];

  @Field({ description: 'False once deleted: it receives nothing more.' })
  active!: boolean;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;
}

@ObjectType({ description: 'One event on its way to one target.' })
export class Delivery {
  @Field(() => Webhook, {
    nullable: true,
    description: 'The webhook it goes to; null for a sink.',
  })
  webhook?: Webhook | null;

  @Field({ description: 'Where it goes: "webhook" or "kafka:<topic>".' })
  sink!: string;

  @Field(() => DeliveryStatus, { description: 'Where it stands.' })
  status!: DeliveryStatus;

  @Field(() => Int, { description: 'Attempts made (replayEvent starts a new series).' })
  attempts!: number;

  @Field(() => String, { nullable: true, description: 'Why the last failed attempt failed.' })
  lastError!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the next attempt is due; null unless PENDING.',
  })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the target acknowledged it.' })
  deliveredAt!: Date | null;
}

@ObjectType({
  implements: Node,
  description: 'Something that happened, recorded in the transaction of the change it reports.',
})
export class OutboxEvent extends Node {
  @Field(() => ID, {
    description: 'Globally unique, opaque identifier; also the `id` receivers see.',
  })
  declare id: string;

  @Field(() => EventType, { description: 'What happened.' })
  type!: EventType;

  @Field(() => String, {
    nullable: true,
    description: 'Partition/ordering key, e.g. the courseId for CREDENTIAL_ISSUED.',
  })
  key!: string | null;

  @Field(() => GraphQLJSON, { description: "The event's data, as receivers get it." })
  payload!: Record<string, unknown>;

  @Field({ description: 'When it was recorded.' })
  createdAt!: Date;

  @Field(() => [Delivery], { description: 'Its deliveries, one per webhook and sink.' })
  deliveries!: Delivery[];
}

export const OutboxEventConnection = Connection(OutboxEvent, 'OutboxEvent', 'event');

@ObjectType({ description: "How syncing and event delivery are doing (the seed's health check)." })
export class SyncHealth {
  @Field({
    description:
      'True when at most 10 % of runs failed in 24 h, no connector is FAILED and no delivery is DEAD.',
  })
  healthy!: boolean;

  @Field(() => Float, { description: 'Failed runs / finished runs over the last 24 hours, 0..1.' })
  failureRate!: number;

  @Field(() => [Connector], { description: 'Connectors whose last sync failed.' })
  failedConnectors!: Connector[];

  @Field(() => Int, { description: 'Deliveries not delivered yet.' })
  pendingDeliveries!: number;

  @Field(() => Int, {
    description: 'Deliveries that used every attempt (replayEvent retries them).',
  })
  deadDeliveries!: number;

  @Field({ description: 'One line saying how things are.' })
  message!: string;
}

@InputType({ description: 'A new webhook.' })
export class CreateWebhookInput {
  @Field({
    description: 'Where to POST events: http(s); private addresses need ALLOW_PRIVATE_TARGETS.',
  })
  url!: string;

  @Field(() => [EventType], { description: 'The event types it receives (at least one).' })
  events!: EventType[];

  @Field(() => String, {
    nullable: true,
    description: 'HMAC-SHA256 signing secret; generated and returned once when omitted.',
  })
  secret?: string | null;
}

@ObjectType({ description: 'Result of createWebhook.' })
export class WebhookPayload {
  @Field(() => Webhook, { nullable: true, description: 'The webhook, unless the call failed.' })
  webhook?: Webhook | null;

  @Field(() => String, {
    nullable: true,
    description: 'The signing secret, returned only by createWebhook.',
  })
  secret?: string | null;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of replayEvent.' })
export class EventPayload {
  @Field(() => OutboxEvent, { nullable: true, description: 'The event, unless the call failed.' })
  event?: OutboxEvent | null;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}
