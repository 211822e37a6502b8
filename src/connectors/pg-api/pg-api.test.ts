import { LosslessNumber } from 'lossless-json';
import { connectorContext, rejectionOf } from '../../../test/support/connector-context';
import { GatewayProvider, type GatewayAuth } from '../../../test/support/gateway-provider';
import type { AuthType, FetchRequest, Page, Secrets } from '../types';
import { pgApiConfig } from './config';
import {
  cycleDates,
  fetchTransactionPages,
  normalizeTransaction,
  type PgApiCheckpoint,
} from './sync';

const gateways: GatewayProvider[] = [];
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
});

async function gateway(auth?: GatewayAuth): Promise<GatewayProvider> {
  const started = await GatewayProvider.start({ auth });
  gateways.push(started);
  return started;
}

interface Options {
  config?: Record<string, unknown>;
  authType?: AuthType;
  secrets?: Secrets;
  timeZone?: string;
  signal?: AbortSignal;
}

function context(provider: GatewayProvider, options: Options = {}) {
  const ctx = connectorContext({
    config: pgApiConfig.parse({
      baseUrl: provider.url,
      pageSize: 2,
      timeoutMs: 5_000,
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 2_000 },
      ...options.config,
    }),
    authType: options.authType,
    secrets: options.secrets,
    signal: options.signal,
  });
  return { ...ctx, timeZone: options.timeZone ?? 'Asia/Kolkata' };
}

/** 2026-01-16 08:00 in India (02:30 UTC): T-1 is the 15th. */
const NOW = new Date('2026-01-16T02:30:00Z');

async function collect(
  ctx: ReturnType<typeof context>,
  request: Partial<FetchRequest> = {},
  now = NOW,
): Promise<Page[]> {
  const pages: Page[] = [];
  for await (const page of fetchTransactionPages(
    ctx,
    { cursor: null, window: null, ...request },
    now,
  )) {
    pages.push(page);
  }
  return pages;
}

const ids = (pages: Page[]) => pages.flatMap((page) => page.records.map((r) => r.txn_id));

describe('cycleDates', () => {
  const config = { syncDaysBack: 1 };
  it('is T-syncDaysBack in the connector time zone without a window', () => {
    // 20:00 UTC on the 15th is the 16th in India: T-1 is the 15th there, the 14th in UTC.
    const now = new Date('2026-01-15T20:00:00Z');
    expect(cycleDates(config, 'Asia/Kolkata', null, now)).toEqual(['2026-01-15']);
    expect(cycleDates(config, 'UTC', null, now)).toEqual(['2026-01-14']);
    expect(cycleDates({ syncDaysBack: 0 }, 'Asia/Kolkata', null, now)).toEqual(['2026-01-16']);
    expect(cycleDates({ syncDaysBack: 3 }, 'UTC', null, new Date('2026-03-02T00:00:00Z'))).toEqual([
      '2026-02-27',
    ]);
  });

  it('is each date of a window, as a backfill gives it (whole UTC days)', () => {
    const window = {
      from: new Date('2026-01-30T00:00:00Z'),
      to: new Date('2026-02-02T23:59:59.999Z'),
    };
    expect(cycleDates(config, 'Asia/Kolkata', window, NOW)).toEqual([
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
      '2026-02-02',
    ]);
    expect(
      cycleDates(config, 'UTC', { from: new Date('2026-01-14T00:00:00Z'), to: null }, NOW),
    ).toEqual(['2026-01-14', '2026-01-15', '2026-01-16']);
  });

  it('refuses a window of more than 366 dates', () => {
    const window = { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') };
    expect(() => cycleDates(config, 'UTC', window, NOW)).toThrow(/at most 366 dates/);
  });
});

describe('fetchTransactionPages', () => {
  it('pages T-1 until total_pages, without merchantCode for ALL', async () => {
    const provider = await gateway();
    provider.seed(5, '2026-01-15');
    provider.seed(2, '2026-01-14', 'M1', 'OLD');
    const pages = await collect(context(provider));
    expect(ids(pages)).toEqual(['T0', 'T1', 'T2', 'T3', 'T4']);
    expect(provider.reportQueries()).toEqual(
      [1, 2, 3].map((page) => ({
        fromDate: '2026-01-15',
        toDate: '2026-01-15',
        page: String(page),
        pageSize: '2',
      })),
    );
    expect(pages.map((page) => page.checkpoint)).toEqual([
      { date: '2026-01-15', merchantCode: null, page: 1, done: false },
      { date: '2026-01-15', merchantCode: null, page: 2, done: false },
      { date: '2026-01-15', merchantCode: null, page: 3, done: true },
    ]);
  });

  it('reads one series per merchant code, filtered by the gateway', async () => {
    const provider = await gateway();
    provider.seed(3, '2026-01-15', 'M1', 'A');
    provider.seed(1, '2026-01-15', 'M2', 'B');
    provider.seed(2, '2026-01-15', 'M3', 'C');
    const pages = await collect(context(provider, { config: { merchantCodes: ['M1', 'M2'] } }));
    expect(ids(pages)).toEqual(['A0', 'A1', 'A2', 'B3']);
    expect(provider.reportQueries().map((q) => [q.merchantCode, q.page])).toEqual([
      ['M1', '1'],
      ['M1', '2'],
      ['M2', '1'],
    ]);
    expect(pages.at(-1)!.checkpoint).toEqual({
      date: '2026-01-15',
      merchantCode: 'M2',
      page: 1,
      done: true,
    });
  });

  it('syncs each date of a window, an empty date included', async () => {
    const provider = await gateway();
    provider.seed(1, '2026-01-10', 'M1', 'X');
    provider.seed(3, '2026-01-12', 'M1', 'Y');
    const window = {
      from: new Date('2026-01-10T00:00:00Z'),
      to: new Date('2026-01-12T23:59:59.999Z'),
    };
    const pages = await collect(context(provider), { window });
    expect(ids(pages)).toEqual(['X0', 'Y1', 'Y2', 'Y3']);
    expect(pages.map((page) => page.checkpoint)).toEqual([
      { date: '2026-01-10', merchantCode: null, page: 1, done: false },
      { date: '2026-01-11', merchantCode: null, page: 1, done: false },
      { date: '2026-01-12', merchantCode: null, page: 1, done: false },
      { date: '2026-01-12', merchantCode: null, page: 2, done: true },
    ]);
  });

  it('resumes after the checkpoint of an unfinished run, and starts over after a finished one', async () => {
    const provider = await gateway();
    provider.seed(3, '2026-01-10', 'M1', 'A');
    provider.seed(3, '2026-01-10', 'M2', 'B');
    provider.seed(3, '2026-01-11', 'M1', 'C');
    const window = { from: new Date('2026-01-10T00:00:00Z'), to: new Date('2026-01-11T00:00:00Z') };
    const ctx = context(provider, { config: { merchantCodes: ['M1', 'M2'] } });
    const all = await collect(ctx, { window });
    expect(ids(all)).toEqual(['A0', 'A1', 'A2', 'B3', 'B4', 'B5', 'C6', 'C7', 'C8']);
    // Killed after writing page 1 of (10th, M2): the retry reads the rest, each page once.
    const stoppedAt: PgApiCheckpoint = {
      date: '2026-01-10',
      merchantCode: 'M2',
      page: 1,
      done: false,
    };
    const resumed = await collect(ctx, { window, cursor: stoppedAt });
    expect(ids(resumed)).toEqual(['B5', 'C6', 'C7', 'C8']);
    // A finished run's cursor, or one for other dates or an unknown series: from the start.
    const done = { ...stoppedAt, done: true };
    expect(ids(await collect(ctx, { window, cursor: done }))).toEqual(ids(all));
    const otherDate = { ...stoppedAt, date: '2025-12-31' };
    expect(ids(await collect(ctx, { window, cursor: otherDate }))).toEqual(ids(all));
    const otherMerchant = { ...stoppedAt, merchantCode: 'M9' };
    expect(ids(await collect(ctx, { window, cursor: otherMerchant }))).toEqual(ids(all));
    expect(ids(await collect(ctx, { window, cursor: { since: 'x' } }))).toEqual(ids(all));
  });

  it('rides out transient 503 and 429 (Retry-After) answers', async () => {
    const provider = await gateway();
    provider.seed(3, '2026-01-15');
    provider.faults.push(
      { status: 503, json: { message: 'down for a moment' } },
      { status: 429, headers: { 'retry-after': '1' }, json: { message: 'slow down' } },
    );
    const started = Date.now();
    const pages = await collect(context(provider));
    expect(ids(pages)).toEqual(['T0', 'T1', 'T2']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(provider.http.requestsTo('/txnData')).toHaveLength(4);
  });

  it('fails with the status once retries run out', async () => {
    const provider = await gateway();
    provider.faults.push(...Array.from({ length: 3 }, () => ({ status: 503, json: {} })));
    const error = await rejectionOf(collect(context(provider)));
    expect(error.message).toMatch(/GET \/txnData answered 503 after 3 attempts/);
  });

  it('refuses a body of the wrong shape, naming the field', async () => {
    const provider = await gateway();
    provider.faults.push({ json: { data: [], page: 1 } });
    const error = await rejectionOf(collect(context(provider)));
    expect(error.message).toMatch(/unexpected response: field total_pages/);
    // A record that is not a JSON object is refused too, by its place in the list.
    for (const record of [1, 'T9', null, ['T9']]) {
      provider.faults.push({ json: { data: [{ txn_id: 'T0' }, record], page: 1, total_pages: 1 } });
      const wrong = await rejectionOf(collect(context(provider)));
      expect(wrong.message).toMatch(/unexpected response: field data\.1: expected an object/);
    }
  });

  it('authenticates with an API key or Basic, and never shows the secret', async () => {
    const keyed = await gateway({ apiKey: 'gw-key-81f2' });
    keyed.seed(1, '2026-01-15');
    const withKey = context(keyed, { authType: 'API_KEY', secrets: { apiKey: 'gw-key-81f2' } });
    expect(ids(await collect(withKey))).toEqual(['T0']);
    const wrongKey = context(keyed, { authType: 'API_KEY', secrets: { apiKey: 'nope-key-77' } });
    const keyError = await rejectionOf(collect(wrongKey));
    expect(keyError.message).toMatch(/authentication failed/);
    expect(keyError.message).not.toContain('nope-key-77');

    const basic = await gateway({ basic: { username: 'recon', password: 'pw-4c1a' } });
    basic.seed(1, '2026-01-15');
    const withBasic = context(basic, {
      authType: 'BASIC',
      secrets: { username: 'recon', password: 'pw-4c1a' },
    });
    expect(ids(await collect(withBasic))).toEqual(['T0']);
    const wrong = context(basic, {
      authType: 'BASIC',
      secrets: { username: 'recon', password: 'wrong-pw-93' },
    });
    const basicError = await rejectionOf(collect(wrong));
    expect(basicError.message).not.toContain('wrong-pw-93');
    expect(basic.http.requestsTo('/txnData')[0].headers.authorization).toMatch(/^Basic /);
  });

  it('IP_WHITELIST sends no credentials', async () => {
    const provider = await gateway();
    provider.seed(1, '2026-01-15');
    expect(ids(await collect(context(provider, { authType: 'IP_WHITELIST' })))).toEqual(['T0']);
    expect(provider.http.requests[0].headers.authorization).toBeUndefined();
    expect(provider.http.requests[0].headers['x-api-key']).toBeUndefined();
  });

  it('keeps amounts exact from the wire to the mapped record', async () => {
    const provider = await gateway();
    const base = {
      merchant_code: 'M1',
      currency: 'INR',
      status: 'SUCCESS',
      txn_date: '2026-01-15 10:00:00',
    };
    provider.add(
      '2026-01-15',
      { ...base, txn_id: 'BIG', amount: new LosslessNumber('12345678901234.56') },
      { ...base, txn_id: 'SMALL', amount: new LosslessNumber('0.30') },
    );
    const ctx = context(provider);
    const pages = await collect(ctx);
    const amounts = pages
      .flatMap((page) => page.records)
      .map((raw) => normalizeTransaction(raw, ctx))
      .map((result) => (result.ok ? result.record.amount : result.message));
    expect(amounts).toEqual(['12345678901234.56', '0.30']);
  });

  it('stops at the next page once the run is cancelled', async () => {
    const provider = await gateway();
    provider.seed(6, '2026-01-15');
    const controller = new AbortController();
    const ctx = context(provider, { signal: controller.signal });
    const seen: Page[] = [];
    let stoppedBy: unknown;
    try {
      for await (const page of fetchTransactionPages(ctx, { cursor: null, window: null }, NOW)) {
        seen.push(page);
        controller.abort();
      }
    } catch (error) {
      stoppedBy = error;
    }
    // A DOMException from another realm under jest: compare by name.
    expect((stoppedBy as { name?: string }).name).toBe('AbortError');
    expect(seen).toHaveLength(1);
  });
});
