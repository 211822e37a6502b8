import DataLoader from 'dataloader';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RunModel } from '../models/run.model';
import { RunAnomaly } from '../schema/anomaly.type';
import type { Context } from '../schema/context.type';
import { Run } from '../schema/run.type';
import type { Anomaly } from '../services/runs/anomalies';

/** One loader per request: a page of runs has its anomalies found in one batch. */
const loaders = new WeakMap<Context, DataLoader<RunModel, Anomaly[], number>>();

function anomalyLoader(context: Context): DataLoader<RunModel, Anomaly[], number> {
  let loader = loaders.get(context);
  if (!loader) {
    loader = new DataLoader((runs) => context.services.anomalies(runs), {
      cacheKeyFn: (run) => run.id,
    });
    loaders.set(context, loader);
  }
  return loader;
}

@Resolver(() => Run)
export class RunAnomalyResolver {
  @FieldResolver(() => [RunAnomaly], {
    description:
      "Figures of this run far from the connector's recent runs (empty when none, or too few runs to judge).",
  })
  anomalies(@Root() run: RunModel, @Ctx() context: Context): Promise<Anomaly[]> {
    return anomalyLoader(context).load(run);
  }
}
