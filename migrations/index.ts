import type { Knex } from 'knex';
import * as foundation from './20261123090000_foundation';

/** Every migration, by name. Names sort in the order they apply. */
export const migrations: Record<string, Knex.Migration> = {
  '20261123090000_foundation': foundation,
};
