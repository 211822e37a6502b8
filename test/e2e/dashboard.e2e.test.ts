/**
 * The admin dashboard end to end: Debian's Chromium (driven by
 * playwright-core from client/node_modules) against the real server, which
 * serves client/dist at `/`, with a worker and an issuer on loopback.
 * Screenshots of each page go to test-output/e2e/.
 *
 * Needs `/usr/bin/chromium` and a built client (`npm run build:client`);
 * .ci/run provides both. Without them the test is skipped locally and fails
 * under CI=true.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findClientDist } from '../../src/server/dashboard';
import { startTestApp, type TestApp } from '../support/app';
import { IssuerProvider } from '../support/issuer-provider';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const OUT = path.join(ROOT, 'test-output', 'e2e');
const PLAYWRIGHT = path.join(ROOT, 'client', 'node_modules', 'playwright-core');
const AXE = path.join(ROOT, 'client', 'node_modules', 'axe-core', 'axe.min.js');
const missing = [
  !existsSync(CHROMIUM) && CHROMIUM,
  !findClientDist() && 'client/dist (npm run build:client)',
  !existsSync(PLAYWRIGHT) && 'client/node_modules/playwright-core (npm ci --prefix client)',
  !existsSync(AXE) && 'client/node_modules/axe-core (npm ci --prefix client)',
].filter(Boolean);
if (missing.length && process.env.CI) throw new Error(`dashboard e2e needs ${missing.join(', ')}`);
const describeIf = missing.length ? describe.skip : describe;
if (missing.length) console.warn(`dashboard e2e skipped: missing ${missing.join(', ')}`);

// playwright-core lives in client/node_modules, which the root type check
// runs without (CI installs the client after it): typed loosely here.
type Playwright = { chromium: { launch(options: object): Promise<Browser> } };
type Browser = any;
type Page = any;

jest.setTimeout(120_000);

describeIf('admin dashboard in Chromium', () => {
  let app: TestApp;
  let issuer: IssuerProvider;
  let browser: Browser;
  /** Uncaught errors and console errors of every page: none expected. */
  const pageErrors: string[] = [];
  afterEach(() => {
    expect(pageErrors.filter((e) => !e.includes('401 (Unauthorized)'))).toEqual([]);
    pageErrors.length = 0;
  });
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    app = await startTestApp({ worker: { heartbeatMs: 200 } });
    issuer = await IssuerProvider.start();
    issuer.seed(240);
    // Slow pages, so the run lasts long enough to watch the bar move.
    issuer.pageDelayMs = 120;
    const { chromium } = createRequire(__filename)(PLAYWRIGHT) as Playwright;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await issuer?.close();
    await app?.close();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });

  async function signIn(token: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error: Error) => pageErrors.push(String(error)));
    page.on('console', (m: { type(): string; text(): string }) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(app.url);
    await page.getByLabel('API token').fill(token);
    return page;
  }

  it('signs in, creates an ISSUER_API connector, runs it live, reads history, pauses and resumes', async () => {
    const page = await signIn('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This token was refused').waitFor();
    await shot(page, '01-signin-refused');
    await page.getByLabel('API token').fill(app.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Connectors' }).waitFor();
    await shot(page, '02-connectors-empty');

    // The form: client-side validation first, beside each field.
    await page.getByRole('button', { name: 'New connector' }).click();
    await page.getByRole('button', { name: 'Create connector' }).click();
    await page.getByText('Name is required').waitFor();
    await page.getByText('Base URL is required').waitFor();
    await page.getByText('API key is required').waitFor();
    await shot(page, '03-form-validation');

    await page.getByLabel(/^Name/).fill('Skill Council');
    await page.getByLabel(/^Source entity/).fill('NSDC');
    await page.getByLabel(/^Base URL/).fill(issuer.url);
    await page.getByLabel('Page size').fill('10');
    await page.getByLabel('Verify path').fill('');
    await page.getByLabel(/^API key[\s*]*$/).fill(issuer.apiKey);
    await page.getByLabel('Run on a schedule').check();
    await page.getByLabel('Cron').fill('30 2 * * 1-5');
    await page.getByLabel('Time zone').fill('Asia/Kolkata');
    await page.getByText('At 02:30, Monday through Friday').waitFor();
    await shot(page, '04-form-filled');
    await page.getByRole('button', { name: 'Create connector' }).click();
    await page.getByText('Skill Council created').waitFor();
    await shot(page, '05-connectors');

    const card = page.getByRole('listitem', { name: 'Connector Skill Council' });
    await card.waitFor();
    await card.getByText('ISSUER_API · NSDC').waitFor();
    await card.getByRole('img', { name: 'never run' }).waitFor();

    // Run it and watch the bar: values rise over time without a reload.
    await card.getByRole('button', { name: 'Run' }).click();
    const bar = card.getByRole('progressbar');
    await bar.waitFor();
    const seen: number[] = [];
    const deadline = Date.now() + 30_000;
    let midShot = false;
    while (Date.now() < deadline) {
      const now = await bar.getAttribute('aria-valuenow').catch(() => null);
      if (now !== null) seen.push(Number(now));
      if (!midShot && Number(now) > 40) {
        await shot(page, '05-run-in-progress');
        midShot = true;
      }
      if ((await card.getByText(/run · success/).count()) > 0) break;
      await page.waitForTimeout(100);
    }
    expect(await bar.getAttribute('aria-valuemax')).toBe('240');
    expect(seen.length).toBeGreaterThan(3);
    expect(new Set(seen).size).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    await card.getByText(/run · success/).waitFor();
    expect(await bar.getAttribute('aria-valuenow')).toBe('240');
    await shot(page, '06-run-finished');
    await card.getByRole('img', { name: 'last run succeeded' }).waitFor({ timeout: 20_000 });
    await card.getByText('(1/1)').waitFor();

    await card.getByRole('button', { name: 'Test', exact: true }).click();
    await page.getByText('Skill Council: connection OK').waitFor();

    // History, then the run's detail.
    await card.getByRole('button', { name: 'History' }).click();
    await page.getByRole('heading', { name: 'History of Skill Council' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'MANUAL' });
    await row.getByText('SUCCESS').waitFor();
    expect(await row.textContent()).toContain('240');
    await shot(page, '07-history');
    await row.getByRole('link', { name: 'MANUAL' }).click();
    await page.getByRole('heading', { name: /MANUAL run of Skill Council/ }).waitFor();
    await page.getByRole('list', { name: 'Run log' }).waitFor();
    await shot(page, '08-run-detail');

    // The server's userErrors land beside the field they name.
    await page.getByRole('link', { name: 'Connectors' }).first().click();
    await page.getByRole('button', { name: 'New connector' }).click();
    await page.getByLabel(/^Name/).fill('skill council');
    await page.getByLabel(/^Source entity/).fill('NSDC');
    await page.getByLabel(/^Base URL/).fill(issuer.url);
    await page.getByLabel(/^API key[\s*]*$/).fill('x');
    await page.getByRole('button', { name: 'Create connector' }).click();
    await page.locator('#err-name').waitFor();
    expect(await page.getByLabel(/^Name/).getAttribute('aria-invalid')).toBe('true');
    await shot(page, '04b-form-server-error');
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Backfill: its own fields, checked before it is sent.
    const bf = page.getByRole('listitem', { name: 'Connector Skill Council' });
    await bf.getByRole('button', { name: 'Backfill', exact: true }).click();
    await bf.getByRole('button', { name: 'Queue backfill' }).click();
    await bf.getByText('Pick the first day').waitFor();
    await shot(page, '08b-backfill-validation');
    await bf.getByRole('button', { name: 'Backfill', exact: true }).click();

    // Pause and resume.
    const again = page.getByRole('listitem', { name: 'Connector Skill Council' });
    await again.getByRole('button', { name: 'Pause' }).click();
    await again.getByText('PAUSED', { exact: true }).waitFor();
    await again.getByText('paused', { exact: true }).waitFor();
    await page.getByText('Skill Council paused').waitFor();
    expect(await again.getByRole('button', { name: 'Run' }).isDisabled()).toBe(true);
    await shot(page, '09-paused');
    await again.getByRole('button', { name: 'Resume' }).click();
    await again.getByText('ACTIVE', { exact: true }).waitFor();
    await again.getByRole('button', { name: 'Pause' }).waitFor();

    // The other pages.
    await page.getByRole('link', { name: 'Credentials' }).click();
    await page.getByText('240 credentials').waitFor();
    await page.getByLabel('Search credentials').fill('learner7@');
    await page.getByRole('link', { name: 'learner7@example.org' }).click();
    await page.getByRole('heading', { name: 'Data Entry Operator' }).waitFor();
    await page.getByRole('list', { name: 'Verification checks' }).waitFor();
    await shot(page, '10-credential-detail');
    await page.getByRole('link', { name: 'Credentials' }).first().click();
    await page.getByLabel('Search credentials').fill('');
    await page.getByText('240 credentials').waitFor();
    await page.getByRole('columnheader', { name: 'Anchor' }).waitFor();
    await shot(page, '11-credentials');
    await page.getByRole('link', { name: 'Scheduler' }).click();
    await page.getByText('Queued runs').waitFor();
    await shot(page, '12-scheduler');
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByText(/Runs per day by outcome — 1 in 30 days/).waitFor();
    await page.getByText(/Records synced per day — 240 in 30 days/).waitFor();
    await shot(page, '13-activity');

    // A reload on a client route keeps the page (SPA fallback), and the session.
    await page.reload();
    await page.getByRole('heading', { name: 'Activity, last 30 days' }).waitFor();
    await page.context().close();
  });

  it('serves the dashboard at / without shadowing the API routes', async () => {
    const html = async (p: string) => {
      const res = await fetch(`${app.url}${p}`, { headers: { accept: 'text/html' } });
      return { status: res.status, isApp: /\/assets\/index-[^"]*\.js/.test(await res.text()) };
    };
    expect(await html('/')).toEqual({ status: 200, isApp: true });
    expect(await html('/connectors/abc/history')).toEqual({ status: 200, isApp: true });
    expect((await html('/graphiql')).isApp).toBe(false);
    expect((await html('/healthz')).isApp).toBe(false);
    expect((await html('/credentials/some-uid')).isApp).toBe(false);
    expect((await html('/webhooks/1')).isApp).toBe(false);
    expect((await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } })).status).toBe(
      401,
    );
  });

  it('shows a VIEWER token no mutating buttons', async () => {
    const created = await app.gql(
      `mutation { createApiToken(input: { name: "wall", role: VIEWER }) { token } }`,
    );
    const page = await signIn(created.data!.createApiToken.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const card = page.getByRole('listitem', { name: 'Connector Skill Council' });
    await card.waitFor();
    await page.getByText('VIEWER', { exact: true }).waitFor();
    for (const name of ['Test', 'Run', 'Backfill', 'Edit', 'Pause', 'Resume', 'Delete'])
      expect(await card.getByRole('button', { name, exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New connector' }).count()).toBe(0);
    await card.getByRole('button', { name: 'History' }).waitFor();
    await shot(page, '14-viewer-connectors');
    await page.getByRole('link', { name: 'Scheduler' }).click();
    await page.getByText('Queued runs').waitFor();
    expect(await page.getByRole('button', { name: /^(Start|Stop)$/ }).count()).toBe(0);
    await page.context().close();
  });

  it('shows an OPERATOR run buttons but no configuring ones, and ends its session once revoked', async () => {
    const created = await app.gql(
      `mutation { createApiToken(input: { name: "revoked soon", role: OPERATOR }) { apiToken { id } token } }`,
    );
    const { apiToken, token } = created.data!.createApiToken;
    const page = await signIn(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('OPERATOR', { exact: true }).waitFor();
    // An OPERATOR runs and pauses connectors but does not create, edit or delete them.
    const card = page.getByRole('listitem', { name: 'Connector Skill Council' });
    for (const name of ['Test', 'Run', 'Backfill', 'History'])
      await card.getByRole('button', { name, exact: true }).waitFor();
    expect(await card.getByRole('button', { name: /^(Pause|Resume)$/ }).count()).toBe(1);
    for (const name of ['Edit', 'Delete'])
      expect(await card.getByRole('button', { name, exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New connector' }).count()).toBe(0);
    await shot(page, '15-operator-connectors');
    const revoked = await app.gql(
      `mutation($id: ID!) { revokeApiToken(id: $id) { userErrors { message } } }`,
      {
        id: apiToken.id,
      },
    );
    expect(revoked.data!.revokeApiToken.userErrors).toEqual([]);
    // Revoking closes the token's live socket (4401) at once, and the next request is
    // refused (401): either way, back to the sign-in form, saying why.
    await page
      .getByRole('link', { name: 'Credentials' })
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await page.getByRole('status').filter({ hasText: 'The API refused your token' }).waitFor();
    await page.getByLabel('API token').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await shot(page, '16-token-revoked');
    await page.context().close();
  });

  it('edits a connector: the form holds its settings, its secret shows as stored and stays', async () => {
    const page = await signIn(app.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const card = page.getByRole('listitem', { name: 'Connector Skill Council' });
    await card.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    expect(await page.getByLabel(/^Name/).inputValue()).toBe('Skill Council');
    expect(await page.getByLabel('Cron').inputValue()).toBe('30 2 * * 1-5');
    const apiKey = page.getByRole('textbox', { name: 'API key stored' });
    expect(await apiKey.inputValue()).toBe('');
    expect(await apiKey.getAttribute('placeholder')).toBe('stored — type to replace');
    await shot(page, '17-form-edit');
    await page.getByLabel(/^Name/).fill('Skill Council North');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Skill Council North saved').waitFor();
    await page.getByRole('listitem', { name: 'Connector Skill Council North' }).waitFor();
    // The API key was left blank, so the stored one is kept, not erased.
    const { connectors } = (
      await app.gql(`{ connectors { edges { node { name hasCredentials } } } }`)
    ).data!;
    expect(connectors.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { name: 'Skill Council North', hasCredentials: true },
    ]);
    await page.context().close();
  });

  it('cancels a running run from its page and retries it from the checkpoint', async () => {
    issuer.seed(60, Date.UTC(2026, 5, 1));
    issuer.pageDelayMs = 1000; // 7 pages of 10, 7 s or more: time to press Cancel mid-run
    const page = await signIn(app.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const card = page.getByRole('listitem', { name: 'Connector Skill Council North' });
    await card.getByRole('button', { name: 'Run', exact: true }).click();
    await card.getByRole('progressbar').waitFor();
    await card.getByRole('button', { name: 'History' }).click();
    const running = page.getByRole('row').filter({ hasText: 'RUNNING' });
    await running.getByRole('link', { name: 'MANUAL' }).click();
    await page.getByRole('heading', { name: /MANUAL run of Skill Council North/ }).waitFor();
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByText('Cancel requested').waitFor();
    const heading = page.getByRole('heading', { name: /MANUAL run of Skill Council North/ });
    await heading.getByText('CANCELLED').waitFor();
    // The page reads the ended run once more: its outcome and log arrive without a reload.
    await page.getByText('cancelled by request; the checkpoint is kept', { exact: true }).waitFor();
    await shot(page, '18-run-cancelled');
    const cancelled = (
      await app.gql(`{ runs(first: 1) { edges { node { status stats { recordsFetched } } } } }`)
    ).data!.runs.edges[0].node;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.stats.recordsFetched).toBeLessThan(61);

    issuer.pageDelayMs = 0;
    await page.getByRole('button', { name: 'Retry', exact: true }).click();
    await page.getByText('Retry queued').waitFor();
    await page.getByRole('heading', { name: /RETRY run of Skill Council North/ }).waitFor();
    await page
      .getByRole('heading', { name: /RETRY run of Skill Council North/ })
      .getByText('SUCCESS')
      .waitFor({ timeout: 20_000 });
    // From the checkpoint, whose own record comes again: one DUPLICATE, read after the end.
    await page
      .getByRole('group', { name: 'Skipped by reason' })
      .getByText(/^duplicate/)
      .waitFor();
    await shot(page, '19-run-retried');
    // Between them, the two runs stored each of the 60 new records once.
    const stored = await app.db('credentials').count({ n: '*' }).first();
    expect(stored).toEqual({ n: 300 });
    await page.context().close();
  });

  /** Creates an ISSUER_API connector through the API (the form has its own test above). */
  async function apiConnector(name: string, provider: IssuerProvider, config = {}) {
    const created = await app.gql(
      `mutation($input: CreateConnectorInput!) {
        createConnector(input: $input) { connector { id } userErrors { message } }
      }`,
      {
        input: {
          name,
          kind: 'ISSUER_API',
          sourceEntity: name.toUpperCase(),
          authType: 'API_KEY',
          config: { baseUrl: provider.url, verifyPath: null, ...config },
          credentials: { apiKey: provider.apiKey },
        },
      },
    );
    expect(created.data!.createConnector.userErrors).toEqual([]);
    return created.data!.createConnector.connector.id as string;
  }

  it('pages a run of 2,000 skipped records to the last INVALID_RECORD, streams its log live, and downloads them', async () => {
    const bulk = await IssuerProvider.start('bulk-key');
    try {
      bulk.seed(2000, Date.UTC(2026, 2, 1), 'r');
      // 1,940 over the hours limit, 60 with an unusable email (INVALID_RECORD), spread out;
      // the last INVALID_RECORD is the very last record.
      bulk.records.forEach((r, i) => {
        if (i % 33 === 32 || i === 1999) {
          r.learner_email = 'not-an-email';
          r.id = `bad-${String(i).padStart(4, '0')}`;
        } else r.max_hr = 5000;
      });
      const invalid = bulk.records.filter((r) => r.learner_email === 'not-an-email');
      expect(invalid).toHaveLength(61);
      bulk.pageDelayMs = 300; // 20 pages of 100: about six seconds to watch the log grow
      const id = await apiConnector('Bulk Council', bulk, { pageSize: 100 });
      const page = await signIn(app.adminToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Connectors' }).waitFor();
      const run = await app.gql(
        `mutation($id: ID!) { runConnector(input: { id: $id }) { run { id } } }`,
        { id },
      );
      const runId = run.data!.runConnector.run.id as string;
      await page.goto(`${app.url}/runs/${encodeURIComponent(runId)}`);
      const heading = page.getByRole('heading', { name: /MANUAL run of Bulk Council/ });
      await heading.waitFor();
      expect(await page.title()).toBe('MANUAL run of Bulk Council · Tributary');
      // The nav marks the section a run page belongs to.
      expect(
        await page.getByRole('link', { name: 'Connectors' }).getAttribute('aria-current'),
      ).toBe('page');

      // The log grows while the run runs, without a reload.
      const logHeading = page.getByRole('heading', { name: /^Log/ });
      const lineCounts: number[] = [];
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const text = (await logHeading.textContent()) ?? '';
        const n = Number(/\(([\d,]+) lines\)/.exec(text)?.[1].replace(/,/g, '') ?? NaN);
        if (Number.isFinite(n) && n !== lineCounts[lineCounts.length - 1]) lineCounts.push(n);
        if ((await heading.getByText('SUCCESS').count()) > 0) break;
        await page.waitForTimeout(150);
      }
      await heading.getByText('SUCCESS').waitFor();
      expect(lineCounts.length).toBeGreaterThan(3);
      expect(lineCounts).toEqual([...lineCounts].sort((a, b) => a - b));
      // Following the live log, the page moved on as each one filled, to the last.
      await page
        .getByRole('navigation', { name: 'Log pages' })
        .getByText('Page 21 of 21')
        .waitFor();
      // The counts and the chips agree.
      const chips = page.getByRole('group', { name: 'Skipped by reason' });
      await chips.getByRole('button', { name: /^all 2,000$/ }).waitFor();
      await chips.getByRole('button', { name: /^hours exceeded 1,939$/ }).waitFor();
      await page.getByText('2,000 skipped', { exact: false }).first().waitFor();
      // Screen readers hear that it ended, from the polite live region.
      await page
        .locator('.visually-hidden[role="status"][aria-live="polite"]')
        .getByText('MANUAL run of Bulk Council ended: success.')
        .waitFor();
      // The list read after the end counts them all too.
      await page.getByText('2,000 skipped records', { exact: true }).waitFor();
      await page
        .getByRole('navigation', { name: 'Skipped record pages' })
        .getByText('Page 1 of 40')
        .waitFor();
      await shot(page, '20-run-2000-skipped');

      // The INVALID_RECORD chip filters; paging reaches the last one.
      await chips.getByRole('button', { name: /^invalid record 61$/ }).click();
      await page.getByText('61 skipped records · invalid record').waitFor();
      const pager = page.getByRole('navigation', { name: 'Skipped record pages' });
      await pager.getByText('Page 1 of 2').waitFor();
      await pager.getByRole('button', { name: 'Next' }).click();
      await pager.getByText('Page 2 of 2').waitFor();
      const rows = page.getByRole('table').first().getByRole('row');
      await rows.filter({ hasText: 'bad-1999' }).waitFor();
      expect(await rows.count()).toBe(1 + 11); // header + 11 on the second page
      expect(page.url()).toContain('reason=INVALID_RECORD');
      await shot(page, '21-run-last-invalid-record');
      // Back returns to the first page of the filter, from the URL.
      await page.goBack();
      await pager.getByText('Page 1 of 2').waitFor();

      // Found by external id.
      await page.getByLabel('Search skipped records by external id').fill('bad-0065');
      await page.getByText('1 skipped record · invalid record · matching “bad-0065”').waitFor();

      // The download holds every matching record, streamed by the server.
      await page.getByLabel('Search skipped records by external id').fill('');
      await page.getByText('61 skipped records · invalid record').waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^run-\d+-skipped-records\.csv$/);
      const csv = readFileSync(await download.path(), 'utf8')
        .trim()
        .split('\n');
      expect(csv[0]).toBe('externalId,reason,message,at,raw');
      expect(csv).toHaveLength(62);
      expect(csv[61]).toMatch(/^bad-1999,INVALID_RECORD,/);

      // The log's own filters: the level, and an external id.
      await page.getByLabel('Search the log by external id').fill('bad-1999');
      await page.waitForFunction(
        () => document.querySelectorAll('[aria-label="Run log"] li').length === 1,
      );
      await page
        .getByRole('list', { name: 'Run log' })
        .getByText(/^skipped INVALID_RECORD: .*\[bad-1999\]$/)
        .waitFor();
      await page.context().close();
    } finally {
      await bulk.close();
    }
  });

  it('tests a connection before saving it: busy and cancellable, then a bad key and a good one', async () => {
    const before = (await app.gql(`{ connectors { totalCount } runs { totalCount } }`)).data!;
    const page = await signIn(app.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'New connector' }).click();
    await page.getByRole('heading', { name: 'New connector' }).waitFor();
    expect(await page.title()).toBe('New connector · Tributary');
    await page.getByLabel(/^Base URL/).fill(issuer.url);
    await page.getByLabel(/^API key[\s*]*$/).fill(issuer.apiKey);
    // A slow source: the button is busy, and Cancel gives it back at once.
    issuer.pageDelayMs = 8000;
    await page.getByRole('button', { name: 'Test connection' }).click();
    const busy = page.getByRole('button', { name: 'Testing connection…' });
    await busy.waitFor();
    expect(await busy.isDisabled()).toBe(true);
    expect(await busy.getAttribute('aria-busy')).toBe('true');
    await shot(page, '22-test-connection-busy');
    await page.getByRole('button', { name: 'Cancel test' }).click();
    expect(await page.getByRole('button', { name: 'Test connection' }).isEnabled()).toBe(true);
    issuer.pageDelayMs = 0;

    await page.getByLabel(/^API key[\s*]*$/).fill('a-wrong-key');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(/Connection failed: .*401/).waitFor();
    await shot(page, '23-test-connection-failed');
    // A setting out of the kind's limits is stopped by the form, beside its field, with focus there.
    await page.getByLabel(/^Page size/).fill('100000');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Page size must be 1 to 1,000').waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).id)).toBe('');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe(
      'true',
    );
    await page.getByLabel(/^Page size/).fill('100');
    await page.getByLabel(/^API key[\s*]*$/).fill(issuer.apiKey);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(/Connection OK: /).waitFor();
    await shot(page, '24-test-connection-ok');
    // Tested twice, saved nothing: no connector, no run.
    const after = (await app.gql(`{ connectors { totalCount } runs { totalCount } }`)).data!;
    expect(after).toEqual(before);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // WOOCOMMERCE syncs (products, then orders): schedulable, run, backfilled, and its
    // card leads to its shop records.
    await page.getByRole('button', { name: 'New connector' }).click();
    await page.getByLabel('Kind').selectOption('WOOCOMMERCE');
    expect(await page.getByLabel('Run on a schedule').isDisabled()).toBe(false);
    expect(await page.getByText('cannot sync yet').count()).toBe(0);
    await page.getByRole('button', { name: 'Cancel' }).click();
    const created = await app.gql(
      `mutation($input: CreateConnectorInput!) {
        createConnector(input: $input) { connector { id } userErrors { message } }
      }`,
      {
        input: {
          name: 'Shop',
          kind: 'WOOCOMMERCE',
          sourceEntity: 'SHOP',
          authType: 'BASIC',
          config: { baseUrl: 'http://127.0.0.1:9/' },
          credentials: { consumerKey: 'ck_test', consumerSecret: 'cs_test' },
        },
      },
    );
    expect(created.data!.createConnector.userErrors).toEqual([]);
    await page.reload();
    const shop = page.getByRole('listitem', { name: 'Connector Shop' });
    await shop.waitFor();
    for (const name of ['Test', 'Run', 'Backfill', 'Shop records'])
      await shop.getByRole('button', { name, exact: true }).waitFor();
    expect(await shop.getByText('cannot sync yet').count()).toBe(0);
    await shot(page, '26-woocommerce-syncs');
    await app.gql(`mutation($id: ID!) { deleteConnector(id: $id) { deletedId } }`, {
      id: created.data!.createConnector.connector.id,
    });
    await page.context().close();
  });

  /** axe-core in the page: the rules of WCAG 2.x A and AA; what is serious or critical. */
  async function axeViolations(page: Page): Promise<string[]> {
    // Evaluated over the DevTools protocol: the dashboard's CSP (no inline script) stays on.
    if (!(await page.evaluate(() => 'axe' in window)))
      await page.evaluate(readFileSync(AXE, 'utf8'));
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: any }).axe;
      return axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
    });
    return (result.violations as any[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .slice(0, 3)
            .map((n: any) => n.target.join(' '))
            .join(', ')}`,
      );
  }

  it('fits a 390 px phone with no sideways scroll, and passes axe on every page at both sizes', async () => {
    const { connectors } = (
      await app.gql(`{ connectors(search: "Bulk") { edges { node { id } } } }`)
    ).data!;
    const bulkId = connectors.edges[0].node.id as string;
    const { runs } = (
      await app.gql(
        `query($id: ID) { runs(connectorId: $id, first: 1) { edges { node { id } } } }`,
        {
          id: bulkId,
        },
      )
    ).data!;
    const runId = runs.edges[0].node.id as string;
    const { credentials } = (await app.gql(`{ credentials(first: 1) { edges { node { id } } } }`))
      .data!;
    const credentialId = credentials.edges[0].node.id as string;
    const pages: [string, string, string][] = [
      ['connectors', '/connectors', 'Connectors'],
      ['connector-new', '/connectors/new', 'New connector'],
      ['connector-edit', `/connectors/${encodeURIComponent(bulkId)}/edit`, 'Edit Bulk Council'],
      ['history', `/connectors/${encodeURIComponent(bulkId)}/history`, 'History of Bulk Council'],
      ['run', `/runs/${encodeURIComponent(runId)}`, 'MANUAL run of Bulk Council'],
      ['credentials', '/credentials', 'Credentials'],
      ['credential', `/credential/${encodeURIComponent(credentialId)}`, 'Data Entry Operator'],
      ['scheduler', '/scheduler', 'Scheduler'],
      ['activity', '/activity', 'Activity, last 30 days'],
    ];
    const problems: string[] = [];

    // First load of the dashboard (a fresh browser: nothing cached), compressed on the wire:
    // the page, its styles and every script up to the signed-in connectors page.
    const first = await signIn(app.adminToken);
    await first.getByRole('button', { name: 'Sign in' }).click();
    await first.getByRole('heading', { name: 'Connectors' }).waitFor();
    await first.waitForLoadState('networkidle');
    const loaded: { name: string; bytes: number; type: string }[] = await first.evaluate(() =>
      [
        ...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource'),
      ].map((e) => ({
        name: e.name,
        bytes: (e as PerformanceResourceTiming).transferSize,
        type: (e as PerformanceResourceTiming).initiatorType,
      })),
    );
    const assets = loaded.filter((e) => !e.name.endsWith('/graphql'));
    const total = assets.reduce((sum, e) => sum + e.bytes, 0);
    console.log(
      `dashboard first load: ${assets.length} files, ${(total / 1024).toFixed(1)} KB on the wire`,
    );
    expect(assets.filter((e) => e.name.endsWith('.js')).length).toBeGreaterThan(1); // split
    expect(total).toBeGreaterThan(10_000);
    expect(total).toBeLessThan(200 * 1024);
    await first.context().close();

    for (const [size, viewport] of [
      ['phone', { width: 390, height: 844 }],
      ['desktop', { width: 1280, height: 860 }],
    ] as const) {
      const page = await signIn(app.adminToken, viewport);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Connectors' }).waitFor();
      for (const [name, route, heading] of pages) {
        await page.goto(`${app.url}${route}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.waitForLoadState('networkidle').catch(() => undefined);
        expect(await page.title()).toBe(`${heading} · Tributary`);
        if (size === 'phone') {
          await shot(page, `30-phone-${name}`);
          await page.screenshot({ path: path.join(OUT, `30-phone-${name}-top.png`) });
          const { scrollWidth, innerWidth } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
          }));
          if (scrollWidth > innerWidth)
            problems.push(`${size} ${name}: ${scrollWidth} px wide in ${innerWidth}`);
        }
        for (const v of await axeViolations(page)) problems.push(`${size} ${name}: ${v}`);
      }
      if (size === 'phone') {
        // The nav folds behind Menu, and opens on it.
        const nav = page.getByRole('navigation', { name: 'Main' });
        expect(await nav.isVisible()).toBe(false);
        await page.getByRole('button', { name: 'Menu' }).click();
        await nav.getByRole('link', { name: 'Credentials' }).click();
        await page.getByRole('heading', { level: 1, name: 'Credentials' }).waitFor();
        expect(await nav.isVisible()).toBe(false);
        await shot(page, '31-phone-menu-closed-after-nav');
      }
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });

  it('creates, runs and deletes a connector with the keyboard alone', async () => {
    issuer.pageDelayMs = 0;
    const page = await signIn(app.adminToken);
    await page.keyboard.press('Enter'); // the token field has the focus: Enter signs in
    await page.getByRole('heading', { name: 'Connectors' }).waitFor();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return {
          tag: el?.tagName ?? '',
          text: (el?.getAttribute('aria-label') || el?.textContent || '').trim(),
          label: (el as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim() ?? '',
          inCard: el?.closest('li.card')?.getAttribute('aria-label') ?? '',
          inDialog: !!el?.closest('dialog[open]'),
        };
      });
    /** Presses Tab (or Shift+Tab) until the focus is on what `want` accepts. */
    async function tabTo(
      what: string,
      want: (f: Awaited<ReturnType<typeof focused>>) => boolean,
      back = false,
    ) {
      for (let i = 0; i < 120; i++) {
        await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
        if (want(await focused())) return;
      }
      throw new Error(`Tab never reached ${what}; last: ${JSON.stringify(await focused())}`);
    }
    const button = (text: string, card?: string) => (f: Awaited<ReturnType<typeof focused>>) =>
      f.tag === 'BUTTON' && f.text === text && (!card || f.inCard === card);
    const field = (label: RegExp) => (f: Awaited<ReturnType<typeof focused>>) =>
      label.test(f.label);

    await tabTo('New connector', button('New connector'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New connector' }).waitFor();
    // The route change put the focus on the page's heading.
    expect(await focused()).toMatchObject({ tag: 'H1', text: 'New connector' });
    // Submitting the empty form puts the focus on the first field at fault.
    await tabTo('Create connector', button('Create connector'));
    await page.keyboard.press('Enter');
    await page.getByText('Name is required').waitFor();
    expect((await focused()).label).toMatch(/^Name/);
    await page.keyboard.type('Keyboard Council');
    await tabTo('Source entity', field(/^Source entity/));
    await page.keyboard.type('KBD');
    await tabTo('Base URL', field(/^Base URL/));
    await page.keyboard.type(issuer.url);
    await tabTo('Verify path', field(/^Verify path/));
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await tabTo('API key', field(/^API key[\s*]*$/));
    await page.keyboard.type(issuer.apiKey);
    await tabTo('Create connector', button('Create connector'));
    await page.keyboard.press('Enter');
    await page.getByText('Keyboard Council created').waitFor();
    await page.getByRole('heading', { name: 'Connectors' }).waitFor();

    const card = 'Connector Keyboard Council';
    await tabTo('Run', button('Run', card));
    await page.keyboard.press('Enter');
    await page
      .getByRole('listitem', { name: card })
      .getByText(/run · success/)
      .waitFor({ timeout: 30_000 });

    // Delete: a modal dialog; Esc keeps the connector and gives the focus back.
    await tabTo('Delete', button('Delete', card));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete Keyboard Council?' });
    await dialog.waitFor();
    expect(await focused()).toMatchObject({ text: 'Keep', inDialog: true });
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect((await focused()).inDialog).toBe(true);
    }
    await shot(page, '25-delete-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focused()).toMatchObject({ text: 'Delete', inCard: card });
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await tabTo('Yes, delete', button('Yes, delete'));
    await page.keyboard.press('Enter');
    await page.getByText('Keyboard Council deleted').waitFor();
    await page.getByRole('listitem', { name: card }).waitFor({ state: 'detached' });
    await page.context().close();
  });
});
