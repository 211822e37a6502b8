import { Field, ID, ObjectType } from 'type-graphql';
import { Connector } from './connector.type';
import { Run } from './run.type';
import { UserError } from './user-error.type';

@ObjectType({ description: 'Result of a mutation on a connector.' })
export class ConnectorPayload {
  @Field(() => Connector, {
    nullable: true,
    description: 'The connector as it is now, unless the call failed.',
  })
  connector?: Connector;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of a delete.' })
export class DeletePayload {
  @Field(() => ID, {
    nullable: true,
    description: 'Id of the deleted object, unless the call failed.',
  })
  deletedId?: string;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of a mutation that starts or changes a run.' })
export class RunPayload {
  @Field(() => Run, { nullable: true, description: 'The run, unless the call failed.' })
  run?: Run;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}
