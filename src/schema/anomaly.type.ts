import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({
  description: "A figure of this run far outside what the connector's recent runs showed.",
})
export class RunAnomaly {
  @Field({
    description:
      'recordsFetched, recordsSkipped, recordsSkipped.<REASON> (one skip reason) or durationSeconds.',
  })
  metric!: string;

  @Field(() => Float, { description: "This run's figure." })
  value!: number;

  @Field(() => Float, { description: 'Low end of the usual band (median − k·MAD of recent runs).' })
  expectedLow!: number;

  @Field(() => Float, {
    description: 'High end of the usual band (median + k·MAD of recent runs).',
  })
  expectedHigh!: number;

  @Field({
    description:
      'The finding in words, e.g. "fetched 12 records; the last 20 runs fetched 11,800–12,600".',
  })
  message!: string;
}
