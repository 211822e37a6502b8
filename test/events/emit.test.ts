/**
 * Events are written in the transaction of their change: a run that ends
 * (finished or reaped) writes RUN_COMPLETED / RUN_FAILED with it, and a page
 * of credentials that rolls back leaves no CREDENTIAL_ISSUED.
 */
import { writeCredentialRows } from '../../src/domains/credentials/credentials';
import { finishRun, reapRuns } from '../../src/runs/store';
import { startTestApp, type TestApp } from '../support/app';
import { insertRun } from '../support/runs';

describe('events written with their change', () => {
  let app: TestApp;
  let connectorId: number;
  beforeAll(async () => {
    app = await startTestApp();
    const [row] = await app
      .db('connectors')
      .insert({
        name: 'events',
        kind: 'ISSUER_API',
        sourceEntity: 'EVENTS',
        authType: 'NONE',
        config: JSON.stringify({ baseUrl: 'http://127.0.0.1:9' }),
      })
      .returning('id');
    connectorId = Number(row.id);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('writes RUN_COMPLETED when a run finishes and RUN_FAILED when one is reaped', async () => {
    const done = await insertRun(app.db, {
      connectorId,
      type: 'MANUAL',
      status: 'RUNNING',
      triggeredBy: 'test',
    });
    await app.db.transaction((trx) =>
      finishRun(trx, {}, done.id, {
        status: 'SUCCESS',
        counters: {
          recordsTotal: 3,
          recordsFetched: 3,
          recordsCreated: 3,
          recordsUpdated: 0,
          recordsSkipped: 0,
          recordsFailed: 0,
          pagesFetched: 1,
        },
      }),
    );
    const reaped = await insertRun(app.db, {
      connectorId,
      type: 'SCHEDULED',
      status: 'RUNNING',
      triggeredBy: 'test',
    });
    await app
      .db('runs')
      .where({ id: reaped.id })
      .update({ heartbeatAt: new Date(0) });
    await reapRuns(app.db, {}, 1);
    // A rolled-back finish leaves no event.
    const other = await insertRun(app.db, {
      connectorId: (
        await app
          .db('connectors')
          .insert({
            name: 'x',
            kind: 'ISSUER_API',
            sourceEntity: 'X',
            authType: 'NONE',
            config: '{}',
          })
          .returning('id')
      )[0].id,
      type: 'MANUAL',
      status: 'RUNNING',
      triggeredBy: 'test',
    });
    await expect(
      app.db.transaction(async (trx) => {
        await finishRun(trx, {}, other.id, { status: 'FAILED', errorMessage: 'boom' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');

    const events = await app.db('outbox_events').orderBy('id').select('type', 'key', 'payload');
    expect(events).toEqual([
      {
        type: 'RUN_COMPLETED',
        key: `connector:${connectorId}`,
        payload: expect.objectContaining({ runId: done.id, status: 'SUCCESS', recordsCreated: 3 }),
      },
      {
        type: 'RUN_FAILED',
        key: `connector:${connectorId}`,
        payload: expect.objectContaining({
          runId: reaped.id,
          status: 'FAILED',
          errorMessage: expect.stringMatching(/^interrupted/),
        }),
      },
    ]);
  });

  it('writes no CREDENTIAL_ISSUED for a page that rolls back, one per credential otherwise', async () => {
    const [issuer] = await app.db('issuers').insert({ name: 'Rollback U' }).returning('id');
    const candidate = (n: number) => ({
      raw: { id: `r${n}`, courseId: 'course-9' },
      entity: {
        externalId: `r${n}`,
        learnerEmail: `r${n}@example.org`,
        title: 'Welding',
        issuedAt: new Date('2026-01-01T00:00:00Z'),
        completionDate: null,
        maxHours: null,
        pdfUrl: null,
        cursor: null,
      },
      externalId: `r${n}`,
      version: `0x${String(n).padStart(64, '0')}`,
      keys: [],
    });
    const before = Number((await app.db('outbox_events').count('* as n'))[0].n);
    await expect(
      app.db.transaction(async (trx) => {
        await writeCredentialRows(trx, Number(issuer.id), [candidate(1), candidate(2)], {
          connectorId: null,
          runId: null,
        });
        throw new Error('the page failed');
      }),
    ).rejects.toThrow('the page failed');
    expect(Number((await app.db('outbox_events').count('* as n'))[0].n)).toBe(before);

    // r2's learner is registered: that credential is ISSUED to them, r1's UNCLAIMED.
    await app.db('learners').insert({ email: 'R2@example.org' });
    await app.db.transaction((trx) =>
      writeCredentialRows(trx, Number(issuer.id), [candidate(1), candidate(2)], {
        connectorId: null,
        runId: null,
      }),
    );
    const issued = await app
      .db('outbox_events')
      .where({ type: 'CREDENTIAL_ISSUED' })
      .orderBy('id')
      .select('key', 'payload');
    expect(issued.map((e) => [e.key, e.payload.externalId, e.payload.status])).toEqual([
      ['course-9', 'r1', 'UNCLAIMED'],
      ['course-9', 'r2', 'ISSUED'],
    ]);
    // Each event names its credential's uid, as stored.
    const uids = await app
      .db('credentials')
      .whereIn('externalId', ['r1', 'r2'])
      .orderBy('externalId');
    expect(issued.map((e) => e.payload.certificateId)).toEqual(uids.map((c) => c.uid));
    // Written again (an update, not an issuance): no new event.
    await app.db.transaction((trx) =>
      writeCredentialRows(trx, Number(issuer.id), [candidate(1)], {
        connectorId: null,
        runId: null,
      }),
    );
    expect(await app.db('outbox_events').where({ type: 'CREDENTIAL_ISSUED' })).toHaveLength(2);
  });
});
