/**
 * The dashboard's Settlements page in Chromium against the real server: a
 * BANK_SFTP connector on a real SFTP server (loopback, password auth) is
 * run, its file shows INGESTED in the ledger and its settlements are listed;
 * the same file uploaded again and run again shows UNCHANGED. Skips (or
 * fails under CI=true) without Chromium or a built client, as
 * dashboard.e2e.test.ts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '../support/app';
import { describeWithChromium, E2E_OUT, launchChromium, type Browser } from '../support/chromium';
import { startSftpServer, type SftpServer } from '../support/sftp-server';

const describeIf = describeWithChromium('settlements e2e');

type Page = any;

jest.setTimeout(120_000);

const PASSWORD = 'e2e-sftp-pw-1';
const FILE = 'SETTLEMENT_20240131.csv';
const CSV = 'utr,amount,value_date,txn_id\nUTR77,1250.50,2024-01-31,T77\nUTR78,99.99,2024-01-31,\n';

describeIf('Settlements page in Chromium', () => {
  let app: TestApp;
  let server: SftpServer;
  let browser: Browser;
  let connectorId: string;
  const pageErrors: string[] = [];

  async function drop() {
    await server.put(`/outbox/${FILE}`, CSV);
    const sha = createHash('sha256').update(CSV).digest('hex');
    await server.put(`/outbox/${FILE}.sha256`, `${sha}  ${FILE}\n`);
  }

  async function backfill() {
    const queued = await app.gql(
      `mutation($input: BackfillConnectorInput!) { backfillConnector(input: $input) { run { id } } }`,
      { input: { id: connectorId, from: '2024-01-31', to: '2024-01-31' } },
    );
    const runId = queued.data!.backfillConnector.run.id;
    for (;;) {
      const run = (await app.gql(`query($id: ID!) { run(id: $id) { status } }`, { id: runId }))
        .data!.run;
      if (!['QUEUED', 'RUNNING'].includes(run.status)) return run.status as string;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    mkdirSync(E2E_OUT, { recursive: true });
    app = await startTestApp({ worker: true });
    server = await startSftpServer({ users: [{ username: 'bank', password: PASSWORD }] });
    const created = await app.gql(
      `mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id } userErrors { message } } }`,
      {
        input: {
          name: 'HDFC settlement drop',
          kind: 'BANK_SFTP',
          sourceEntity: 'HDFC',
          authType: 'SSH_PASSWORD',
          config: {
            host: server.host,
            port: server.port,
            remoteDir: '/outbox',
            hostKeyFingerprint: server.hostKeyFingerprint,
          },
          credentials: { username: 'bank', password: PASSWORD },
        },
      },
    );
    expect(created.data!.createConnector.userErrors).toEqual([]);
    connectorId = created.data!.createConnector.connector.id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await app?.close();
  });

  it('shows the file INGESTED with its settlements, then UNCHANGED after the same upload', async () => {
    await drop();
    expect(await backfill()).toBe('SUCCESS');

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
      .getByRole('link', { name: 'Settlements' })
      .click();
    await page.getByRole('heading', { name: 'Settlements' }).waitFor();
    await page.getByText('2 settlements').waitFor();
    await page.getByText('INR 1,250.50').waitFor();
    await page.getByRole('cell', { name: `${FILE} (2)` }).waitFor();
    await page.getByLabel('Connector').selectOption({ label: 'HDFC settlement drop' });
    const ledger = page.getByRole('region', { name: 'File ledger' });
    await ledger.getByText('1 files looked at').waitFor();
    await ledger.getByText('INGESTED').waitFor();

    // The same file again: UNCHANGED, nothing new listed.
    await drop();
    expect(await backfill()).toBe('SUCCESS');
    await page.reload();
    await page.getByLabel('Connector').selectOption({ label: 'HDFC settlement drop' });
    await ledger.getByText('2 files looked at').waitFor();
    await ledger.getByText('UNCHANGED').waitFor();
    // The list's count, not the ledger's detail of the INGESTED row ("2 settlements").
    await page.locator('p.muted', { hasText: '2 settlements' }).waitFor();
    await page.screenshot({ path: path.join(E2E_OUT, 'settlements.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
