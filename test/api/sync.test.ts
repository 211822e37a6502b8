/**
 * The sync engine end to end on ISSUER_API: runs queued through GraphQL,
 * executed by the worker against a real issuer on loopback, checked by the
 * exact rows they leave in Postgres.
 */
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { IssuerProvider } from '../support/issuer-provider';
import { waitFor } from '../support/wait';

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;
const RUN = `mutation($input: RunConnectorInput!) {
  runConnector(input: $input) { run { id status type attempt } userErrors { code field message } }
}`;
const RUN_FIELDS = `id type status attempt errorMessage window { from to }
  stats { recordsFetched recordsCreated recordsUpdated recordsSkipped recordsFailed pagesFetched skipped { reason count } }
  skippedRecords(first: 100) { totalCount edges { node { externalId reason message raw } } }`;
const GET_RUN = `query($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`;

/** Fast retries, so transient faults cost milliseconds. */
const FAST_RETRY = { maxAttempts: 5, initialDelayMs: 5, maxDelayMs: 2_000 };

async function waitForEnd(app: TestApp, runId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await app.gql(GET_RUN, { id: runId })).data?.run;
    if (run && !['QUEUED', 'RUNNING'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('sync engine on ISSUER_API', () => {
  let app: TestApp;
  let issuer: IssuerProvider;
  beforeAll(async () => {
    app = await startTestApp({ worker: { heartbeatMs: 100 } });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    issuer = await IssuerProvider.start();
  });
  afterEach(() => issuer.close());

  async function createIssuer(name: string, config: Record<string, unknown> = {}) {
    const result = await app.gql(CREATE, {
      input: {
        name,
        kind: 'ISSUER_API',
        sourceEntity: name.toUpperCase(),
        authType: 'API_KEY',
        config: { baseUrl: issuer.url, retry: FAST_RETRY, ...config },
        credentials: { apiKey: issuer.apiKey },
      },
    });
    expect(result.data?.createConnector.userErrors).toEqual([]);
    return result.data!.createConnector.connector.id as string;
  }

  /**
   * Runs `body` while Postgres refuses any credential titled 'Poison' (a test-only
   * constraint): a failure no validation foresees, for one record.
   */
  async function withPoisonedTitles(body: () => Promise<void>) {
    await app.db.raw(
      `ALTER TABLE credentials ADD CONSTRAINT test_poison CHECK (title <> 'Poison')`,
    );
    try {
      await body();
    } finally {
      await app.db.raw('ALTER TABLE credentials DROP CONSTRAINT test_poison');
    }
  }

  async function run(id: string, window: { from?: string; to?: string } = {}) {
    const result = await app.gql(RUN, { input: { id, ...window } });
    expect(result.data?.runConnector.userErrors).toEqual([]);
    return waitForEnd(app, result.data!.runConnector.run.id);
  }

  it('syncs every record once, skipping each bad one with its reason, through 429 and 503', async () => {
    const records = issuer.seed(230);
    delete records[5].learner_email;
    records[6].issued_at = 'yesterday-ish';
    records[7].learner_email = 'not-an-email';
    records[10].max_hr = 5_000;
    records[12].learner_email = records[11].learner_email;
    issuer.invalid.add(records[20].id);
    issuer.serveVerification();
    issuer.listFaults.push(
      { status: 503, json: { message: 'maintenance' } },
      { status: 429, headers: { 'Retry-After': '1' }, json: { message: 'slow down' } },
    );
    await app.db('learners').insert({ email: 'Learner3@Example.org' });
    const id = await createIssuer('Nsdc', { pageSize: 100 });

    const first = await run(id);
    expect(first).toMatchObject({
      type: 'MANUAL',
      status: 'SUCCESS',
      errorMessage: null,
      window: null,
      stats: {
        recordsFetched: 230,
        recordsCreated: 224,
        recordsUpdated: 0,
        recordsSkipped: 6,
        recordsFailed: 0,
        pagesFetched: 3,
      },
    });
    expect(first.stats.skipped).toEqual([
      { reason: 'DUPLICATE', count: 1 },
      { reason: 'HOURS_EXCEEDED', count: 1 },
      { reason: 'INVALID_RECORD', count: 3 },
      { reason: 'VERIFICATION_FAILED', count: 1 },
    ]);
    const skipped = first.skippedRecords.edges.map(
      (e: { node: Record<string, unknown> }) => e.node,
    );
    expect(
      skipped.map((s: { externalId: string; reason: string }) => [s.externalId, s.reason]),
    ).toEqual([
      ['c5', 'INVALID_RECORD'],
      ['c6', 'INVALID_RECORD'],
      ['c7', 'INVALID_RECORD'],
      ['c10', 'HOURS_EXCEEDED'],
      ['c12', 'DUPLICATE'],
      ['c20', 'VERIFICATION_FAILED'],
    ]);
    expect(skipped[0]).toMatchObject({ message: 'missing learner_email', raw: { id: 'c5' } });
    expect(skipped[1].message).toBe('issued_at is not a date');
    // Verification ran for the 224 that passed the earlier checks, and only for them.
    expect(issuer.verifyCalls()).toHaveLength(225);
    // The faults were retried: two failed list calls, then three pages.
    expect(issuer.http.requestsTo('/credentials')).toHaveLength(5);

    const rows = await app.db('credentials').orderBy('id');
    expect(rows).toHaveLength(224);
    expect(new Set(rows.map((r) => r.externalId)).size).toBe(224);
    expect(new Set(rows.map((r) => r.uid)).size).toBe(224);
    expect(rows.filter((r) => r.status === 'ISSUED').map((r) => r.externalId)).toEqual(['c3']);
    expect(rows[0]).toMatchObject({
      title: 'Data Entry Operator',
      dataHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    });
    expect(
      await app
        .db('externalReferences')
        .where({ entityType: 'credential', status: 'SYNCED' })
        .count('* as n')
        .first(),
    ).toEqual({ n: 224 });
    // The three records that could not be mapped are kept FAILED, with their reason.
    expect(
      await app
        .db('externalReferences')
        .where({ entityType: 'credential', status: 'FAILED' })
        .orderBy('externalId')
        .select('externalId', 'reason'),
    ).toEqual(
      [records[5].id, records[6].id, records[7].id]
        .sort()
        .map((externalId) => ({ externalId, reason: 'INVALID_RECORD' })),
    );
    const issuers = await app.db('issuers').select('name', 'providerId');
    expect(issuers).toEqual([{ name: 'NSDC', providerId: 'nsdc' }]);

    const state = (
      await app.gql(
        `query($id: ID!) { connector(id: $id) { syncState status stats { totalRuns successCount } lastRun { id } } }`,
        { id },
      )
    ).data?.connector;
    expect(state.syncState.credentials.cursor).toEqual({ since: records[229].updated_at });
    expect(state).toMatchObject({
      status: 'ACTIVE',
      stats: { totalRuns: 1, successCount: 1 },
      lastRun: { id: first.id },
    });

    // Nothing new: `since` is inclusive, so the last record comes again and is a harmless DUPLICATE.
    const second = await run(id);
    expect(second.stats).toMatchObject({ recordsFetched: 1, recordsCreated: 0, recordsSkipped: 1 });
    expect(second.skippedRecords.edges[0].node).toMatchObject({
      externalId: 'c229',
      reason: 'DUPLICATE',
      message: 'already held, unchanged',
    });

    // A changed record comes back with a newer updated_at: it is updated, not duplicated.
    records[0].certificate_title = 'Senior Data Entry Operator';
    records[0].updated_at = '2026-06-01T00:00:00.000Z';
    const third = await run(id);
    expect(third.stats).toMatchObject({
      recordsFetched: 2,
      recordsCreated: 0,
      recordsUpdated: 1,
      recordsSkipped: 1,
    });
    const c0 = await app.db('credentials').where({ externalId: 'c0' }).first();
    expect(c0).toMatchObject({ title: 'Senior Data Entry Operator', uid: rows[0].uid });
    expect(await app.db('credentials').count('* as n').first()).toEqual({ n: 224 });
  });

  it('refuses a second run while one is active, and any run of a paused connector', async () => {
    issuer.seed(30);
    issuer.stallAfterPages = 1;
    const id = await createIssuer('Stalling', { pageSize: 10, verifyPath: null });
    const started = await app.gql(RUN, { input: { id } });
    const runId = started.data!.runConnector.run.id;
    const again = await app.gql(RUN, { input: { id } });
    expect(again.data?.runConnector).toMatchObject({
      run: null,
      userErrors: [
        {
          code: 'INVALID_STATE',
          field: ['input', 'id'],
          message: 'the connector already has a queued or running run',
        },
      ],
    });

    // Cancel stops it at the page boundary, keeping the checkpoint of the page written.
    await waitFor(
      'the first page',
      async () =>
        (
          await app
            .db('runs')
            .where({ id: Number(Buffer.from(runId, 'base64url').toString().split(':')[1]) })
            .first()
        )?.pagesFetched >= 1,
    );
    const cancel = await app.gql(
      `mutation($id: ID!) { cancelRun(id: $id) { run { status } userErrors { code } } }`,
      { id: runId },
    );
    expect(cancel.data?.cancelRun.userErrors).toEqual([]);
    const cancelled = await waitForEnd(app, runId);
    expect(cancelled).toMatchObject({
      status: 'CANCELLED',
      stats: { recordsCreated: 10, pagesFetched: 1 },
    });
    const state = (await app.gql(`query($id: ID!) { connector(id: $id) { syncState } }`, { id }))
      .data?.connector;
    expect(state.syncState.credentials.cursor).toEqual({ since: issuer.records[9].updated_at });

    // Retry resumes from the checkpoint: every record exactly once.
    issuer.stallAfterPages = null;
    const retried = await app.gql(
      `mutation($id: ID!) { retryRun(id: $id) { run { id type attempt } userErrors { code message } } }`,
      { id: runId },
    );
    expect(retried.data?.retryRun.run).toMatchObject({ type: 'RETRY', attempt: 2 });
    const done = await waitForEnd(app, retried.data!.retryRun.run.id);
    expect(done).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsCreated: 20, recordsSkipped: 1 },
    });
    expect(
      await app
        .db('credentials')
        .where('connectorId', Number(Buffer.from(id, 'base64url').toString().split(':')[1]))
        .count('* as n')
        .first(),
    ).toEqual({ n: 30 });

    await app.gql(`mutation($id: ID!) { pauseConnector(id: $id) { connector { status } } }`, {
      id,
    });
    const paused = await app.gql(RUN, { input: { id } });
    expect(paused.data?.runConnector.userErrors).toEqual([
      {
        code: 'INVALID_STATE',
        field: ['input', 'id'],
        message: 'the connector is paused; resume it first',
      },
    ]);
    const ended = await app.gql(
      `mutation($id: ID!) { cancelRun(id: $id) { userErrors { code } } }`,
      { id: runId },
    );
    expect(ended.data?.cancelRun.userErrors).toEqual([{ code: 'INVALID_STATE' }]);
  });

  it('backfills a window without moving the cursor, and fails a run the source refuses', async () => {
    issuer.seed(50);
    const id = await createIssuer('Windowed', { pageSize: 20, verifyPath: null });
    const backfill = await app.gql(
      `mutation($input: BackfillConnectorInput!) { backfillConnector(input: $input) { run { id type window { from to } } userErrors { code field message } } }`,
      { input: { id, from: '2026-01-01', to: '2026-01-01' } },
    );
    expect(backfill.data?.backfillConnector.run).toMatchObject({
      type: 'BACKFILL',
      window: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-01T23:59:59.999Z' },
    });
    const done = await waitForEnd(app, backfill.data!.backfillConnector.run.id);
    expect(done).toMatchObject({ status: 'SUCCESS', stats: { recordsCreated: 50 } });
    expect(
      (await app.gql(`query($id: ID!) { connector(id: $id) { syncState } }`, { id })).data
        ?.connector.syncState,
    ).toBeNull();

    const windowed = await run(id, {
      from: issuer.records[10].updated_at,
      to: issuer.records[14].updated_at,
    });
    expect(windowed.stats).toMatchObject({ recordsFetched: 5, recordsSkipped: 5 });

    const bad = await app.gql(
      `mutation($input: BackfillConnectorInput!) { backfillConnector(input: $input) { userErrors { code field message } } }`,
      { input: { id, from: '2026-02-01', to: '2026-01-01' } },
    );
    expect(bad.data?.backfillConnector.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'from'], message: 'from must not be after to' },
    ]);

    issuer.listFaults.push({ status: 400, json: { message: 'since is malformed' } });
    const failed = await run(id);
    expect(failed).toMatchObject({
      status: 'FAILED',
      errorMessage: 'GET /credentials answered 400: since is malformed',
    });
    const connector = (
      await app.gql(`query($id: ID!) { connector(id: $id) { status stats { failureCount } } }`, {
        id,
      })
    ).data?.connector;
    expect(connector).toEqual({ status: 'FAILED', stats: { failureCount: 1 } });
    const retried = await app.gql(
      `mutation($id: ID!) { retryRun(id: $id) { run { id attempt } } }`,
      { id: failed.id },
    );
    expect(await waitForEnd(app, retried.data!.retryRun.run.id)).toMatchObject({
      status: 'SUCCESS',
      attempt: 2,
    });
    expect(
      (await app.gql(`query($id: ID!) { connector(id: $id) { status } }`, { id })).data?.connector
        .status,
    ).toBe('ACTIVE');
  });

  it('after a record the database refuses, the next pages still decide as one page at a time', async () => {
    await withPoisonedTitles(async () => {
      // pageSize 3, four pages; each page repeats a key of the page before it.
      const at = (n: number) => new Date(Date.UTC(2026, 3, 1, 0, 0, n)).toISOString();
      const rec = (id: string, n: number, title = 'Course ' + id) => ({
        id,
        learner_email: `${id}@example.org`,
        certificate_title: title,
        issued_at: at(0),
        completion_date: at(0),
        max_hr: 10,
        updated_at: at(n),
      });
      issuer.records.push(
        ...[rec('a0', 1), rec('a1', 2, 'Poison'), rec('a2', 3)],
        ...[rec('a1', 4, 'Poison'), rec('b0', 5), rec('b1', 6)],
        ...[rec('b0', 7, 'Course b0, second edition'), rec('a1', 8, 'Poison'), rec('c0', 9)],
        ...[rec('c0', 10), rec('d0', 11), rec('d1', 12)],
      );
      const id = await createIssuer('Four pages', { pageSize: 3, verifyPath: null });
      const result = await run(id);
      expect(result).toMatchObject({
        status: 'PARTIAL_SUCCESS',
        stats: {
          recordsFetched: 12,
          recordsCreated: 7,
          recordsUpdated: 1,
          recordsSkipped: 1,
          recordsFailed: 3,
          pagesFetched: 4,
        },
      });
      expect(
        result.skippedRecords.edges.map(
          (e: { node: { externalId: string; reason: string } }) =>
            `${e.node.externalId} ${e.node.reason}`,
        ),
      ).toEqual([
        'a1 PROCESSING_FAILED',
        'a1 PROCESSING_FAILED',
        'a1 PROCESSING_FAILED',
        'c0 DUPLICATE',
      ]);
      const rows = await app
        .db('credentials')
        .where('connectorId', Number(Buffer.from(id, 'base64url').toString().split(':')[1]))
        .orderBy('externalId')
        .select('externalId', 'title');
      expect(rows.map((r: { externalId: string }) => r.externalId)).toEqual([
        'a0',
        'a2',
        'b0',
        'b1',
        'c0',
        'd0',
        'd1',
      ]);
      expect(rows[2].title).toBe('Course b0, second edition');
    });
  });

  it('decides across page boundaries exactly as within one page', async () => {
    // A record Postgres refuses: the page is written record by record and only it fails.
    await withPoisonedTitles(async () => {
      // pageSize 5: every rule below compares a record with one on the page before.
      const page1 = issuer.seed(5, Date.UTC(2026, 2, 1), 'p');
      page1[2].certificate_title = 'Poison';
      page1[4].certificate_title = 'Broken\u0000Title'; // Postgres text holds no NUL
      const later = (n: number) => new Date(Date.UTC(2026, 2, 2, 0, 0, n)).toISOString();
      issuer.records.push(
        { ...page1[0], updated_at: later(1) }, // unchanged: DUPLICATE
        { ...page1[1], certificate_title: 'Renamed Course', updated_at: later(2) }, // updated
        { ...page1[3], id: 'p-other', updated_at: later(3) }, // same learner and title: DUPLICATE
        { ...page1[2], updated_at: later(4) }, // the record that could not be stored: fails again
        { ...page1[0], id: 'p-new', learner_email: 'new@example.org', updated_at: later(5) },
      );
      const id = await createIssuer('Pages', { pageSize: 5, verifyPath: null });
      const POISONED =
        'could not store the record: new row for relation "credentials" violates check constraint "test_poison"';
      const result = await run(id);
      expect(result).toMatchObject({
        status: 'PARTIAL_SUCCESS',
        stats: {
          recordsFetched: 10,
          recordsCreated: 4,
          recordsUpdated: 1,
          recordsSkipped: 3,
          recordsFailed: 2,
          pagesFetched: 2,
        },
      });
      const skipped = result.skippedRecords.edges.map(
        (e: { node: { externalId: string; reason: string; message: string } }) => [
          e.node.externalId,
          e.node.reason,
          e.node.message,
        ],
      );
      expect(skipped).toEqual([
        ['p4', 'INVALID_RECORD', 'contains a NUL character (U+0000), which cannot be stored'],
        ['p2', 'PROCESSING_FAILED', POISONED],
        ['p0', 'DUPLICATE', 'already held, unchanged'],
        ['p-other', 'DUPLICATE', 'same learner, title and issuer already held as p3'],
        ['p2', 'PROCESSING_FAILED', POISONED],
      ]);
      // The NUL record is kept for the log with U+FFFD in place of the NUL.
      expect(result.skippedRecords.edges[0].node.raw.certificate_title).toBe('Broken\ufffdTitle');
      const rows = await app
        .db('credentials')
        .where('connectorId', Number(Buffer.from(id, 'base64url').toString().split(':')[1]))
        .orderBy('externalId')
        .select('externalId', 'title');
      expect(rows).toEqual([
        { externalId: 'p-new', title: 'Data Entry Operator' },
        { externalId: 'p0', title: 'Data Entry Operator' },
        { externalId: 'p1', title: 'Renamed Course' },
        { externalId: 'p3', title: 'Data Entry Operator' },
      ]);
    });
  });
});

describe('OAuth2 tokens during a run', () => {
  let app: TestApp;
  let issuer: IssuerProvider;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    issuer = await IssuerProvider.start('unused', { oauth2: {} });
  });
  afterAll(async () => {
    await issuer.close();
    await app.close();
  });

  it('fetches one token, renews it once when the provider revokes it mid-run, and finishes', async () => {
    issuer.seed(50);
    // The provider rotates its keys after the second page: the next call gets a 401.
    issuer.onList = (call) => {
      if (call === 2) issuer.http.revokeTokens();
    };
    const created = await app.gql(CREATE, {
      input: {
        name: 'Udemy',
        kind: 'ISSUER_API',
        sourceEntity: 'UDEMY',
        authType: 'OAUTH2_CLIENT_CREDENTIALS',
        config: { baseUrl: issuer.url, pageSize: 10, verifyPath: null, retry: FAST_RETRY },
        credentials: { clientId: 'hub', clientSecret: 'hub-secret' },
      },
    });
    const id = created.data!.createConnector.connector.id;
    const result = await app.gql(RUN, { input: { id } });
    const done = await waitForEnd(app, result.data!.runConnector.run.id);
    expect(done).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsCreated: 50, pagesFetched: 5 },
    });
    // One token at the start, one after the revocation: not one per page.
    expect(issuer.http.requestsTo('/auth/token')).toHaveLength(2);
    // Five pages, plus the one call refused with the revoked token.
    expect(issuer.http.requestsTo('/credentials')).toHaveLength(6);
  });
});

describe('a run whose process died', () => {
  let database: TestDatabase;
  let issuer: IssuerProvider;
  beforeAll(async () => {
    database = await createTestDatabase();
    issuer = await IssuerProvider.start();
  });
  afterAll(async () => {
    await issuer.close();
    await database.drop();
  });

  it('is marked FAILED "interrupted" by another process, and the next run resumes from the checkpoint', async () => {
    const secretKey = Buffer.alloc(32, 7);
    // The first process stops beating after the first page, as if it died there.
    const dying = await startTestApp({ database, secretKey, worker: { heartbeatMs: 3_600_000 } });
    issuer.seed(40);
    issuer.stallAfterPages = 1;
    const created = await dying.gql(CREATE, {
      input: {
        name: 'Crashy',
        kind: 'ISSUER_API',
        sourceEntity: 'CRASHY',
        authType: 'API_KEY',
        config: { baseUrl: issuer.url, pageSize: 10, verifyPath: null, retry: FAST_RETRY },
        credentials: { apiKey: issuer.apiKey },
      },
    });
    const id = created.data!.createConnector.connector.id;
    const runId = (await dying.gql(RUN, { input: { id } })).data!.runConnector.run.id;
    await waitFor(
      'the first page',
      async () => (await dying.db('runs').first('pagesFetched'))?.pagesFetched >= 1,
    );

    const survivor = await startTestApp({
      database,
      secretKey,
      worker: { runStaleMs: 1_000, reapEveryMs: 200 },
    });
    try {
      const interrupted = await waitForEnd(survivor, runId);
      expect(interrupted).toMatchObject({ status: 'FAILED', stats: { recordsCreated: 10 } });
      expect(interrupted.errorMessage).toMatch(/^interrupted/);
      await dying.close();

      issuer.stallAfterPages = null;
      const next = (await survivor.gql(RUN, { input: { id } })).data!.runConnector.run.id;
      const done = await waitForEnd(survivor, next);
      expect(done).toMatchObject({
        status: 'SUCCESS',
        stats: { recordsCreated: 30, recordsSkipped: 1 },
      });
      const ids = (await survivor.db('credentials').select('externalId')).map((r) => r.externalId);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
      const runs = await survivor.db('runs').orderBy('id').select('status');
      expect(runs.map((r) => r.status)).toEqual(['FAILED', 'SUCCESS']);
    } finally {
      await survivor.close();
    }
  });
});
