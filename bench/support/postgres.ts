/**
 * A database of its own for one benchmark: on the server in DATABASE_URL when
 * set, else on an embedded Postgres in a temp dir. `drop()` removes all of it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded';
import { createDb } from '../../src/db/knex';
import { freePort, withDatabase } from '../../test/support/net';

export interface BenchDatabase {
  url: string;
  /** True when an embedded Postgres was started for this run. */
  embedded: boolean;
  drop(): Promise<void>;
}

export async function benchDatabase(prefix: string): Promise<BenchDatabase> {
  let adminUrl = process.env.DATABASE_URL;
  let tempDir: string | undefined;
  let embedded: EmbeddedPostgres | undefined;
  if (!adminUrl) {
    tempDir = await mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
    embedded = await startEmbeddedPostgres({ dir: tempDir, port: await freePort() });
    adminUrl = embedded.url;
  }
  const database = `${prefix.replace(/-/g, '_')}_${process.pid}`;
  const admin = createDb({ url: adminUrl, poolMax: 1 });
  await admin.raw(`CREATE DATABASE ${database}`);
  return {
    url: withDatabase(adminUrl, database),
    embedded: embedded !== undefined,
    async drop() {
      if (embedded) {
        await admin.destroy();
        await embedded.stop();
        if (tempDir) await rm(tempDir, { recursive: true, force: true });
      } else {
        await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
        await admin.destroy();
      }
    },
  };
}
