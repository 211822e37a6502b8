import type { Knex } from 'knex';
import type { Logger } from '../logger';
import type { SecretBox } from '../security/secret-box';
import { ApiTokenService } from './access/api-token.service';
import { ConnectorService } from './connectors/connector.service';
import { RunService } from './runs/run.service';

export interface ServiceDeps {
  db: Knex;
  logger: Logger;
  secretBox: SecretBox;
  adminToken?: string;
}

/** Every service, built once per process and shared by all requests. */
export function createServices(deps: ServiceDeps) {
  return {
    apiTokens: new ApiTokenService(deps.db, deps.adminToken, deps.logger),
    connectors: new ConnectorService(deps),
    runs: new RunService(deps.db),
  };
}

export type Services = ReturnType<typeof createServices>;
