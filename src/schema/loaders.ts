import DataLoader from 'dataloader';
import type { RunModel } from '../models/run.model';
import type { Services } from '../services';
import type { RunFilter } from '../services/runs/run.service';
import type { RunLevelRead, RunLevelResult } from '../services/runs/run-batches';
import type { ConnectorRunsKey, Loaders, RunLevelKey } from './context.type';
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

/** The same for two keys asking for the same page of runs (cursor and filters), whatever its size. */
function pageOf(key: ConnectorRunsKey): string {
  return JSON.stringify({ cursorId: key.cursorId, ...runFilterOf(key) });
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

/** What a level read needs besides the connector: one part of the statement per distinct value. */
function levelPartOf(key: RunLevelKey): RunLevelRead {
  if ('latest' in key) return { kind: 'latest', which: key.latest };
  return {
    kind: 'page',
    limit: key.limit,
    cursorId: key.cursorId,
    filter: runFilterOf(key),
    count: key.count === true,
  };
}

/**
 * Every read of a level of connectors' runs, whatever field asked for it
 * (`runs(...)` with or without its count, `lastRun`, `lastTest`), in one
 * statement per batch (RunBatchReader.levelFor).
 */
function runLevelLoader(services: Services): DataLoader<RunLevelKey, RunLevelResult, string> {
  return new DataLoader<RunLevelKey, RunLevelResult, string>(
    async (keys) => {
      const parts = new Map<string, { part: RunLevelRead; ids: Set<number> }>();
      const partOfKey = keys.map((key) => {
        const part = levelPartOf(key);
        const partKey = JSON.stringify(part);
        const entry = parts.get(partKey) ?? { part, ids: new Set<number>() };
        entry.ids.add(key.parentId);
        parts.set(partKey, entry);
        return partKey;
      });
      const order = [...parts.keys()];
      const results = await services.runBatches.levelFor(
        [...parts.values()].map(({ part, ids }) => ({ ...part, ids: [...ids] })),
      );
      return keys.map((key, i) => {
        const found = results[order.indexOf(partOfKey[i])].get(key.parentId);
        return { rows: found?.rows ?? [], total: found?.total ?? null };
      });
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );
}

/** Loads through `runLevel` and keeps what `pick` takes of each result. */
function throughLevel<Key, Value>(
  runLevel: DataLoader<RunLevelKey, RunLevelResult, string>,
  keysFor: (keys: readonly Key[]) => RunLevelKey[],
  pick: (result: RunLevelResult, key: Key) => Value,
  cacheKeyFn?: (key: Key) => string,
): DataLoader<Key, Value, string> {
  return new DataLoader<Key, Value, string>(
    async (keys) => {
      const found = await runLevel.loadMany(keysFor(keys));
      return found.map((result, i) => (result instanceof Error ? result : pick(result, keys[i])));
    },
    cacheKeyFn ? { cacheKeyFn } : undefined,
  );
}

export function createLoaders(services: Services): Loaders {
  const runLevel = runLevelLoader(services);
  const latest = (which: 'sync' | 'test') =>
    throughLevel<number, RunModel | undefined>(
      runLevel,
      (ids) => ids.map((parentId) => ({ parentId, latest: which })),
      (result) => result.rows[0],
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
    runLevel,
    // Pages of different sizes with the same cursor and filters share one
    // part of the statement, at the largest size; each key gets its own `limit + 1` rows.
    connectorRuns: throughLevel<ConnectorRunsKey, RunModel[]>(
      runLevel,
      (keys) => {
        const largest = new Map<string, number>();
        const pages = keys.map((key) => {
          const page = pageOf(key);
          largest.set(page, Math.max(largest.get(page) ?? 0, key.limit));
          return page;
        });
        return keys.map((key, i) => ({ ...key, limit: largest.get(pages[i])! }));
      },
      (result, key) => result.rows.slice(0, key.limit + 1),
      (key) => JSON.stringify(key),
    ),
    lastRun: latest('sync'),
    lastTest: latest('test'),
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
