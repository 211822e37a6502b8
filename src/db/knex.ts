import knexFactory, { type Knex } from 'knex';
import { knexSnakeCaseMappers } from 'objection';
import pg from 'pg';
import type { Logger } from '../logger';

export type Db = Knex;

// node-postgres returns bigint (int8) and numeric as strings by default.
// Ids are bigint identities well below 2^53, and counts come back as int8 from
// count(*): parse both as numbers. numeric stays a string (money is exact).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A calendar date (a transaction's cycle date) has no time zone: keep 'YYYY-MM-DD' as text
// instead of pg's default, a Date at local midnight of the process.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export interface DbOptions {
  url: string;
  /** Pool size; the LISTEN connection is separate and not counted here. */
  poolMax?: number;
  applicationName?: string;
  /** Where knex's own warnings go; without it, knex writes them to the console. */
  logger?: Logger;
}

export function createDb({
  url,
  poolMax = 10,
  applicationName = 'tributary',
  logger,
}: DbOptions): Db {
  const log = logger?.child({ source: 'knex' });
  return knexFactory({
    client: 'pg',
    connection: { connectionString: url, application_name: applicationName },
    pool: { min: 0, max: poolMax },
    acquireConnectionTimeout: 10_000,
    // A failed query's error names its SQL with placeholders, not the values bound to them:
    // those are record data, token hashes, sealed secrets, none of it for logs or run errors.
    compileSqlOnError: false,
    // Columns are snake_case in SQL, camelCase in code (objection models too).
    ...knexSnakeCaseMappers(),
    ...(log && {
      log: {
        warn: (message: unknown) => log.warn({ detail: String(message) }, 'knex warning'),
        error: (message: unknown) => log.error({ detail: String(message) }, 'knex error'),
        deprecate: (message: unknown) => log.warn({ detail: String(message) }, 'knex deprecation'),
        debug: (message: unknown) => log.debug({ detail: String(message) }, 'knex debug'),
      },
    }),
  });
}
