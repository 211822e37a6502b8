/**
 * A run's live progress and counters, as GraphQL types, and the pure
 * functions that compute them from the counters a run row (or a NOTIFY
 * event) carries. Used by Run.progress / Run.stats and by the runProgress
 * subscription.
 *
 * Field resolvers (in resolvers/subscription.resolver.ts): RunStats.skipped
 * (per-reason counts from skipped_records, batched per request, or per event
 * for all its subscribers) and RunProgressEvent.run (the run row, read once
 * per event when selected).
 */
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { RunCounters } from '../pubsub/events';
import { RunPhase, RunStatus, SkipReason } from './enums';

@ObjectType({ description: 'How many records of a run were skipped for one reason.' })
export class SkipCount {
  @Field(() => SkipReason, { description: 'Why they were skipped.' })
  reason!: SkipReason;

  @Field(() => Int, { description: 'How many records were skipped for it.' })
  count!: number;
}

@ObjectType({ description: "A run's record and page counters." })
export class RunStats {
  @Field(() => Int, { description: 'Records read from the source.' })
  recordsFetched!: number;

  @Field(() => Int, { description: 'Records stored for the first time.' })
  recordsCreated!: number;

  @Field(() => Int, { description: 'Records that changed an existing row.' })
  recordsUpdated!: number;

  @Field(() => Int, { description: 'Records not stored, each with a reason (see skipped).' })
  recordsSkipped!: number;

  @Field(() => Int, { description: 'Records that could not be stored.' })
  recordsFailed!: number;

  // skipped: [SkipCount!]! is a field resolver (subscription.resolver.ts), read from skipped_records.

  @Field(() => Int, { description: 'Pages read from the source.' })
  pagesFetched!: number;

  /** The run these counters belong to (for `skipped`). Not a GraphQL field. */
  runId!: number;
}

@ObjectType({ description: 'Where a run stands: phase, records processed, rate and ETA.' })
export class RunProgress {
  @Field(() => RunPhase, { description: 'What the run is doing right now.' })
  phase!: RunPhase;

  @Field(() => Int, { description: 'Records created, updated, skipped or failed so far.' })
  recordsProcessed!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Known only when the source reports a total.',
  })
  recordsTotal!: number | null;

  @Field(() => Float, { nullable: true, description: '0..1 when recordsTotal is known.' })
  fraction!: number | null;

  @Field(() => Float, {
    description: 'Records processed per second since the run started; 0 before it starts.',
  })
  ratePerSecond!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Seconds left at the current rate; null unless recordsTotal is known and the rate is above 0.',
  })
  etaSeconds!: number | null;
}

@ObjectType({ description: 'A live update of one run: its progress, counters and status.' })
export class RunProgressEvent {
  // run: Run! is a field resolver (subscription.resolver.ts): the row, read once per event.

  @Field(() => RunProgress, { description: 'Phase, records processed, rate and ETA.' })
  progress!: RunProgress;

  @Field(() => RunStats, { description: 'Its counters as they stand.' })
  stats!: RunStats;

  @Field(() => RunStatus, { description: 'Its status when the update was made.' })
  status!: RunStatus;

  @Field({ description: 'When the update was made.' })
  at!: Date;

  /** The run's row id. Not a GraphQL field. */
  runId!: number;
}

/**
 * The progress of a run from its counters. `now` is the moment to measure
 * the rate at: the current time while it runs, its completedAt once ended.
 * recordsProcessed = created + updated + skipped + failed; ratePerSecond is
 * processed / seconds since startedAt (0 before it started); fraction and
 * etaSeconds only when recordsTotal is known (etaSeconds also needs a rate).
 */
export function progressOf(
  counters: RunCounters,
  phase: RunPhase | `${RunPhase}`,
  startedAt: Date | string | null,
  now: Date,
): RunProgress {
  const processed =
    counters.recordsCreated +
    counters.recordsUpdated +
    counters.recordsSkipped +
    counters.recordsFailed;
  const total = counters.recordsTotal;
  const started = startedAt === null ? null : new Date(startedAt).getTime();
  const seconds = started === null ? 0 : (now.getTime() - started) / 1000;
  const rate = seconds > 0 ? processed / seconds : 0;
  const known = total !== null && total !== undefined && total >= 0;
  return {
    phase: phase as RunPhase,
    recordsProcessed: processed,
    recordsTotal: known ? total : null,
    fraction: known ? (total > 0 ? Math.min(1, processed / total) : 1) : null,
    ratePerSecond: rate,
    etaSeconds: known && rate > 0 ? Math.max(0, total - processed) / rate : null,
  };
}

/** The RunStats of a run from its counters (`skipped` is resolved from the database). */
export function statsOf(runId: number, counters: RunCounters): RunStats {
  return {
    runId,
    recordsFetched: counters.recordsFetched,
    recordsCreated: counters.recordsCreated,
    recordsUpdated: counters.recordsUpdated,
    recordsSkipped: counters.recordsSkipped,
    recordsFailed: counters.recordsFailed,
    pagesFetched: counters.pagesFetched,
  };
}
