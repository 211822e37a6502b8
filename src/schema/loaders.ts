import DataLoader from 'dataloader';
import type { Services } from '../services';
import type { Loaders } from './context.type';

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
      const found = await services.runs.latestFor(ids);
      return ids.map((id) => found.get(id));
    }),
  };
}
