import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Connection } from './connection';
import { Role } from './enums';
import { Node } from './node.interface';

@ObjectType({
  implements: Node,
  description: 'One mutation as it was asked for: who, what, when and how it ended.',
})
export class AuditEntry extends Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  declare id: string;

  @Field({ description: 'When it was asked for.' })
  at!: Date;

  @Field({ description: 'Name of the API token that made the call.' })
  actor!: string;

  @Field(() => Role, { description: "The token's role at the time." })
  role!: Role;

  @Field({ description: "The mutation's name, e.g. updateConnector." })
  action!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The object it acted on or created, when there is one.',
  })
  targetId!: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The input with every secret removed.' })
  input!: Record<string, unknown> | null;

  @Field({ description: 'OK, USER_ERROR or ERROR.' })
  outcome!: string;
}

export const AuditEntryConnection = Connection(AuditEntry, 'AuditEntry', 'audit entry');
