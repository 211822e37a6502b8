import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Role } from './enums';
import { DateScalar } from './scalars';

@ObjectType({ description: 'Who is calling: the bearer token of this request.' })
export class Viewer {
  @Field({ description: 'The token\'s name as used in triggeredBy: "admin" or "token:<name>".' })
  name!: string;

  @Field(() => Role, { description: 'What the token may do.' })
  role!: Role;
}

@ObjectType({ description: 'Finished sync runs of one UTC day (TEST runs not counted).' })
export class RunActivityDay {
  @Field(() => DateScalar, { description: 'The day (UTC) the runs ended.' })
  day!: Date;

  @Field(() => Int, { description: 'Runs that ended SUCCESS.' })
  succeeded!: number;

  @Field(() => Int, { description: 'Runs that ended PARTIAL_SUCCESS.' })
  partial!: number;

  @Field(() => Int, { description: 'Runs that ended FAILED.' })
  failed!: number;

  @Field(() => Int, { description: 'Runs that ended CANCELLED.' })
  cancelled!: number;

  @Field(() => Float, { description: 'Records created or updated by those runs.' })
  recordsSynced!: number;
}
