import { Field, ObjectType } from 'type-graphql';
import { Connector } from './connector.type';
import { UserError } from './user-error.type';

@ObjectType({ description: 'Where a provider pushes records instead of being polled.' })
export class InboundWebhook {
  @Field({ description: 'Path to POST to, e.g. /webhooks/<connector id>.' })
  url!: string;

  @Field(() => Date, { description: 'When the current signing secret was created or rotated.' })
  secretSetAt!: Date;
}

@ObjectType({ description: 'Result of enabling or rotating an inbound webhook.' })
export class InboundWebhookPayload {
  @Field(() => Connector, {
    nullable: true,
    description: 'The connector as it is now, unless the call failed.',
  })
  connector?: Connector;

  @Field(() => String, {
    nullable: true,
    description: 'The signing secret, returned only when it is created or rotated.',
  })
  secret?: string;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}
