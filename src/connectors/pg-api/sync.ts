/**
 * PG_API sync (providers.md): the gateway's transaction report, one cycle
 * date at a time, one series of pages per merchant code (a single series,
 * with no merchantCode parameter, for ["ALL"]), each series paged until
 * `total_pages`:
 *
 *   GET <path>?fromDate=D&toDate=D&page=n&pageSize=m[&merchantCode=c]
 *
 * Which dates: a run without a window syncs the cycle date T-syncDaysBack
 * in the connector's time zone; a window (runConnector(from, to), a
 * backfill) syncs each calendar date from `from`'s to `to`'s (UTC dates,
 * as backfills are whole UTC days), at most MAX_WINDOW_DATES.
 *
 * Every page's checkpoint says where it is: (date, merchantCode, page) and
 * whether it ends the run. Given such a cursor, not done and inside this
 * run's dates, the fetch resumes at the page after it, so a run killed
 * mid-way and retried reads every page once; a done cursor, or one for
 * other dates, starts from the first page (a same-day re-run reads the
 * report again: gateways change statuses during the day).
 */
import { z } from 'zod';
import { transactionPipeline } from '../../domains/payments/pipeline';
import { bindPipeline } from '../../pipeline/types';
import {
  calendarDate,
  mapTransaction,
  type TransactionRecord,
} from '../../domains/payments/transaction';
import { ConnectorError } from '../errors';
import { HttpClient, parseBody, standardAuth } from '../http';
import type { ConnectorContext, FetchRequest, Normalized, Page, StreamDefinition } from '../types';
import type { PgApiConfig } from './config';
import { parseExactJson } from './json';
import { transactionPage } from './responses';

/** The dates one run may cover: a year and a day, as backfills. */
export const MAX_WINDOW_DATES = 366;

/** Where a page of a PG_API run is: the cursor kept in sync_state and on the run. */
export const pgApiCheckpoint = z.object({
  /** The cycle date, YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The series' merchant code; null for the single ["ALL"] series. */
  merchantCode: z.string().nullable(),
  /** The page just written (1-based). */
  page: z.number().int().min(1),
  /** True on the run's last page: nothing is left to resume. */
  done: z.boolean(),
});
export type PgApiCheckpoint = z.infer<typeof pgApiCheckpoint>;

/** One client per run, as ISSUER_API does. */
const clients = new WeakMap<ConnectorContext<PgApiConfig>, HttpClient>();
function clientFor(ctx: ConnectorContext<PgApiConfig>): HttpClient {
  let client = clients.get(ctx);
  if (!client) {
    client = new HttpClient(ctx, standardAuth(ctx, { apiKeyHeader: ctx.config.apiKeyHeader }));
    clients.set(ctx, client);
  }
  return client;
}

/** The cycle dates a run syncs, in order. `now` is the run's start. */
export function cycleDates(
  config: Pick<PgApiConfig, 'syncDaysBack'>,
  timeZone: string,
  window: FetchRequest['window'],
  now: Date,
): string[] {
  if (!window || (!window.from && !window.to)) {
    return [addDays(calendarDate(now, timeZone), -config.syncDaysBack)];
  }
  const today = calendarDate(now, timeZone);
  const first = window.from ? utcDate(window.from) : window.to ? utcDate(window.to) : today;
  const last = window.to ? utcDate(window.to) : today;
  const dates: string[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    if (dates.length === MAX_WINDOW_DATES) {
      throw new ConnectorError(
        'CONFIG',
        `a PG_API run covers at most ${MAX_WINDOW_DATES} dates; ${first} to ${last} is more`,
      );
    }
    dates.push(date);
  }
  return dates;
}

/** The series of one date: a merchant code each, or one unfiltered series for ALL. */
function seriesOf(config: PgApiConfig): (string | null)[] {
  return config.merchantCodes.length === 1 && config.merchantCodes[0] === 'ALL'
    ? [null]
    : config.merchantCodes;
}

/**
 * Pages of the run's dates, series by series, in order; each page's
 * checkpoint names it. `now` (the run's start) fixes T-syncDaysBack.
 */
export async function* fetchTransactionPages(
  ctx: ConnectorContext<PgApiConfig>,
  request: FetchRequest,
  now: Date = new Date(),
): AsyncGenerator<Page> {
  const { config } = ctx;
  const dates = cycleDates(config, ctx.timeZone ?? 'UTC', request.window, now);
  const series = seriesOf(config);
  let start = { dateIndex: 0, seriesIndex: 0, page: 1 };
  const saved = pgApiCheckpoint.safeParse(request.cursor);
  if (saved.success && !saved.data.done) {
    const dateIndex = dates.indexOf(saved.data.date);
    const seriesIndex = series.indexOf(saved.data.merchantCode);
    if (dateIndex >= 0 && seriesIndex >= 0) {
      start = { dateIndex, seriesIndex, page: saved.data.page + 1 };
    }
  }
  for (let d = start.dateIndex; d < dates.length; d++) {
    const date = dates[d];
    const firstSeries = d === start.dateIndex ? start.seriesIndex : 0;
    for (let s = firstSeries; s < series.length; s++) {
      const merchantCode = series[s];
      let page = d === start.dateIndex && s === start.seriesIndex ? start.page : 1;
      for (;;) {
        ctx.signal.throwIfAborted();
        const { body } = await clientFor(ctx).getJson(
          config.path,
          {
            fromDate: date,
            toDate: date,
            page,
            pageSize: config.pageSize,
            merchantCode: merchantCode ?? undefined,
          },
          parseExactJson,
        );
        const answer = parseBody(transactionPage, body, `GET ${config.path}`);
        const lastOfSeries = answer.data.length === 0 || page >= answer.total_pages;
        const checkpoint: PgApiCheckpoint = {
          date,
          merchantCode,
          page,
          done: lastOfSeries && s === series.length - 1 && d === dates.length - 1,
        };
        yield { records: answer.data, checkpoint, total: null };
        if (lastOfSeries) break;
        page += 1;
      }
    }
  }
}

/** A gateway record to a transaction, with the connector's fieldMap and time zone. */
export function normalizeTransaction(
  raw: Record<string, unknown>,
  ctx: ConnectorContext<PgApiConfig>,
): Normalized<TransactionRecord> {
  return mapTransaction(raw, { fieldMap: ctx.config.fieldMap, timeZone: ctx.timeZone ?? 'UTC' });
}

/** YYYY-MM-DD of an instant in UTC. */
function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** A calendar date `days` later (or earlier), YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * PG_API's one stream, in the shape the sync engine takes a kind's streams
 * (issue #9): its pages, and the payments domain's transaction pipeline
 * bound to this connector's mapping. Not yet on `pgApi` (index.ts): the
 * engine that runs entity pipelines wires it there. Needs `ctx.timeZone`
 * (the connector's schedule time zone).
 */
export const transactionStream: StreamDefinition<PgApiConfig> = {
  name: 'transactions',
  fetch: (ctx, request) => fetchTransactionPages(ctx, request),
  // Its pages are the gateway's records as listed: a gateway may push the same shape.
  acceptsPush: true,
  pipeline: (ctx) =>
    bindPipeline(transactionPipeline, {
      normalize: (raw) => normalizeTransaction(raw, ctx),
    }),
};
