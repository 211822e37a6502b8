import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { ApiTokenModel } from '../models/api-token.model';
import { ApiToken, ApiTokenPayload } from '../schema/api-token.type';
import type { Context } from '../schema/context.type';
import { Role } from '../schema/enums';
import { idOf, toGlobalId } from '../schema/global-id';
import { notFound, payload } from '../services/user-errors';

@InputType({ description: 'A new API token.' })
class CreateApiTokenInput {
  @Field({ description: 'What the token is for.' })
  name!: string;

  @Field(() => Role, { description: 'What it may do.' })
  role!: Role;
}

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Authorized('ADMIN')
  @Query(() => [ApiToken], { description: 'Every API token, revoked ones included, newest first.' })
  apiTokens(@Ctx() { services }: Context) {
    return services.apiTokens.list();
  }

  @Authorized('ADMIN')
  @Mutation(() => ApiTokenPayload, { description: 'Creates a token and returns it once.' })
  createApiToken(@Arg('input') input: CreateApiTokenInput, @Ctx() { services }: Context) {
    return payload(() => services.apiTokens.create(input.name, input.role));
  }

  @Authorized('ADMIN')
  @Mutation(() => ApiTokenPayload, {
    description:
      'Revokes a token; it is refused from the next request on, and its open WebSockets are closed (4401) in every process.',
  })
  revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return payload(async () => {
      const rowId = idOf('ApiToken', id) ?? notFound('no API token with this id', ['id']);
      return { apiToken: await services.apiTokens.revoke(rowId) };
    });
  }

  @FieldResolver(() => ID, { description: 'Globally unique, opaque identifier.' })
  id(@Root() token: ApiTokenModel): string {
    return toGlobalId('ApiToken', token.id);
  }
}
