/**
 * The engine with a kind and an entity it has never heard of (notes-kind.ts,
 * under test/): two streams each with its own cursor, mapping with skip
 * reasons, dedupe on identity and on a second key against what is stored and
 * what the page in flight holds, external references, an after-run step.
 */
import { fromGlobalId } from '../../src/schema/global-id';
import { startTestApp, type TestApp } from '../support/app';
import { noteFault, noteHold, noteSource, notesKind, NOTES_TABLE } from './notes-kind';

const RUN = `mutation($input: RunConnectorInput!) {
  runConnector(input: $input) { run { id } userErrors { code message } }
}`;
const GET_RUN = `query($id: ID!) { run(id: $id) {
  status errorMessage
  stats { recordsFetched recordsCreated recordsUpdated recordsSkipped recordsFailed pagesFetched }
  skippedRecords(first: 50) { edges { node { externalId reason message } } }
  logs(first: 100) { edges { node { message } } }
} }`;

async function runToEnd(
  app: TestApp,
  connectorId: string,
  window: { from?: string; to?: string } = {},
) {
  const queued = await app.gql(RUN, { input: { id: connectorId, ...window } });
  expect(queued.data?.runConnector.userErrors).toEqual([]);
  return waitForEnd(app, queued.data!.runConnector.run.id as string);
}

async function waitForEnd(app: TestApp, id: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const run = (await app.gql(GET_RUN, { id })).data!.run;
    if (!['QUEUED', 'RUNNING'].includes(run.status)) return { id, ...run };
    if (Date.now() > deadline) throw new Error(`run still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a kind and an entity the engine does not know', () => {
  let app: TestApp;
  let connectorId: string;
  let rowId: number;
  beforeAll(async () => {
    app = await startTestApp({
      worker: { heartbeatMs: 100 },
      kinds: (kind) => {
        if (kind !== 'WOOCOMMERCE') throw new Error(`not in this test: ${kind}`);
        return notesKind;
      },
    });
    await app.db.raw(NOTES_TABLE);
    connectorId = await createNotes('Notes');
    rowId = ((await app.db('connectors').first('id')) as { id: number }).id;
  });
  afterAll(() => app.close());

  /** A connector of the notes kind (it stands in for WOOCOMMERCE); its global id. */
  async function createNotes(name: string): Promise<string> {
    const created = await app.gql(
      `mutation($input: CreateConnectorInput!) {
        createConnector(input: $input) { connector { id } userErrors { message } }
      }`,
      {
        input: {
          name,
          kind: 'WOOCOMMERCE',
          sourceEntity: 'NOTES',
          authType: 'BASIC',
          config: { baseUrl: 'http://127.0.0.1:9' },
          credentials: { consumerKey: 'ck_test', consumerSecret: 'cs_test' },
        },
      },
    );
    expect(created.data?.createConnector.userErrors).toEqual([]);
    return created.data!.createConnector.connector.id as string;
  }

  it('maps, dedupes, writes, references and checkpoints each stream, then runs the after-run step', async () => {
    noteSource.drafts.push(
      [
        { id: 'n1', slug: 'a', body: 'one' },
        { id: 'n2', slug: 'b', body: 'two' },
        { slug: 'nameless', body: 'no id' },
        { id: 'n3', slug: 'c', body: 'nul \u0000 here' },
      ],
      [
        { id: 'n4', slug: 'd', body: 'four' },
        // Held by the page before (still being written when this one is planned).
        { id: 'n1', slug: 'a', body: 'one' },
        { id: 'n5', slug: 'a', body: 'five claims n1 slug' },
      ],
    );
    noteSource.published.push([{ id: 'n6', slug: 'f', body: 'six' }]);

    const first = await runToEnd(app, connectorId);
    expect(first).toMatchObject({
      status: 'SUCCESS',
      errorMessage: null,
      stats: {
        recordsFetched: 8,
        recordsCreated: 4,
        recordsUpdated: 0,
        recordsSkipped: 4,
        recordsFailed: 0,
        pagesFetched: 3,
      },
    });
    const skipped = first.skippedRecords.edges.map(
      (e: { node: { externalId: string | null; reason: string; message: string } }) => e.node,
    );
    expect(skipped).toEqual(
      expect.arrayContaining([
        { externalId: null, reason: 'INVALID_RECORD', message: 'missing id' },
        {
          externalId: 'n3',
          reason: 'INVALID_RECORD',
          message: 'contains a NUL character (U+0000), which cannot be stored',
        },
        { externalId: 'n1', reason: 'DUPLICATE', message: 'already held, unchanged' },
        { externalId: 'n5', reason: 'DUPLICATE', message: 'same slug already held as n1' },
      ]),
    );
    expect(skipped).toHaveLength(4);
    const notes = await app.db('test_notes').orderBy('externalId').select('externalId', 'body');
    expect(notes).toEqual([
      { externalId: 'n1', body: 'one' },
      { externalId: 'n2', body: 'two' },
      { externalId: 'n4', body: 'four' },
      { externalId: 'n6', body: 'six' },
    ]);
    const references = await app
      .db('externalReferences')
      .where({ connectorId: rowId, entityType: 'test_note' })
      .orderBy('externalId')
      .select('externalId', 'status', 'reason', 'raw', 'mapped');
    expect(
      references.map((r: { externalId: string; status: string }) => [r.externalId, r.status]),
    ).toEqual([
      ['n1', 'SYNCED'],
      ['n2', 'SYNCED'],
      // Could not be stored (a NUL): kept FAILED, its raw payload made storable.
      ['n3', 'FAILED'],
      ['n4', 'SYNCED'],
      ['n6', 'SYNCED'],
    ]);
    expect(references[2]).toMatchObject({
      reason: 'INVALID_RECORD',
      raw: { id: 'n3', body: 'nul \ufffd here' },
      mapped: null,
    });
    expect(references[4]).toMatchObject({
      raw: { id: 'n6', slug: 'f', body: 'six' },
      mapped: { id: 'n6', slug: 'f', body: 'six' },
    });
    const cursors = await app
      .db('syncState')
      .where({ connectorId: rowId })
      .orderBy('stream')
      .select('stream', 'cursor');
    expect(cursors).toEqual([
      { stream: 'drafts', cursor: { pages: 2 } },
      { stream: 'published', cursor: { pages: 1 } },
    ]);
    const logs = first.logs.edges.map((e: { node: { message: string } }) => e.node.message);
    expect(logs).toContain('notes after the run: 4 held');
  });

  it('resumes each stream from its own cursor: a changed record is updated, an unchanged one a DUPLICATE', async () => {
    noteSource.drafts.push([
      { id: 'n2', slug: 'b', body: 'two, edited' },
      { id: 'n4', slug: 'd', body: 'four' },
      { id: 'n7', slug: 'g', body: 'seven' },
    ]);
    const second = await runToEnd(app, connectorId);
    expect(second).toMatchObject({
      status: 'SUCCESS',
      stats: {
        recordsFetched: 3,
        recordsCreated: 1,
        recordsUpdated: 1,
        recordsSkipped: 1,
        pagesFetched: 1,
      },
    });
    expect(second.skippedRecords.edges[0].node).toEqual({
      externalId: 'n4',
      reason: 'DUPLICATE',
      message: 'already held, unchanged',
    });
    expect(await app.db('test_notes').where({ externalId: 'n2' }).first('body')).toEqual({
      body: 'two, edited',
    });
    const logs = second.logs.edges.map((e: { node: { message: string } }) => e.node.message);
    expect(logs).toContain('notes after the run: 5 held');

    // Nothing new on either stream: nothing written, so no after-run step.
    const third = await runToEnd(app, connectorId);
    expect(third.stats).toMatchObject({ recordsFetched: 0, pagesFetched: 0 });
    const thirdLogs = third.logs.edges.map((e: { node: { message: string } }) => e.node.message);
    expect(thirdLogs.some((m: string) => m.startsWith('notes after the run'))).toBe(false);
  });

  it('keeps a windowed run checkpoints on the run, leaves the cursors alone, and resumes a retry from them', async () => {
    const cursorsBefore = await app.db('syncState').where({ connectorId: rowId }).orderBy('stream');
    noteFault.stream = 'drafts';
    noteFault.page = 2;
    const window = { from: '2026-01-01T00:00:00Z', to: '2026-01-31T00:00:00Z' };
    const failed = await runToEnd(app, connectorId, window);
    expect(failed).toMatchObject({
      status: 'FAILED',
      errorMessage: 'the source failed on drafts page 2',
      stats: { pagesFetched: 2, recordsFetched: 7 },
    });
    const runRow = async (globalId: string) =>
      (await app
        .db('runs')
        .where({ id: fromGlobalId(globalId)!.id })
        .first('checkpoints')) as {
        checkpoints: unknown;
      };
    expect(await runRow(failed.id)).toEqual({ checkpoints: { drafts: { pages: 2 } } });

    noteFault.stream = undefined;
    const retried = await app.gql(
      `mutation($id: ID!) { retryRun(id: $id) { run { id } userErrors { message } } }`,
      { id: failed.id },
    );
    expect(retried.data?.retryRun.userErrors).toEqual([]);
    const second = await waitForEnd(app, retried.data!.retryRun.run.id);
    // Only what the failed run had not reached: drafts page 3, then published page 1.
    expect(second).toMatchObject({
      status: 'SUCCESS',
      stats: { pagesFetched: 2, recordsFetched: 4 },
    });
    expect(await runRow(second.id)).toEqual({
      checkpoints: { drafts: { pages: 3 }, published: { pages: 1 } },
    });
    expect(await app.db('syncState').where({ connectorId: rowId }).orderBy('stream')).toEqual(
      cursorsBefore,
    );
  });

  it('ends a cancelled run only once its source has stopped what it was doing', async () => {
    expect(noteSource.drafts.length).toBeGreaterThan(2);
    const held = await createNotes('Notes held');
    Object.assign(noteHold, { stream: 'drafts', page: 2, teardownMs: 1_000 });
    try {
      const queued = await app.gql(RUN, { input: { id: held } });
      const id = queued.data!.runConnector.run.id as string;
      while (!noteHold.waiting) await new Promise((resolve) => setTimeout(resolve, 10));
      const cancelled = await app.gql(
        `mutation($id: ID!) { cancelRun(id: $id) { userErrors { message } } }`,
        { id },
      );
      expect(cancelled.data?.cancelRun.userErrors).toEqual([]);
      const ended = await waitForEnd(app, id);
      const seenAt = Date.now();
      expect(ended.status).toBe('CANCELLED');
      // The page read ahead was still winding down when the run stopped: the run waited.
      expect(noteHold.stoppedAt).toBeDefined();
      expect(noteHold.stoppedAt!).toBeLessThanOrEqual(seenAt);
    } finally {
      Object.assign(noteHold, {
        stream: undefined,
        page: undefined,
        teardownMs: 0,
        waiting: undefined,
        stoppedAt: undefined,
      });
    }
  });
});
