import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { kindInfos } from '../connectors/capabilities';
import {
  ConnectorKindInfo,
  TestConnectionInput,
  TestConnectionPayload,
} from '../schema/connector-kind.type';
import type { Context } from '../schema/context.type';
import { idOf } from '../schema/global-id';
import { notFound, payload } from '../services/user-errors';

/** Connector kinds: what each can do, and testing a configuration before it is saved. */
@Resolver(() => ConnectorKindInfo)
export class ConnectorKindResolver {
  @Query(() => [ConnectorKindInfo], { description: 'Every connector kind and what it can do.' })
  connectorKinds(): ConnectorKindInfo[] {
    return kindInfos() as ConnectorKindInfo[];
  }

  @Authorized('ADMIN')
  @Mutation(() => TestConnectionPayload, {
    description:
      'Checks an unsaved config and its credentials; stores nothing (the audit log aside).',
  })
  async testConnection(
    @Arg('input', () => TestConnectionInput) input: TestConnectionInput,
    @Ctx() { services, signal }: Context,
  ) {
    const result = await payload(async () => {
      const connectorId = input.connectorId
        ? (idOf('Connector', input.connectorId) ??
          notFound('no connector with this id', ['input', 'connectorId']))
        : null;
      return services.connectors.testConnection({ ...input, connectorId }, signal);
    });
    // Input that could not be tested: nothing was attempted.
    if (result.userErrors.length) {
      const { userErrors } = result;
      return { ok: false, message: 'not tested: fix the input', durationSeconds: 0, userErrors };
    }
    return result;
  }
}
