import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../schema/context.type';
import { ForbiddenError } from '../schema/errors';
import { fromGlobalId } from '../schema/global-id';
import { Node } from '../schema/node.interface';
import { roleAtLeast } from '../security/tokens';

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global id; null when there is none.',
  })
  async node(@Arg('id', () => ID) id: string, @Ctx() { services, loaders, caller }: Context) {
    const decoded = fromGlobalId(id);
    switch (decoded?.type) {
      case 'Connector':
        return (await loaders.connector.load(decoded.id)) ?? null;
      case 'Run':
        return (await services.runs.get(decoded.id)) ?? null;
      case 'ApiToken':
        // Tokens are listed to admins only; node(id:) must not be a side door.
        if (!roleAtLeast(caller.role, 'ADMIN')) throw new ForbiddenError();
        return (await services.apiTokens.get(decoded.id)) ?? null;
      case 'Credential':
        return (await services.credentials.get(decoded.id)) ?? null;
      case 'Issuer':
        return (await loaders.issuer.load(decoded.id)) ?? null;
      case 'Learner':
        return (await loaders.learner.load(decoded.id)) ?? null;
      case 'PaymentTransaction':
        return (await services.transactions.get(decoded.id)) ?? null;
      case 'ExternalRecord':
        return (await services.records.get(decoded.id)) ?? null;
      case 'AuditEntry':
        // The audit log is for admins only, by id as well.
        if (!roleAtLeast(caller.role, 'ADMIN')) throw new ForbiddenError();
        return (await services.audit.get(decoded.id)) ?? null;
      case 'Settlement':
        return (await services.settlements.get(decoded.id)) ?? null;
      case 'SourceFile':
        return (await services.settlements.sourceFile(decoded.id)) ?? null;
      case 'ReconciliationSummary':
        return (await services.reconciliations.get(decoded.id)) ?? null;
      case 'ReconException':
        return (await services.reconciliations.exception(decoded.id)) ?? null;
      case 'OutboxEvent': {
        const [event] = await services.events.byIds([decoded.id]);
        return event ? { ...event, __typename: 'OutboxEvent' } : null;
      }
      case 'Webhook': {
        // Webhooks are listed to admins only.
        if (!roleAtLeast(caller.role, 'ADMIN')) throw new ForbiddenError();
        const [webhook] = await services.webhooks.byIds([decoded.id]);
        return webhook ? { ...webhook, __typename: 'Webhook' } : null;
      }
      default:
        return null;
    }
  }
}
