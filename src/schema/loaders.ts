import DataLoader from 'dataloader';
import type { Services } from '../services';
import type { Loaders } from './context.type';
import type { SkipCount } from './progress.type';

export function createLoaders(services: Services): Loaders {
  return {
    connector: new DataLoader(async (ids) => {
      const rows = await services.connectors.getMany(ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    }),
    secretsUpdatedAt: new DataLoader(async (ids) => {
      const found = await services.connectors.hasSecrets(ids);
      return ids.map((id) => found.get(id));
    }),
    lastRun: new DataLoader(async (ids) => {
      const found = await services.runs.latestFor(ids, 'sync');
      return ids.map((id) => found.get(id));
    }),
    lastTest: new DataLoader(async (ids) => {
      const found = await services.runs.latestFor(ids, 'test');
      return ids.map((id) => found.get(id));
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
