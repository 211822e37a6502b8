/** PG_DATABASE: transactions or settlements read from a SQL source, read-only. */
import { credentialsSchemasFor } from '../auth';
import type { AuthType, ConnectorDefinition } from '../types';
import { pgDatabaseConfig, type PgDatabaseConfig } from './config';
import { withReadOnlySession } from './session';
import { pgDatabaseStream } from './sync';

const AUTH_TYPES = ['BASIC'] as const satisfies AuthType[];

export const pgDatabase: ConnectorDefinition<PgDatabaseConfig> = {
  kind: 'PG_DATABASE',
  configSchema: pgDatabaseConfig,
  authTypes: AUTH_TYPES,
  credentialsSchemas: credentialsSchemasFor(AUTH_TYPES),
  streams: [pgDatabaseStream],

  /** Connect, then `select 1` inside a READ ONLY transaction. */
  async test(ctx) {
    const { config } = ctx;
    const version = await withReadOnlySession(ctx, async (client) => {
      await client.query('select 1');
      const result = await client.query<{ server_version: string }>('show server_version');
      return result.rows[0].server_version;
    });
    return {
      message: `connected to ${config.database} as ${ctx.secrets.username}; select 1 ran read-only (PostgreSQL ${version})`,
      details: { serverVersion: version },
    };
  },
};
