import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../schema/context.type';
import { idOf } from '../schema/global-id';
import { RunPayload } from '../schema/payloads';
import { notFound, payload } from '../services/user-errors';

@InputType({ description: "Which of a connector's stored records to map again." })
export class RemapRecordsInput {
  @Field(() => ID, { description: 'The connector.' })
  connectorId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Only this entity type, e.g. order; omitted = every type of the connector.',
  })
  entityType?: string | null;
}

/** remapRecords: stored raw records through the current mapping rules again (a REMAP run). */
@Resolver()
export class RemapResolver {
  @Authorized('OPERATOR')
  @Mutation(() => RunPayload, {
    description:
      "Re-applies the connector's current mapping rules to its stored raw records (a REMAP run); nothing is fetched.",
  })
  remapRecords(
    @Arg('input', () => RemapRecordsInput) input: RemapRecordsInput,
    @Ctx() { services, caller }: Context,
  ) {
    return payload(async () => ({
      run: await services.runCommands.remap(
        idOf('Connector', input.connectorId) ??
          notFound('no connector with this id', ['input', 'connectorId']),
        input.entityType ?? null,
        caller.name,
      ),
    }));
  }
}
