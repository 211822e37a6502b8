import { createDb, type Db } from '../../src/db/knex';
import { recordEvents } from '../../src/events/outbox';
import { createTestDatabase, type TestDatabase } from '../support/db';

describe('the transactional outbox', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, poolMax: 2 });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('keeps the events of a committed change, in order, and none of a rolled-back one', async () => {
    const ids = await db.transaction((trx) =>
      recordEvents(trx, [
        { type: 'RUN_COMPLETED', key: 'connector-1', payload: { n: 1 } },
        { type: 'RUN_COMPLETED', key: 'connector-1', payload: { n: 2 } },
      ]),
    );
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBeGreaterThan(ids[0]);

    await expect(
      db.transaction(async (trx) => {
        await recordEvents(trx, [{ type: 'RUN_FAILED', key: 'connector-1', payload: { n: 3 } }]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    const rows = await db('outbox_events').orderBy('id').select('type', 'key', 'payload');
    expect(rows).toEqual([
      { type: 'RUN_COMPLETED', key: 'connector-1', payload: { n: 1 } },
      { type: 'RUN_COMPLETED', key: 'connector-1', payload: { n: 2 } },
    ]);
  });

  it('refuses an event type the contract does not name', async () => {
    await expect(
      db('outbox_events').insert({ type: 'SOMETHING_ELSE', key: null, payload: '{}' }),
    ).rejects.toThrow(/check constraint/);
  });
});
