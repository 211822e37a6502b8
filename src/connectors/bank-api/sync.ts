/**
 * BANK_API sync (providers.md): per cycle date, `GET <path>?date=D&page=n`
 * from page 1 until `next_page` is null. Scheduled runs read T-syncDaysBack,
 * windowed runs (backfill, runConnector(from, to)) each date of the window.
 *
 * A settlement's unit is its cycle date: its identity is (date, fingerprint,
 * occurrence of that fingerprint among the date's rows), so a date read again
 * gives the same identities and a twin row stays a second settlement. The
 * checkpoint is (date, page): a run stopped mid-date resumes at the next page,
 * reading the pages before it again only to count occurrences.
 */
import { z } from 'zod';
import { settlementPipeline } from '../../domains/settlements/pipeline';
import { fingerprintOf, type SettlementSourceRow } from '../../domains/settlements/settlement';
import { bindPipeline } from '../../pipeline/types';
import { parseExactJson } from '../pg-api/json';
import { addDays } from '../pg-api/sync';
import { ConnectorError } from '../errors';
import { HttpClient, parseBody, standardAuth } from '../http';
import { readPath } from '../record-path';
import type { ConnectorContext, FetchRequest, Page, StreamDefinition } from '../types';
import type { BankApiConfig } from './config';
import { settlementPage } from './responses';

const MAX_DATES = 366;
/** Pages one date may have: a bank answering next_page forever is stopped. */
const MAX_PAGES_PER_DATE = 100_000;

const bankApiCheckpoint = z.object({
  date: z.string(),
  page: z.number().int().min(1),
  done: z.boolean(),
});
type BankApiCheckpoint = z.infer<typeof bankApiCheckpoint>;

/** The cycle dates (YYYY-MM-DD, UTC) a run reads. */
export function bankApiDates(
  config: Pick<BankApiConfig, 'syncDaysBack'>,
  window: FetchRequest['window'],
  now = new Date(),
): string[] {
  const today = now.toISOString().slice(0, 10);
  if (!window || (!window.from && !window.to)) return [addDays(today, -config.syncDaysBack)];
  const first = (window.from ?? window.to)!.toISOString().slice(0, 10);
  const last = window.to ? window.to.toISOString().slice(0, 10) : today;
  const dates: string[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    if (dates.length === MAX_DATES) {
      throw new ConnectorError('CONFIG', `a BANK_API run covers at most ${MAX_DATES} dates`);
    }
    dates.push(date);
  }
  return dates;
}

export async function* fetchSettlementPages(
  ctx: ConnectorContext<BankApiConfig>,
  request: FetchRequest,
): AsyncGenerator<Page> {
  const { config } = ctx;
  const client = new HttpClient(
    ctx,
    standardAuth(ctx, { tokenPath: config.tokenPath, apiKeyHeader: config.apiKeyHeader }),
  );
  const dates = bankApiDates(config, request.window);
  const saved = bankApiCheckpoint.safeParse(request.cursor);
  const resume = saved.success && !saved.data.done ? saved.data : null;
  const startAt = resume ? Math.max(0, dates.indexOf(resume.date)) : 0;
  for (let d = startAt; d < dates.length; d++) {
    const date = dates[d];
    const seen = new Map<string, number>();
    const skipThrough = resume && resume.date === date ? resume.page : 0;
    for (let page = 1; ; page++) {
      ctx.signal.throwIfAborted();
      if (page > MAX_PAGES_PER_DATE) {
        throw new ConnectorError(
          'INVALID_RESPONSE',
          `more than ${MAX_PAGES_PER_DATE} pages for ${date}`,
        );
      }
      const { body } = await client.getJson(config.path, { date, page }, parseExactJson);
      const answer = parseBody(settlementPage, body, `GET ${config.path}`);
      const records: SettlementSourceRow[] = answer.data.map((item) => {
        const row = {
          bankReference: readPath(item, config.fieldMap.bankReference),
          amount: readPath(item, config.fieldMap.amount),
          valueDate: readPath(item, config.fieldMap.valueDate),
          txnId: readPath(item, config.fieldMap.txnId),
        };
        const fingerprint = fingerprintOf(row);
        const occurrence = (seen.get(fingerprint) ?? 0) + 1;
        seen.set(fingerprint, occurrence);
        return { ...row, currency: item.currency, unit: date, occurrence, source: item };
      });
      const last = answer.next_page === null;
      if (answer.next_page !== null && answer.next_page !== page + 1) {
        throw new ConnectorError(
          'INVALID_RESPONSE',
          `GET ${config.path} page ${page} of ${date} names next_page ${answer.next_page}, not ${page + 1}`,
        );
      }
      if (page > skipThrough) {
        const checkpoint: BankApiCheckpoint = { date, page, done: last && d === dates.length - 1 };
        yield { records: records as unknown as Record<string, unknown>[], checkpoint };
      }
      if (last) break;
    }
  }
}

/** BANK_API's one stream: settlements per cycle date, through the settlements pipeline. */
export const bankApiStream: StreamDefinition<BankApiConfig> = {
  name: 'settlements',
  fetch: fetchSettlementPages,
  pipeline: () => bindPipeline(settlementPipeline, {}),
};
