import DataLoader from 'dataloader';
import type { RunModel } from '../models/run.model';
import type { Services } from '../services';
import type { RunFilter } from '../services/runs/run.service';
import type { ConnectorRunsKey, Loaders } from './context.type';
import type { SkipCount } from './progress.type';

/**
 * Keys asking for the same thing (`what`) of different parents are loaded
 * together: one call of `load` per distinct `what` (one for a page of
 * connectors that all ask for `runs(first: 5)`).
 */
function groupedLoader<Key extends { parentId: number }, What, Value>(
  whatOf: (key: Key) => What,
  load: (parentIds: number[], what: What, keys: readonly Key[]) => Promise<Map<number, Value>>,
  pick: (found: Value | undefined, key: Key) => Value,
): DataLoader<Key, Value, string> {
  return new DataLoader<Key, Value, string>(
    async (keys) => {
      const groups = new Map<string, { what: What; keys: Key[] }>();
      for (const key of keys) {
        const what = whatOf(key);
        const group = JSON.stringify(what);
        const entry = groups.get(group) ?? { what, keys: [] };
        entry.keys.push(key);
        groups.set(group, entry);
      }
      const results = new Map<string, Map<number, Value>>();
      await Promise.all(
        [...groups].map(async ([group, entry]) => {
          const ids = [...new Set(entry.keys.map((key) => key.parentId))];
          results.set(group, await load(ids, entry.what, entry.keys));
        }),
      );
      return keys.map((key) =>
        pick(results.get(JSON.stringify(whatOf(key)))?.get(key.parentId), key),
      );
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );
}

const runFilterOf = ({
  status,
  type,
  types,
}: ConnectorRunsKey): Omit<RunFilter, 'connectorId'> => ({
  status: status ?? null,
  type: type ?? null,
  // Sorted, so that the same set asked in another order shares a statement.
  types: types ? [...types].sort() : null,
});

export function createLoaders(services: Services): Loaders {
  // Pages of different sizes with the same cursor and filters share one
  // statement, at the largest size; each key gets its own `limit + 1` rows.
  const connectorRuns = groupedLoader(
    (key: ConnectorRunsKey) => ({ cursorId: key.cursorId, ...runFilterOf(key) }),
    (ids, { cursorId, ...filter }, keys) => {
      const limit = Math.max(...keys.map((key) => key.limit));
      return services.runBatches.pagesFor(ids, { limit, cursorId }, filter);
    },
    (found: RunModel[] | undefined, key) => (found ?? []).slice(0, key.limit + 1),
  );
  return {
    connector: new DataLoader(async (ids) => {
      const rows = await services.connectors.getMany(ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    }),
    run: new DataLoader(async (ids) => {
      const found = await services.runBatches.getMany(ids);
      return ids.map((id) => found.get(id));
    }),
    secretsUpdatedAt: new DataLoader(async (ids) => {
      const found = await services.connectors.hasSecrets(ids);
      return ids.map((id) => found.get(id));
    }),
    connectorRuns,
    lastRun: new DataLoader(async (ids) => {
      const found = await services.runs.latestFor(ids, 'sync');
      return ids.map((id) => found.get(id));
    }),
    lastTest: new DataLoader(async (ids) => {
      const found = await services.runs.latestFor(ids, 'test');
      return ids.map((id) => found.get(id));
    }),
    connectorRunCount: groupedLoader(
      (key: ConnectorRunsKey) => runFilterOf(key),
      (ids, filter) => services.runBatches.countsFor(ids, filter),
      (found) => found ?? 0,
    ),
    syncState: new DataLoader(async (ids) => {
      const found = await services.runBatches.syncStates(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    skipCounts: new DataLoader(async (ids) => {
      const found = await services.runs.skipCounts(ids);
      return ids.map((id) => (found.get(id) ?? []) as SkipCount[]);
    }),
    issuer: new DataLoader(async (ids) => {
      const rows = await services.credentials.issuersByIds(ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    }),
    anchorBatch: new DataLoader(async (ids) => {
      const rows = await services.verification.batchesByIds(ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    }),
    anchorGroup: new DataLoader(async (ids) => {
      const rows = await services.verification.groupsByIds(ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    }),
    learner: new DataLoader(async (ids) => {
      const rows = await services.credentials.learnersByIds(ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    }),
  };
}

/** Loaders shared by every subscriber of one event (see loadersForEvent). */
const perEvent = new WeakMap<object, Loaders>();

/**
 * The loaders for resolving one published event: the same for all of this
 * process's subscribers of it, so a field that needs the database (the run
 * row, its connector, its skipped-record counts) is read once per event,
 * however many subscribers select it, and read as it is after the event (a
 * fresh set per event: nothing is served from an earlier event's cache).
 */
export function loadersForEvent(event: object, services: Services): Loaders {
  let loaders = perEvent.get(event);
  if (!loaders) perEvent.set(event, (loaders = createLoaders(services)));
  return loaders;
}
