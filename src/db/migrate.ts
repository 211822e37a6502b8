import type { Knex } from 'knex';
import { migrations } from '../../migrations';
import type { Db } from './knex';

/**
 * Migrations are listed in code (migrations/index.ts) rather than read from a
 * folder, so the same list works from TypeScript under jest and from the
 * compiled JavaScript under `npm start`.
 */
const source: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};

const config: Knex.MigratorConfig = { migrationSource: source, tableName: 'knex_migrations' };

export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(config)) as [number, string[]];
  return applied;
}

/** Applies migrations in order up to and including `last` (to test a later one's data migration). */
export async function migrateUpTo(db: Db, last: string): Promise<void> {
  if (!(last in migrations)) throw new Error(`no migration named ${last}`);
  for (;;) {
    // With this source, pending migrations are listed by name.
    const [, pending] = (await db.migrate.list(config)) as [unknown[], string[]];
    const next = pending[0];
    if (next === undefined || next > last) return;
    await db.migrate.up(config);
  }
}

/** True when every known migration has been applied (readiness). */
export async function migrationsApplied(db: Db): Promise<boolean> {
  const [, pending] = (await db.migrate.list(config)) as [unknown[], unknown[]];
  return pending.length === 0;
}
