/**
 * The dashboard's Webhooks and Events pages and the header's health badge,
 * in Chromium against the real server and a real receiver: a webhook added
 * (its secret shown once), an event that fails at the receiver until DEAD
 * (the badge turns Unhealthy, the Events page shows its attempts and last
 * error), Replay delivering it, and the webhook deleted. Skips (or fails
 * under CI=true) without Chromium or a built client, as the other e2e tests.
 */
import { mkdirSync } from 'node:fs';
import { recordEvents } from '../../src/events/outbox';
import { startTestApp, type TestApp } from '../support/app';
import { describeWithChromium, E2E_OUT, launchChromium, type Browser } from '../support/chromium';
import { startReceiver, type Receiver } from '../support/webhook-receiver';
import { waitFor } from '../support/wait';

const describeIf = describeWithChromium('events e2e');

type Page = any;

jest.setTimeout(120_000);

describeIf('Webhooks and Events pages in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let receiver: Receiver;
  let secret = '';
  let answer = 500;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(E2E_OUT, { recursive: true });
    app = await startTestApp({
      dispatcher: { backoffBaseMs: 20, backoffMaxMs: 40, timeoutMs: 3_000, pollMs: 50 },
    });
    receiver = await startReceiver(
      () => secret,
      () => answer,
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await app?.close();
  });

  it('adds a webhook, shows a dead delivery, replays it and deletes the webhook', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page: Page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error: Error) => pageErrors.push(String(error)));
    page.on('console', (m: { type(): string; text(): string }) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) {
        pageErrors.push(m.text());
      }
    });
    await page.goto(app.url);
    await page.getByLabel('API token').fill(app.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('health-badge').getByText('Healthy', { exact: true }).waitFor();

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    await page.getByLabel('URL').fill('ftp://example.org/x');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByText('must be an http or https URL').waitFor();
    await page.getByLabel('URL').fill(receiver.url);
    await page.getByLabel('Run failed').check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    secret = (await page.getByTestId('webhook-secret').textContent()).trim();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('cell', { name: receiver.url }).waitFor();
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
    // Shown once: a reload lists the webhook, never its secret.
    await page.reload();
    await page.getByRole('cell', { name: receiver.url }).waitFor();
    expect(await page.content()).not.toContain(secret);

    const [id] = await app.db.transaction((trx) =>
      recordEvents(trx, [{ type: 'RUN_FAILED', key: 'connector:7', payload: { runId: 7 } }]),
    );
    await waitFor(
      'the delivery to end DEAD',
      async () => (await app.db('deliveries').where({ eventId: id, status: 'DEAD' })).length === 1,
    );
    expect(receiver.received).toHaveLength(8);
    expect(receiver.received.every((r) => r.signed)).toBe(true);

    await nav.getByRole('link', { name: 'Events' }).click();
    await page.getByRole('heading', { name: 'Events' }).waitFor();
    await page
      .getByTestId('health-badge')
      .getByText(/Unhealthy · 1 dead/)
      .waitFor({ timeout: 20_000 });
    const row = page.locator('tr', { hasText: 'connector:7' });
    await row.getByText('DEAD').waitFor();
    await row.getByText('8 attempts').waitFor();
    await row.getByText('last error: HTTP 500').waitFor();

    answer = 200;
    await row.getByRole('button', { name: /Replay event/ }).click();
    await page.getByText('Event queued again').waitFor();
    await row.getByText('DELIVERED').waitFor({ timeout: 20_000 });
    expect(receiver.received).toHaveLength(9);
    await page
      .getByTestId('health-badge')
      .getByText('Healthy', { exact: true })
      .waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${E2E_OUT}/events.png`, fullPage: true });

    await nav.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete webhook' }).click();
    await page.getByText('No webhooks yet.').waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
