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
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findClientDist } from '../../src/server/dashboard';
import { startTestApp, type TestApp } from '../support/app';
import { IssuerProvider } from '../support/issuer-provider';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const OUT = path.join(ROOT, 'test-output', 'e2e');
const PLAYWRIGHT = path.join(ROOT, 'client', 'node_modules', 'playwright-core');
const missing = [
  !existsSync(CHROMIUM) && CHROMIUM,
  !findClientDist() && 'client/dist (npm run build:client)',
  !existsSync(PLAYWRIGHT) && 'client/node_modules/playwright-core (npm ci --prefix client)',
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

  async function signIn(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
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
      .getByRole('list', { name: 'Skipped by reason' })
      .getByText(/^duplicate/)
      .waitFor();
    await shot(page, '19-run-retried');
    // Between them, the two runs stored each of the 60 new records once.
    const stored = await app.db('credentials').count({ n: '*' }).first();
    expect(stored).toEqual({ n: 300 });
    await page.context().close();
  });
});
