import { stringify } from 'lossless-json';
import type { RecordedRequest, Reply } from './http-provider';

/**
 * A bank settlement API's route (providers.md, BANK_API: `GET
 * <path>?date=YYYY-MM-DD&page=n` answering `{ data, next_page }`) for an
 * HttpProvider: `pagesFor(date)` gives the pages of that date as the bank
 * serves them, read on every request so a test may change its book between
 * runs. Amounts are written with lossless-json, so "100.50" or a
 * LosslessNumber reaches the hub exactly as the test wrote it.
 */
export function bankSettlementsRoute(pagesFor: (date: string) => Record<string, unknown>[][]) {
  return (request: RecordedRequest): Reply => {
    const page = Number(request.query.get('page') ?? '1');
    const pages = pagesFor(request.query.get('date') ?? '');
    const data = pages[page - 1] ?? [];
    const body = { data, next_page: page < pages.length ? page + 1 : null };
    return { headers: { 'content-type': 'application/json' }, text: stringify(body)! };
  };
}
