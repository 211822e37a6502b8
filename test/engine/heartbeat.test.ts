/**
 * A page whose transaction outlasts the stale limit (a settlement file is
 * written in one transaction) must not commit a heartbeat that is already
 * stale: the reaper, which waits on the run's row while the page holds it,
 * would otherwise fail the run right after its page committed.
 */
import { createDb, type Db } from '../../src/db/knex';
import { heartbeat, reapRuns, recordProgress } from '../../src/runs/store';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { insertRun } from '../support/runs';

const COUNTERS = {
  recordsTotal: 1,
  recordsFetched: 1,
  recordsCreated: 1,
  recordsUpdated: 0,
  recordsSkipped: 0,
  recordsFailed: 0,
  pagesFetched: 1,
};

describe('heartbeats written by a long transaction', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, poolMax: 4 });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  /** A RUNNING run of a connector of its own (a connector has one active run at most). */
  let connectors = 0;
  const running = async () => {
    connectors += 1;
    const [row] = await db('connectors')
      .insert({
        name: `long page ${connectors}`,
        kind: 'ISSUER_API',
        sourceEntity: 'LONG',
        authType: 'NONE',
        config: JSON.stringify({ baseUrl: 'http://127.0.0.1:9' }),
      })
      .returning('id');
    return insertRun(db, {
      connectorId: Number(row.id),
      type: 'MANUAL',
      status: 'RUNNING',
      triggeredBy: 'test',
    });
  };

  it('records the time of the progress statement, not of the transaction start', async () => {
    const run = await running();
    // A reaper with a 1 s limit waits on the row while the page (1.5 s long) holds it.
    let reaped: Promise<number[]> | undefined;
    await db.transaction(async (trx) => {
      await trx.raw('SELECT pg_sleep(1.5)');
      expect(await recordProgress(trx, run.id, { counters: COUNTERS, phase: 'PROCESSING' })).toBe(
        'alive',
      );
      reaped = reapRuns(db, {}, 1).then((runs) => runs.map((r) => r.id));
      // Long enough for the reaper's UPDATE to be waiting on the row lock.
      await trx.raw('SELECT pg_sleep(0.3)');
    });
    expect(await reaped).not.toContain(run.id);
    const row = await db('runs').where({ id: run.id }).first('status', 'recordsCreated');
    expect(row).toEqual({ status: 'RUNNING', recordsCreated: 1 });
  });

  it('still reaps a run whose heartbeat really stopped', async () => {
    const run = await running();
    await db.transaction(async (trx) => {
      await trx.raw('SELECT pg_sleep(0.1)');
      await heartbeat(trx, run.id);
    });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await reapRuns(db, {}, 1)).map((r) => r.id)).toContain(run.id);
    expect(await db('runs').where({ id: run.id }).first('status')).toEqual({ status: 'FAILED' });
  });
});
