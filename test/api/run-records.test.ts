/**
 * Numbers an operator reads on a card and a run page: stats that count a
 * cancelled run apart and no TEST run, the last sync run and the last test
 * apart, a run's skipped records and log filtered by reason, level and
 * external id, and the skipped records as a streamed CSV download.
 */
import { startTestApp, type TestApp } from '../support/app';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';
import { IssuerProvider } from '../support/issuer-provider';
import { waitFor } from '../support/wait';

const STATUS = `query($id: ID!) { run(id: $id) { status } }`;

describe('run records and connector numbers', () => {
  let app: TestApp;
  let issuer: IssuerProvider;
  let connectorId: string;
  let runId: string;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    issuer = await IssuerProvider.start();
    issuer.seed(40);
    // Ten records with an unusable email (INVALID_RECORD), three over the hours limit.
    for (let i = 0; i < 10; i++) {
      issuer.records[i].learner_email = 'not-an-email';
      issuer.records[i].id = `bad-${i}`;
    }
    // A spreadsheet formula as an external id must reach the CSV as text.
    issuer.records[9].id = '=HYPERLINK("http://x")';
    for (let i = 10; i < 13; i++) issuer.records[i].max_hr = 5000;
    connectorId = await createIssuerConnector(app, issuer, 'Council', {
      verifyPath: null,
      pageSize: 7,
    });
    runId = await queueRun(app, connectorId);
    await waitFor('the run to end', async () => {
      const status = (await app.gql(STATUS, { id: runId })).data?.run?.status;
      return status === 'SUCCESS' && status;
    });
  });
  afterAll(async () => {
    await issuer.close();
    await app.close();
  });

  it('pages the skipped records by reason and finds them by external id', async () => {
    const query = `query($id: ID!, $after: String, $reason: SkipReason, $search: String) {
      run(id: $id) {
        stats { recordsSkipped skipped { reason count } }
        skippedRecords(first: 4, after: $after, reason: $reason, search: $search) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { externalId reason } }
        }
      }
    }`;
    const first = (await app.gql(query, { id: runId, reason: 'INVALID_RECORD' })).data!.run;
    expect(first.stats.recordsSkipped).toBe(13);
    expect(first.stats.skipped).toEqual([
      { reason: 'HOURS_EXCEEDED', count: 3 },
      { reason: 'INVALID_RECORD', count: 10 },
    ]);
    expect(first.skippedRecords.totalCount).toBe(10);
    // Paged to the last one.
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { externalId: string; reason: string } }[];
      } = (await app.gql(query, { id: runId, reason: 'INVALID_RECORD', after })).data!.run
        .skippedRecords;
      seen.push(...page.edges.map((e) => e.node.externalId));
      expect(page.edges.every((e) => e.node.reason === 'INVALID_RECORD')).toBe(true);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(10);
    expect(seen[9]).toBe('=HYPERLINK("http://x")');

    const found = (await app.gql(query, { id: runId, search: 'BAD-3' })).data!.run.skippedRecords;
    expect(found.totalCount).toBe(1);
    expect(found.edges[0].node).toEqual({ externalId: 'bad-3', reason: 'INVALID_RECORD' });
    // LIKE wildcards are text, not patterns.
    const literal = (await app.gql(query, { id: runId, search: 'bad_' })).data!.run.skippedRecords;
    expect(literal.totalCount).toBe(0);
  });

  it('filters the log by level and by external id', async () => {
    const query = `query($id: ID!, $level: LogLevel, $search: String) {
      run(id: $id) { logs(first: 100, level: $level, search: $search) {
        totalCount edges { node { level externalId message } } } }
    }`;
    const warnings = (await app.gql(query, { id: runId, level: 'WARN' })).data!.run.logs;
    expect(warnings.totalCount).toBe(13);
    const one = (await app.gql(query, { id: runId, search: 'bad-4' })).data!.run.logs;
    expect(one.totalCount).toBe(1);
    expect(one.edges[0].node).toMatchObject({ level: 'WARN', externalId: 'bad-4' });
    expect(one.edges[0].node.message).toMatch(/^skipped INVALID_RECORD/);
  });

  it('downloads the skipped records as CSV with the API token; 401 without, 404 for an unknown run', async () => {
    const url = `${app.url}/runs/${encodeURIComponent(runId)}/skipped-records.csv`;
    const auth = { authorization: `Bearer ${app.adminToken}` };
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const unknown = Buffer.from('Run:999999').toString('base64url');
    expect(
      (await fetch(`${app.url}/runs/${unknown}/skipped-records.csv`, { headers: auth })).status,
    ).toBe(404);
    expect(
      (await fetch(`${app.url}/runs/garbage/skipped-records.csv`, { headers: auth })).status,
    ).toBe(404);
    expect((await fetch(`${url}?reason=NOPE`, { headers: auth })).status).toBe(400);

    const res = await fetch(url, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="run-\d+-skipped-records\.csv"$/,
    );
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('externalId,reason,message,at,raw');
    expect(lines).toHaveLength(14);
    expect(lines.filter((l) => l.includes(',HOURS_EXCEEDED,'))).toHaveLength(3);
    // Formula-looking cells are prefixed with a quote, so a spreadsheet shows them as text.
    expect(lines.some((l) => l.startsWith(`"'=HYPERLINK(""http://x"")",INVALID_RECORD,`))).toBe(
      true,
    );

    const filtered = await fetch(`${url}?reason=HOURS_EXCEEDED`, { headers: auth });
    expect((await filtered.text()).trim().split('\n')).toHaveLength(4);
  });

  it('counts a cancelled run apart, keeps TEST runs out of the stats and the last run, and shows the last test', async () => {
    // A second run, cancelled while queued (the worker stopped so it stays queued).
    await app.services.worker.stop(2_000);
    const queued = await queueRun(app, connectorId);
    const cancelled = await app.gql(
      `mutation($id: ID!) { cancelRun(id: $id) { run { status } userErrors { message } } }`,
      { id: queued },
    );
    expect(cancelled.data!.cancelRun.run.status).toBe('CANCELLED');
    // A failing test: its run is the last test, not the last run, and not in the stats.
    issuer.listFaults.push({ status: 401, json: { error: 'nope' } });
    const tested = await app.gql(
      `mutation($id: ID!) { testConnector(id: $id) { run { id status } } }`,
      {
        id: connectorId,
      },
    );
    expect(tested.data!.testConnector.run.status).toBe('FAILED');

    const { connector } = (
      await app.gql(
        `query($id: ID!) { connector(id: $id) {
          stats { totalRuns successCount failureCount cancelledCount successRate }
          lastRun { id type status } lastTest { id type status }
        } }`,
        { id: connectorId },
      )
    ).data!;
    expect(connector.stats).toEqual({
      totalRuns: 2,
      successCount: 1,
      failureCount: 0,
      cancelledCount: 1,
      successRate: 1,
    });
    expect(connector.lastRun).toEqual({ id: queued, type: 'MANUAL', status: 'CANCELLED' });
    // The history's tabs: sync runs apart from TEST runs.
    const tabs = (
      await app.gql(
        `query($id: ID!) { connector(id: $id) {
          syncs: runs(types: [SCHEDULED, MANUAL, BACKFILL, RETRY]) { totalCount }
          tests: runs(type: TEST) { totalCount }
        } }`,
        { id: connectorId },
      )
    ).data!.connector;
    expect(tabs).toEqual({ syncs: { totalCount: 2 }, tests: { totalCount: 1 } });
    expect(connector.lastTest).toEqual({
      id: tested.data!.testConnector.run.id,
      type: 'TEST',
      status: 'FAILED',
    });
  });

  it('jumps to a page of credentials by offset', async () => {
    const page = (offset: number, after?: string) =>
      app.gql(
        `query($offset: Int, $after: String) { credentials(first: 10, offset: $offset, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { externalId } } } }`,
        { offset, after },
      );
    const all = (await page(0)).data!.credentials;
    expect(all.totalCount).toBe(27);
    const third = (await page(20)).data!.credentials;
    expect(third.edges).toHaveLength(7);
    expect(third.pageInfo.hasNextPage).toBe(false);
    // The same rows a walk with cursors reaches.
    const second = (await page(10)).data!.credentials;
    const walked = (
      await app.gql(
        `query($after: String) { credentials(first: 10, after: $after) { edges { node { externalId } } } }`,
        { after: all.pageInfo.endCursor },
      )
    ).data!.credentials;
    expect(second.edges).toEqual(walked.edges);
    expect((await page(5, all.pageInfo.endCursor)).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await page(100_001)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serves the dashboard compressed, its hashed assets immutable and index.html revalidated', async () => {
    const index = await fetch(`${app.url}/`, {
      headers: { accept: 'text/html', 'accept-encoding': 'br, gzip' },
    });
    if (index.status === 404) return; // client not built: nothing served
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${app.url}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const gz = await fetch(`${app.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
  });
});
