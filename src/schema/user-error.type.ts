import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { ErrorCode } from '../services/user-errors';

export enum UserErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INVALID_STATE = 'INVALID_STATE',
  FORBIDDEN = 'FORBIDDEN',
}

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation refused its input.',
  valuesConfig: {
    INVALID_INPUT: { description: 'A field failed validation.' },
    NOT_FOUND: { description: 'The object named does not exist.' },
    CONFLICT: { description: 'It clashes with an existing object (e.g. a duplicate name).' },
    INVALID_STATE: { description: 'The object is not in a state that allows this.' },
    FORBIDDEN: { description: 'Not allowed for this caller.' },
  },
});

@ObjectType({ description: 'An expected failure of a mutation, returned as data.' })
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description: 'Path to the input field at fault, e.g. ["input", "schedule", "cron"].',
  })
  field?: string[];

  @Field({ description: 'What is wrong, in words fit to show the user.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'Machine-readable kind of failure.' })
  code!: ErrorCode;
}
