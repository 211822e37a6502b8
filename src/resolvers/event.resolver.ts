import DataLoader from 'dataloader';
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
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { DeliveryRow, EventRow } from '../events/event.service';
import type { WebhookRow } from '../events/webhooks';
import type { ConnectorModel } from '../models/connector.model';
import { PageArgs } from '../schema/connection';
import type { Context } from '../schema/context.type';
import {
  CreateWebhookInput,
  Delivery,
  DeliveryStatus,
  EventPayload,
  EventType,
  OutboxEvent,
  OutboxEventConnection,
  SyncHealth,
  Webhook,
  WebhookPayload,
} from '../schema/event.type';
import { idOf, toGlobalId } from '../schema/global-id';
import { DeletePayload } from '../schema/payloads';
import { notFound, payload } from '../services/user-errors';

/** Per request: deliveries of many events, webhooks of many deliveries, one statement each. */
interface EventLoaders {
  deliveries: DataLoader<number, DeliveryRow[]>;
  webhook: DataLoader<number, WebhookRow | undefined>;
}
const perRequest = new WeakMap<object, EventLoaders>();
function loadersOf(ctx: Context): EventLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    loaders = {
      deliveries: new DataLoader((ids) => ctx.services.events.deliveriesOf(ids)),
      webhook: new DataLoader((ids) => ctx.services.webhooks.byIds(ids)),
    };
    perRequest.set(ctx, loaders);
  }
  return loaders;
}

@ArgsType()
class EventsArgs extends PageArgs {
  @Field(() => EventType, { nullable: true, description: 'Only events of this type.' })
  type?: EventType | null;

  @Field(() => DeliveryStatus, {
    nullable: true,
    description: 'Only events with at least one delivery in this status.',
  })
  deliveryStatus?: DeliveryStatus | null;
}

@Resolver(() => OutboxEvent)
export class EventResolver {
  @Query(() => OutboxEventConnection, {
    description: 'Events, newest first, with their deliveries.',
  })
  events(@Args() args: EventsArgs, @Ctx() { services }: Context) {
    return services.events.list(args);
  }

  @Query(() => SyncHealth, {
    description: 'Failure rate of runs over 24 h, failing connectors and the delivery queue.',
  })
  async syncHealth(@Ctx() { services, loaders }: Context) {
    const report = await services.events.syncHealth();
    const connectors = await loaders.connector.loadMany(report.failedConnectorIds);
    return {
      ...report,
      failedConnectors: connectors.filter((c): c is ConnectorModel => !!c && !(c instanceof Error)),
    };
  }

  @Authorized('OPERATOR')
  @Mutation(() => EventPayload, {
    description:
      'Sends an event again: its DEAD (and FAILED) deliveries get a new series of attempts; with none, every delivery is sent again.',
  })
  replayEvent(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return payload(async () => {
      const rowId = idOf('OutboxEvent', id) ?? notFound('no event with this id', ['id']);
      const event =
        (await services.events.replay(rowId)) ?? notFound('no event with this id', ['id']);
      return { event };
    });
  }

  @FieldResolver(() => ID, {
    description: 'Globally unique, opaque identifier; also the `id` receivers see.',
  })
  id(@Root() event: EventRow): string {
    return toGlobalId('OutboxEvent', event.id);
  }

  @FieldResolver(() => [Delivery], { description: 'Its deliveries, one per webhook and sink.' })
  deliveries(@Root() event: EventRow, @Ctx() ctx: Context) {
    return loadersOf(ctx).deliveries.load(event.id);
  }
}

@Resolver(() => Delivery)
export class DeliveryResolver {
  @FieldResolver(() => Webhook, {
    nullable: true,
    description: 'The webhook it goes to; null for a sink.',
  })
  async webhook(@Root() delivery: DeliveryRow, @Ctx() ctx: Context) {
    if (delivery.webhookId === null) return null;
    return (await loadersOf(ctx).webhook.load(Number(delivery.webhookId))) ?? null;
  }
}

@Resolver(() => Webhook)
export class WebhookResolver {
  @Authorized('ADMIN')
  @Query(() => [Webhook], { description: 'Webhooks that receive events, oldest first.' })
  webhooks(@Ctx() { services }: Context) {
    return services.webhooks.list();
  }

  @Authorized('ADMIN')
  @Mutation(() => WebhookPayload, {
    description:
      'Adds a webhook; its signing secret (given, or generated) is stored sealed and returned only here.',
  })
  createWebhook(@Arg('input') input: CreateWebhookInput, @Ctx() { services }: Context) {
    return payload(() => services.webhooks.create(input));
  }

  @Authorized('ADMIN')
  @Mutation(() => DeletePayload, {
    description:
      'Deletes a webhook: it receives nothing more; what it had not received ends FAILED.',
  })
  deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return payload(async () => {
      const rowId = idOf('Webhook', id) ?? notFound('no webhook with this id', ['id']);
      await services.webhooks.delete(rowId);
      return { deletedId: id };
    });
  }

  @FieldResolver(() => ID, { description: 'Globally unique, opaque identifier.' })
  id(@Root() webhook: WebhookRow): string {
    return toGlobalId('Webhook', Number(webhook.id));
  }

  @FieldResolver(() => Boolean, { description: 'False once deleted: it receives nothing more.' })
  active(@Root() webhook: WebhookRow): boolean {
    return webhook.active && !webhook.deletedAt;
  }
}
