/**
 * The dashboard's Transactions page in Chromium against the real server:
 * transactions written through the payments pipeline are listed with
 * exact amounts and narrowed by the page's filters. Skips (or fails under
 * CI=true) without Chromium or a built client, as dashboard.e2e.test.ts.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { LosslessNumber } from 'lossless-json';
import { fromGlobalId } from '../../src/schema/global-id';
import { startTestApp, type TestApp } from '../support/app';
import { describeWithChromium, E2E_OUT, launchChromium, type Browser } from '../support/chromium';
import { planTransactions, writeTransactions } from '../support/transaction-pages';

const describeIf = describeWithChromium('transactions e2e');

type Page = any;

jest.setTimeout(120_000);

describeIf('Transactions page in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(E2E_OUT, { recursive: true });
    app = await startTestApp();
    const created = await app.gql(
      `mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id } } }`,
      {
        input: {
          name: 'SabPaisa PG API',
          kind: 'PG_API',
          sourceEntity: 'SABPAISA',
          authType: 'IP_WHITELIST',
          config: { baseUrl: 'https://gateway.example' },
        },
      },
    );
    const connectorId = fromGlobalId(created.data!.createConnector.connector.id)!.id;
    const raws = Array.from({ length: 30 }, (_, n) => ({
      txn_id: `T${n}`,
      merchant_code: n < 29 ? 'M1' : 'M2',
      amount: new LosslessNumber(n === 0 ? '12345678901234.56' : `${n}.30`),
      currency: 'INR',
      status: n % 3 ? 'success' : 'failed',
      txn_date: `2026-01-${n < 20 ? 15 : 16} 10:00:00`,
      bank_ref: `UTR${n}`,
      payment_mode: 'UPI',
    }));
    const plan = await planTransactions(app.db, connectorId, raws);
    expect(plan.skipped).toEqual([]);
    await app.db.transaction((trx) =>
      writeTransactions(trx, { connectorId, runId: null }, plan.candidates),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists transactions with exact amounts, filters and pages them', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
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
      .getByRole('link', { name: 'Transactions' })
      .click();
    await page.getByRole('heading', { name: 'Transactions' }).waitFor();
    await page.getByText('30 transactions').waitFor();
    // Newest first, 25 to a page: T0 (the oldest row) is on the second page.
    await page.getByRole('button', { name: 'Older' }).click();
    await page.getByText('INR 12,345,678,901,234.56').waitFor();
    // Still there a moment later: nothing sends the page back to the first one.
    await page.waitForTimeout(600);
    await page.getByText('INR 12,345,678,901,234.56').waitFor({ timeout: 100 });
    expect(await page.getByRole('button', { name: 'Newer' }).isEnabled()).toBe(true);
    await page.screenshot({ path: path.join(E2E_OUT, 'transactions.png'), fullPage: true });

    await page.getByLabel('Search transactions').fill('UTR7');
    await page.getByText('1 transactions').waitFor();
    await page.getByText('INR 7.30').waitFor();
    await page.getByLabel('Search transactions').fill('');
    await page.getByLabel('Merchant code').fill('M2');
    await page.getByText('1 transactions').waitFor();
    await page.getByRole('cell', { name: 'T29' }).waitFor();
    await page.getByLabel('Merchant code').fill('');
    await page.getByLabel('Cycle date').fill('2026-01-16');
    await page.getByText('10 transactions').waitFor();
    await page.getByLabel('Status').fill('failed');
    // T21, T24, T27 on the 16th.
    await page.getByText('3 transactions').waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
