import { randomBytes } from 'node:crypto';
import { createDb } from '../../src/db/knex';
import { withDatabase } from './net';

export interface TestDatabase {
  url: string;
  /** Drops the database, closing whatever still holds a connection to it. */
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file: a clone of the migrated template that
 * jest's global setup built (CREATE DATABASE ... TEMPLATE), so files never
 * see each other's rows and can run in parallel. `empty`: no migrations at all.
 */
export async function createTestDatabase({ empty = false } = {}): Promise<TestDatabase> {
  const adminUrl = process.env.TRIBUTARY_TEST_ADMIN_URL;
  const template = process.env.TRIBUTARY_TEST_TEMPLATE;
  if (!adminUrl || !template) {
    throw new Error('test database helpers need jest globalSetup (test/global-setup.ts)');
  }
  const name = `tributary_test_${randomBytes(6).toString('hex')}`;
  const admin = createDb({ url: adminUrl, poolMax: 1 });
  try {
    await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${empty ? 'template0' : template}`);
  } finally {
    await admin.destroy();
  }
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const db = createDb({ url: adminUrl, poolMax: 1 });
      try {
        await db.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await db.destroy();
      }
    },
  };
}
