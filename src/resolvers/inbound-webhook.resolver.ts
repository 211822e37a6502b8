import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { ConnectorModel } from '../models/connector.model';
import { Connector } from '../schema/connector.type';
import type { Context, Loaders } from '../schema/context.type';
import { idOf, toGlobalId } from '../schema/global-id';
import { InboundWebhook, InboundWebhookPayload } from '../schema/inbound-webhook.type';
import { ConnectorPayload } from '../schema/payloads';
import type { Services } from '../services';
import { notFound, payload } from '../services/user-errors';

const connectorId = (id: string) =>
  idOf('Connector', id) ?? notFound('no connector with this id', ['id']);

/** One batch per request: a page of connectors asking for inboundWebhook costs one statement. */
const perRequest = new WeakMap<Loaders, DataLoader<number, Date | undefined>>();
function setAtLoader(loaders: Loaders, services: Services) {
  let loader = perRequest.get(loaders);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly number[]) => {
      const found = await services.inboundWebhooks.secretSetAt(ids);
      return ids.map((id) => found.get(id));
    });
    perRequest.set(loaders, loader);
  }
  return loader;
}

/** Inbound webhooks: enabling, rotating and disabling a connector's push endpoint. */
@Resolver(() => Connector)
export class InboundWebhookResolver {
  @Authorized('ADMIN')
  @Mutation(() => InboundWebhookPayload, {
    description:
      "Creates or rotates the connector's inbound webhook secret; the secret is returned once.",
  })
  enableInboundWebhook(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return payload(async () => services.inboundWebhooks.enable(connectorId(id)));
  }

  @Authorized('ADMIN')
  @Mutation(() => ConnectorPayload, {
    description: 'Stops accepting pushed records; the signing secrets are deleted.',
  })
  disableInboundWebhook(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return payload(async () => ({
      connector: await services.inboundWebhooks.disable(connectorId(id)),
    }));
  }

  @FieldResolver(() => InboundWebhook, {
    nullable: true,
    description: 'Set when the connector accepts pushed records (enableInboundWebhook).',
  })
  async inboundWebhook(
    @Root() connector: ConnectorModel,
    @Ctx() { loaders, services }: Context,
  ): Promise<InboundWebhook | null> {
    const secretSetAt = await setAtLoader(loaders, services).load(connector.id);
    return secretSetAt
      ? { url: `/webhooks/${toGlobalId('Connector', connector.id)}`, secretSetAt }
      : null;
  }
}
