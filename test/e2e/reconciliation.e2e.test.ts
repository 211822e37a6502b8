/**
 * The dashboard's Reconciliation page in Chromium against the real server
 * and worker: pick a date, run a reconciliation, watch it end live, read the
 * match rate and the bars, filter the exceptions, resolve one with a note,
 * and download the CSV. Skips (or fails under CI=true) without Chromium or
 * a built client, as dashboard.e2e.test.ts.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '../support/app';
import { describeWithChromium, E2E_OUT, launchChromium, type Browser } from '../support/chromium';

const describeIf = describeWithChromium('reconciliation e2e');

type Page = any;

jest.setTimeout(120_000);

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { message } }
}`;

const rowOf = (id: string) => Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);

describeIf('Reconciliation page in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(E2E_OUT, { recursive: true });
    app = await startTestApp({ worker: { heartbeatMs: 100 } });
    const pg = await app.gql(CREATE, {
      input: {
        name: 'SabPaisa',
        kind: 'PG_API',
        sourceEntity: 'SABPAISA',
        authType: 'NONE',
        config: { baseUrl: 'http://127.0.0.1:1' },
      },
    });
    const bank = await app.gql(CREATE, {
      input: {
        name: 'HDFC settlements',
        kind: 'BANK_API',
        sourceEntity: 'HDFC',
        authType: 'API_KEY',
        credentials: { apiKey: 'k' },
        config: { baseUrl: 'http://127.0.0.1:1' },
      },
    });
    const pgRow = rowOf(pg.data!.createConnector.connector.id);
    const bankRow = rowOf(bank.data!.createConnector.connector.id);
    const cycle = '2026-02-10';
    const txns = [
      ['T1', '100.00', 'UTR1'],
      ['T2', '250.50', 'UTR2'],
      ['T3', '75.25', 'UTR3'], // MISSING_IN_BANK
      ['T4', '400.00', 'UTR4'], // AMOUNT_MISMATCH
    ];
    await app.db('transactions').insert(
      txns.map(([txnId, amount, ref], i) => ({
        connectorId: pgRow,
        txnId,
        amount,
        currency: 'INR',
        status: 'SUCCESS',
        txnDate: `${cycle}T10:00:00Z`,
        cycleDate: cycle,
        bankReference: ref,
        dataHash: `h${i}`,
      })),
    );
    const settlements = [
      ['UTR1', '100.00'],
      ['UTR2', '250.50'],
      ['UTR4', '390.00'],
      ['UTR9', '9.99'], // MISSING_IN_PG
    ];
    await app.db('settlements').insert(
      settlements.map(([ref, amount], i) => ({
        connectorId: bankRow,
        externalId: `e${i}`,
        unit: 'e2e',
        bankReference: ref,
        amount,
        valueDate: cycle,
      })),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('runs a reconciliation, shows it live and resolves an exception with a note', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page: Page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error: Error) => pageErrors.push(String(error)));
    page.on('console', (m: { type(): string; text(): string }) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(app.url);
    await page.getByLabel('API token').fill(app.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reconciliation' })
      .click();
    await page.getByRole('heading', { name: 'Reconciliation' }).waitFor();
    await page.getByLabel('Cycle date').fill('2026-02-10');
    await page.getByText('No reconciliation of 2026-02-10 yet.').waitFor();

    // A dry run first: shown, marked, and its exceptions are not worked.
    await page.getByLabel('Dry run').check();
    await page.getByRole('button', { name: 'Run reconciliation' }).click();
    await page.getByText('dry run', { exact: true }).waitFor();
    await page.getByLabel('Status').getByText('SUCCESS').waitFor();
    await page.getByLabel('Dry run').uncheck();

    // The real one: its status arrives over the subscription.
    await page.getByRole('button', { name: 'Run reconciliation' }).click();
    await page.getByText('Reconciliation of 2026-02-10 queued').waitFor();
    await page.getByLabel('Status').getByText('SUCCESS').waitFor();
    await page.getByText('dry run', { exact: true }).waitFor({ state: 'detached' });
    await page.getByLabel('Match rate').getByText('50.0%').waitFor();
    await page.getByLabel('Exception count').getByText('3').waitFor();
    const byStatus = page.getByRole('figure', { name: 'By status' });
    await byStatus.getByText('2 · 350.50').waitFor();
    await page.getByText('3 exceptions').waitFor();
    await page.screenshot({ path: path.join(E2E_OUT, 'reconciliation.png'), fullPage: true });

    // Filter to the mismatch and resolve it.
    await page.getByLabel('Exception status').selectOption('AMOUNT_MISMATCH');
    await page.getByText('1 exceptions').waitFor();
    await page.getByRole('cell', { name: '10.00' }).waitFor();
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByLabel('Resolution note').fill('short payment, chased with the bank');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Exception resolved').waitFor();
    await page.getByText('0 exceptions').waitFor();
    await page.getByLabel('Resolution').selectOption('resolved');
    await page.getByText(/short payment, chased with the bank/).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const file = path.join(E2E_OUT, 'reconciliation-exceptions.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(csv).toContain('short payment, chased with the bank');

    const stored = await app.db('recon_exceptions').whereNotNull('resolvedAt');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      status: 'AMOUNT_MISMATCH',
      resolutionNote: 'short payment, chased with the bank',
    });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
