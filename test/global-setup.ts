import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded';
import { createDb } from '../src/db/knex';
import { migrateLatest } from '../src/db/migrate';
import { freePort, withDatabase } from './support/net';

declare global {
  var __tributaryTestPg: EmbeddedPostgres | undefined;
  var __tributaryTestAdmin: { url: string; template: string } | undefined;
}

/**
 * Starts one real Postgres for the whole run (embedded, unless DATABASE_URL
 * names a server), builds a migrated template database once, and tells the
 * workers where it is; each test file then clones the template
 * (test/support/db.ts).
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tributary-test-pg-'));
    const pgServer = await startEmbeddedPostgres({ dir, port: await freePort() });
    globalThis.__tributaryTestPg = pgServer;
    adminUrl = pgServer.url;
  }
  const template = `tributary_template_${process.pid}`;
  const admin = createDb({ url: adminUrl, poolMax: 1 });
  try {
    await admin.raw(`DROP DATABASE IF EXISTS ${template}`);
    await admin.raw(`CREATE DATABASE ${template}`);
  } finally {
    await admin.destroy();
  }
  const templateDb = createDb({ url: withDatabase(adminUrl, template), poolMax: 1 });
  try {
    await migrateLatest(templateDb);
  } finally {
    await templateDb.destroy();
  }
  process.env.TRIBUTARY_TEST_ADMIN_URL = adminUrl;
  process.env.TRIBUTARY_TEST_TEMPLATE = template;
  globalThis.__tributaryTestAdmin = { url: adminUrl, template };
}
