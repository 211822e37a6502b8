import { createDb } from '../src/db/knex';
import { migrationsApplied } from '../src/db/migrate';
import { createTestDatabase, type TestDatabase } from './support/db';

describe('test databases', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([a.drop(), b.drop()]);
  });

  it('gives each file its own migrated database', async () => {
    const dbA = createDb({ url: a.url });
    const dbB = createDb({ url: b.url });
    try {
      expect(await migrationsApplied(dbA)).toBe(true);
      await dbA('api_tokens').insert({
        name: 'only in a',
        role: 'VIEWER',
        token_hash: Buffer.alloc(32, 1),
      });
      const [{ count }] = await dbB('api_tokens').count<{ count: number }[]>('* as count');
      expect(count).toBe(0);
    } finally {
      await Promise.all([dbA.destroy(), dbB.destroy()]);
    }
  });
});
