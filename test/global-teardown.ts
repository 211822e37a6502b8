import { createDb } from '../src/db/knex';

export default async function globalTeardown(): Promise<void> {
  const admin = globalThis.__tributaryTestAdmin;
  if (admin) {
    const db = createDb({ url: admin.url, poolMax: 1 });
    try {
      await db.raw(`DROP DATABASE IF EXISTS ${admin.template} WITH (FORCE)`);
    } finally {
      await db.destroy();
    }
  }
  await globalThis.__tributaryTestPg?.stop();
}
