/**
 * The benchmark's credential issuer, run in a child process (bench/ingest.ts
 * forks it) so that serving pages never counts against the hub's CPU
 * profile or RSS. It speaks the ISSUER_API protocol of
 * test/support/issuer-provider.ts, but generates each page from its offset
 * (bench/records.ts) instead of holding the records:
 *
 *   GET /n/<count>/credentials?since&limit&page_token    a data set of <count> records
 *   GET /n/<count>/credentials/<id>/verify               { valid: true } after --verify-latency-ms
 *   GET /n/<count>/txnData?fromDate&toDate&page&pageSize  PG_API: <count> transactions of
 *                                                        TRANSACTION_DATE, page by page
 *
 * It reports to its parent over IPC: `ready` with its port, and `stats`
 * (requests, verify calls in flight at once, its own RSS) when asked.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  firstIndexSince,
  recordAt,
  TRANSACTION_DATE,
  transactionAt,
  type BenchRecord,
} from './records';

export const API_KEY = 'bench-issuer-key';

export interface ProviderStats {
  listCalls: number;
  verifyCalls: number;
  /** Most verify requests the provider was holding at one moment. */
  verifyMaxInFlight: number;
  /** Verify requests that arrived while at least one other was being held. */
  verifyOverlapped: number;
  /** Sum over verify calls of the time each was held, ms (÷ wall time = mean in flight). */
  verifyHeldMs: number;
  rssBytes: number;
  maxRssBytes: number;
}

export type ProviderMessage =
  { type: 'ready'; port: number } | { type: 'stats'; stats: ProviderStats };
export type ProviderCommand = { type: 'stats' } | { type: 'reset' };

const verifyLatencyMs = Number(process.argv[2] ?? 0);

const stats: ProviderStats = emptyStats();
let verifyInFlight = 0;

function emptyStats(): ProviderStats {
  return {
    listCalls: 0,
    verifyCalls: 0,
    verifyMaxInFlight: 0,
    verifyOverlapped: 0,
    verifyHeldMs: 0,
    rssBytes: 0,
    maxRssBytes: 0,
  };
}

const LIST = /^\/n\/(\d+)\/credentials$/;
const TXN_DATA = /^\/n\/(\d+)\/txnData$/;
const VERIFY = /^\/n\/(\d+)\/credentials\/([^/]+)\/verify$/;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function list(count: number, url: URL, res: http.ServerResponse): void {
  stats.listCalls += 1;
  const first = firstIndexSince(url.searchParams.get('since'));
  const limit = Math.max(1, Math.min(Number(url.searchParams.get('limit') ?? 100), 10_000));
  const offset = Number(url.searchParams.get('page_token') ?? 0);
  const matching = Math.max(0, count - first);
  const from = first + offset;
  const to = Math.min(count, from + limit);
  const data: BenchRecord[] = [];
  for (let index = from; index < to; index++) {
    // Served without pdf_url: PDF fetching (#4) would measure the PDF host, not
    // the sync pipeline. The baseline still writes the column, so it is, if
    // anything, favoured.
    const record: Partial<BenchRecord> = recordAt(index);
    delete record.pdf_url;
    data.push(record as BenchRecord);
  }
  const next = offset + limit < matching ? String(offset + limit) : null;
  send(res, 200, { data, next_page_token: next, total: matching });
}

/** A PG_API report page: the transactions of TRANSACTION_DATE, none for other dates. */
function txnData(count: number, url: URL, res: http.ServerResponse): void {
  stats.listCalls += 1;
  const date = url.searchParams.get('fromDate');
  const matching = date === TRANSACTION_DATE ? count : 0;
  const pageSize = Math.max(1, Number(url.searchParams.get('pageSize') ?? 500));
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
  const from = (page - 1) * pageSize;
  const to = Math.min(matching, from + pageSize);
  const data = [];
  for (let index = from; index < to; index++) data.push(transactionAt(index));
  send(res, 200, { data, page, total_pages: Math.ceil(matching / pageSize) });
}

function verify(res: http.ServerResponse): void {
  stats.verifyCalls += 1;
  if (verifyInFlight > 0) stats.verifyOverlapped += 1;
  verifyInFlight += 1;
  stats.verifyMaxInFlight = Math.max(stats.verifyMaxInFlight, verifyInFlight);
  const started = performance.now();
  const answer = () => {
    verifyInFlight -= 1;
    stats.verifyHeldMs += performance.now() - started;
    send(res, 200, { valid: true });
  };
  if (verifyLatencyMs > 0) setTimeout(answer, verifyLatencyMs);
  else setImmediate(answer);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://provider');
  if (req.headers['x-api-key'] !== API_KEY) return send(res, 401, { message: 'bad API key' });
  if (req.method !== 'GET') return send(res, 405, { message: 'GET only' });
  const listMatch = LIST.exec(url.pathname);
  if (listMatch) return list(Number(listMatch[1]), url, res);
  const txnMatch = TXN_DATA.exec(url.pathname);
  if (txnMatch) return txnData(Number(txnMatch[1]), url, res);
  if (VERIFY.test(url.pathname)) return verify(res);
  send(res, 404, { message: 'not found' });
});
server.keepAliveTimeout = 60_000;

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', port } satisfies ProviderMessage);
});

process.on('message', (command: ProviderCommand) => {
  if (command.type === 'reset') {
    Object.assign(stats, emptyStats());
    return;
  }
  stats.rssBytes = process.memoryUsage().rss;
  stats.maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.send?.({ type: 'stats', stats } satisfies ProviderMessage);
});
// The parent went away: so does the provider.
process.on('disconnect', () => process.exit(0));
