/**
 * A WooCommerce shop on 127.0.0.1 that follows the WC REST API v3 docs as
 * far as the hub relies on them: `GET /wp-json/wc/v3/products`,
 * `/products/<id>/variations` and `/orders` with `page`, `per_page` (1-100,
 * else 400 rest_invalid_param), `orderby=modified&order=asc`,
 * `modified_after`/`modified_before` (with `dates_are_gmt`), the `X-WP-Total` and
 * `X-WP-TotalPages` headers; authentication by HTTP Basic or by the
 * `consumer_key`/`consumer_secret` query parameters, 401 otherwise.
 */
import { HttpProvider, type RecordedRequest, type Reply } from './http-provider';

export type WooRecord = Record<string, unknown> & { id: number; date_modified_gmt: string };

const API = '/wp-json/wc/v3';

export class WooShop {
  readonly products: WooRecord[] = [];
  readonly orders: WooRecord[] = [];
  /** Variations by parent product id. */
  readonly variations = new Map<number, WooRecord[]>();

  private constructor(
    readonly http: HttpProvider,
    private readonly key: string,
    private readonly secret: string,
  ) {}

  static async start(credentials: { key: string; secret: string }): Promise<WooShop> {
    const http = await HttpProvider.start();
    const shop = new WooShop(http, credentials.key, credentials.secret);
    http.on('GET', `${API}/products`, (r) => shop.answer(r, () => shop.products, true));
    http.on('GET', `${API}/orders`, (r) => shop.answer(r, () => shop.orders, true));
    return shop;
  }

  get url(): string {
    return this.http.url;
  }

  /** Adds (or replaces, by id) products; a variable one with its variations. */
  putProduct(product: WooRecord, variations: WooRecord[] = []): void {
    replace(this.products, product);
    if (variations.length > 0) {
      this.variations.set(product.id, variations);
      this.http.on('GET', `${API}/products/${product.id}/variations`, (r) =>
        this.answer(r, () => this.variations.get(product.id) ?? [], false),
      );
    }
  }

  putOrder(order: WooRecord): void {
    replace(this.orders, order);
  }

  /** The list requests made to a path (below /wp-json/wc/v3). */
  requestsTo(path: string): RecordedRequest[] {
    return this.http.requestsTo(`${API}${path}`);
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private authorized(request: RecordedRequest): boolean {
    const key = request.query.get('consumer_key');
    if (key !== null)
      return key === this.key && request.query.get('consumer_secret') === this.secret;
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '');
    if (!basic) return false;
    return Buffer.from(basic[1], 'base64').toString('utf8') === `${this.key}:${this.secret}`;
  }

  private answer(request: RecordedRequest, all: () => WooRecord[], listing: boolean): Reply {
    if (!this.authorized(request)) {
      return {
        status: 401,
        json: {
          code: 'woocommerce_rest_authentication_error',
          message: 'Consumer secret is invalid.',
          data: { status: 401 },
        },
      };
    }
    const page = Number(request.query.get('page') ?? '1');
    const perPage = Number(request.query.get('per_page') ?? '10');
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return {
        status: 400,
        json: {
          code: 'rest_invalid_param',
          message: 'Invalid parameter(s): per_page',
          data: {
            status: 400,
            params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' },
          },
        },
      };
    }
    let records = [...all()];
    if (listing) {
      const after = request.query.get('modified_after');
      if (after) records = records.filter((r) => r.date_modified_gmt >= after.slice(0, 19));
      const before = request.query.get('modified_before');
      if (before) records = records.filter((r) => r.date_modified_gmt < before.slice(0, 19));
      if (request.query.get('orderby') === 'modified') {
        records.sort(
          (a, b) => a.date_modified_gmt.localeCompare(b.date_modified_gmt) || a.id - b.id,
        );
        if (request.query.get('order') === 'desc') records.reverse();
      }
    }
    const total = records.length;
    const totalPages = Math.ceil(total / perPage);
    return {
      headers: { 'x-wp-total': String(total), 'x-wp-totalpages': String(totalPages) },
      json: records.slice((page - 1) * perPage, page * perPage),
    };
  }
}

function replace(list: WooRecord[], record: WooRecord): void {
  const at = list.findIndex((r) => r.id === record.id);
  if (at >= 0) list[at] = record;
  else list.push(record);
}
