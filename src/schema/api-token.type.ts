import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from './enums';
import { Node } from './node.interface';
import { UserError } from './user-error.type';

@ObjectType({
  implements: Node,
  description: 'A bearer token for the API; only its hash is stored.',
})
export class ApiToken extends Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  declare id: string;

  @Field({ description: 'What the token is for, e.g. "reporting job".' })
  name!: string;

  @Field(() => Role, { description: 'What it may do.' })
  role!: Role;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Last request made with it (to the minute).' })
  lastUsedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was revoked; it is refused from then on.',
  })
  revokedAt!: Date | null;
}

@ObjectType({ description: 'Result of createApiToken / revokeApiToken.' })
export class ApiTokenPayload {
  @Field(() => ApiToken, { nullable: true, description: 'The token, unless the call failed.' })
  apiToken?: ApiToken;

  @Field(() => String, {
    nullable: true,
    description:
      'The bearer token itself, returned only by createApiToken; only its hash is stored.',
  })
  token?: string;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}
