/**
 * A credential issuer on loopback that speaks providers.md's ISSUER_API
 * protocol: `since`/`limit`/`page_token` paging in ascending `updated_at`,
 * a verify endpoint, API-key auth, and faults on demand (429 with
 * Retry-After, 5xx) — built on HttpProvider, so every request is recorded.
 */
import { HttpProvider, type RecordedRequest, type Reply } from './http-provider';

export interface IssuedRecord {
  id: string;
  learner_email?: unknown;
  certificate_title?: unknown;
  issued_at?: unknown;
  completion_date?: unknown;
  max_hr?: unknown;
  pdf_url?: unknown;
  updated_at: string;
  [key: string]: unknown;
}

export class IssuerProvider {
  records: IssuedRecord[] = [];
  /** External ids the verify endpoint answers `{ valid: false }` for. */
  readonly invalid = new Set<string>();
  /** Faults served before the next list answers, in order. */
  readonly listFaults: Reply[] = [];
  /** Stop serving after this many list pages (then hang up), to interrupt a run. */
  stallAfterPages: number | null = null;
  /** Latency added to every list page, so a run lasts long enough to watch. */
  pageDelayMs = 0;
  listCalls = 0;

  private constructor(
    readonly http: HttpProvider,
    readonly apiKey: string,
  ) {}

  /** Called before each list page is answered, with the 1-based page count. */
  onList?: (call: number) => void;

  /**
   * API-key auth by default; `oauth2` serves client-credentials tokens at
   * /auth/token (client `hub`, secret `hub-secret`) that expire after
   * `expiresIn` seconds, and demands them on every list call.
   */
  static async start(
    apiKey = 'issuer-key',
    auth: 'api-key' | { oauth2: { expiresIn?: number } } = 'api-key',
  ): Promise<IssuerProvider> {
    const http = await HttpProvider.start();
    const provider = new IssuerProvider(http, apiKey);
    if (auth === 'api-key') {
      const check = { header: 'X-API-Key', value: apiKey };
      http.on('GET', '/credentials', (request) => provider.list(request), check);
    } else {
      http.serveTokens({
        path: '/auth/token',
        clientId: 'hub',
        clientSecret: 'hub-secret',
        encoding: 'form',
        expiresIn: auth.oauth2.expiresIn,
      });
      http.on('GET', '/credentials', (request) => provider.list(request), { bearer: true });
    }
    return provider;
  }

  get url(): string {
    return this.http.url;
  }

  /** Adds `count` valid records, one second apart from `start`. */
  seed(count: number, start = Date.UTC(2026, 0, 1), prefix = 'c'): IssuedRecord[] {
    const added: IssuedRecord[] = [];
    for (let i = 0; i < count; i++) {
      const at = new Date(start + (this.records.length + i) * 1000).toISOString();
      added.push({
        id: `${prefix}${this.records.length + i}`,
        learner_email: `learner${this.records.length + i}@example.org`,
        certificate_title: 'Data Entry Operator',
        issued_at: at,
        completion_date: at,
        max_hr: 40,
        updated_at: at,
      });
    }
    this.records.push(...added);
    return added;
  }

  /** Serves verification for every record id (path /credentials/<id>/verify). */
  serveVerification(): void {
    for (const record of this.records) {
      this.http.on(
        'GET',
        `/credentials/${record.id}/verify`,
        () => ({ json: { valid: !this.invalid.has(record.id) } }),
        { header: 'X-API-Key', value: this.apiKey },
      );
    }
  }

  verifyCalls(): RecordedRequest[] {
    return this.http.requests.filter((r) => r.path.endsWith('/verify'));
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private list(request: RecordedRequest): Reply {
    const fault = this.listFaults.shift();
    if (fault) return fault;
    this.listCalls += 1;
    this.onList?.(this.listCalls);
    if (this.stallAfterPages !== null && this.listCalls > this.stallAfterPages) {
      return { delayMs: 60_000, json: {} };
    }
    const since = Date.parse(request.query.get('since') ?? '1970-01-01T00:00:00Z');
    const limit = Number(request.query.get('limit') ?? 100);
    const offset = Number(request.query.get('page_token') ?? 0);
    const sorted = [...this.records].sort((a, b) => a.updated_at.localeCompare(b.updated_at));
    const matching = sorted.filter((r) => Date.parse(r.updated_at) >= since);
    const data = matching.slice(offset, offset + limit);
    const next = offset + limit < matching.length ? String(offset + limit) : null;
    return {
      json: { data, next_page_token: next, total: matching.length },
      delayMs: this.pageDelayMs || undefined,
    };
  }
}
