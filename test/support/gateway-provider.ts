/**
 * A payment gateway on loopback that speaks providers.md's PG_API protocol:
 * `GET /txnData?fromDate&toDate&page&pageSize[&merchantCode]` answering
 * `{ data, page, total_pages }`, filtered by the transactions' dates and
 * merchant codes; NONE, API key or Basic auth; transient faults on demand
 * (503, 429 with Retry-After). Bodies are written with lossless-json, so an
 * amount given as `new LosslessNumber('12345678901234.56')` goes out digit
 * for digit, as a real gateway's JSON would. Built on HttpProvider: every
 * request is recorded.
 */
import { LosslessNumber, stringify } from 'lossless-json';
import { HttpProvider, type AuthCheck, type RecordedRequest, type Reply } from './http-provider';

export interface GatewayRecord {
  txn_id?: unknown;
  merchant_code?: unknown;
  amount?: unknown;
  currency?: unknown;
  status?: unknown;
  /** The gateway's report date is this text's first ten characters. */
  txn_date?: unknown;
  bank_ref?: unknown;
  payment_mode?: unknown;
  [key: string]: unknown;
}

export type GatewayAuth =
  'none' | { apiKey: string; header?: string } | { basic: { username: string; password: string } };

export class GatewayProvider {
  records: GatewayRecord[] = [];
  /** Faults served before the next report answers, in order (auth still checked first). */
  readonly faults: Reply[] = [];
  /** Stop answering after this many report pages (each further call stalls), to interrupt a run. */
  stallAfterPages: number | null = null;
  /** Latency added to every report page. */
  pageDelayMs = 0;
  /** Report pages answered (faults not counted). */
  pageCalls = 0;
  private readonly reportDates = new WeakMap<GatewayRecord, string>();

  private constructor(
    readonly http: HttpProvider,
    readonly path: string,
  ) {}

  static async start(
    options: { auth?: GatewayAuth; path?: string } = {},
  ): Promise<GatewayProvider> {
    const http = await HttpProvider.start();
    const path = options.path ?? '/txnData';
    const gateway = new GatewayProvider(http, path);
    const auth = options.auth ?? 'none';
    let check: AuthCheck | undefined;
    if (auth !== 'none' && 'apiKey' in auth) {
      check = { header: auth.header ?? 'X-API-Key', value: auth.apiKey };
    } else if (auth !== 'none') {
      check = { basic: auth.basic };
    }
    http.on('GET', path, (request) => gateway.report(request), check);
    return gateway;
  }

  get url(): string {
    return this.http.url;
  }

  /**
   * Adds `count` valid transactions on `date` (YYYY-MM-DD, local time of the
   * gateway, no offset), merchant `merchant`, amounts 100.50, 101.50, ...
   * given as exact JSON numbers.
   */
  seed(count: number, date = '2026-01-15', merchant = 'M1', prefix = 'T'): GatewayRecord[] {
    const added: GatewayRecord[] = [];
    for (let i = 0; i < count; i++) {
      const n = this.records.length + i;
      const minute = String(i % 60).padStart(2, '0');
      const hour = String(10 + (Math.floor(i / 60) % 12)).padStart(2, '0');
      added.push({
        txn_id: `${prefix}${n}`,
        merchant_code: merchant,
        amount: new LosslessNumber(`${100 + n}.50`),
        currency: 'INR',
        status: 'success',
        txn_date: `${date} ${hour}:${minute}:00`,
        bank_ref: `UTR${n}`,
        payment_mode: 'UPI',
      });
    }
    this.records.push(...added);
    return added;
  }

  /**
   * Adds records as they are (bad ones included), reported on `reportDate`
   * whatever their txn_date says (a record whose date cannot be read is
   * still in some day's report).
   */
  add(reportDate: string, ...records: GatewayRecord[]): void {
    for (const record of records) this.reportDates.set(record, reportDate);
    this.records.push(...records);
  }

  /** The report calls received, in order, as their query parameters. */
  reportQueries(): Record<string, string>[] {
    return this.http
      .requestsTo(this.path)
      .map((request) => Object.fromEntries(request.query.entries()));
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private report(request: RecordedRequest): Reply {
    const fault = this.faults.shift();
    if (fault) return fault;
    this.pageCalls += 1;
    if (this.stallAfterPages !== null && this.pageCalls > this.stallAfterPages) {
      return { delayMs: 60_000, json: {} };
    }
    const q = request.query;
    const from = q.get('fromDate');
    const to = q.get('toDate');
    const page = Number(q.get('page'));
    const pageSize = Number(q.get('pageSize'));
    const dateRe = /^\d{4}-\d{2}-\d{2}$/;
    if (!from || !to || !dateRe.test(from) || !dateRe.test(to)) {
      return { status: 400, json: { message: 'fromDate and toDate (YYYY-MM-DD) are required' } };
    }
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1) {
      return { status: 400, json: { message: 'page and pageSize must be positive integers' } };
    }
    const merchant = q.get('merchantCode');
    const matching = this.records.filter((record) => {
      const day =
        this.reportDates.get(record) ??
        (typeof record.txn_date === 'string' ? record.txn_date.slice(0, 10) : null);
      const inDates = day !== null && day >= from && day <= to;
      return inDates && (merchant === null || record.merchant_code === merchant);
    });
    const totalPages = Math.ceil(matching.length / pageSize);
    const data = matching.slice((page - 1) * pageSize, page * pageSize);
    return {
      headers: { 'content-type': 'application/json' },
      text: stringify({ data, page, total_pages: totalPages }) ?? '{}',
      delayMs: this.pageDelayMs || undefined,
    };
  }
}
