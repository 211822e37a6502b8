import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded';
import { createDb } from '../src/db/knex';
import { migrateLatest } from '../src/db/migrate';

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

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
