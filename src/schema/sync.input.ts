import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from './scalars';

@InputType({ description: 'A manual run of one connector.' })
export class RunConnectorInput {
  @Field(() => ID, { description: 'The connector.' })
  id!: string;

  @Field(() => Date, {
    nullable: true,
    description:
      'Sync only records changed in this window; omitted = incremental from the saved cursor.',
  })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of the window (inclusive).' })
  to?: Date | null;
}

@InputType({ description: 'A backfill: whole days (UTC) synced again without moving the cursor.' })
export class BackfillConnectorInput {
  @Field(() => ID, { description: 'The connector.' })
  id!: string;

  @Field(() => DateScalar, { description: 'First day (inclusive).' })
  from!: Date;

  @Field(() => DateScalar, { description: 'Last day (inclusive); at most 366 days after from.' })
  to!: Date;
}
