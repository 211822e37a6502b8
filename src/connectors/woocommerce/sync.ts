/**
 * WOOCOMMERCE sync (providers.md): two streams, products (each variable
 * product followed by its variations) then orders, each with its own
 * `modified_after` cursor:
 *
 *   GET /wp-json/wc/v3/products?page=n&per_page=m&orderby=modified&order=asc
 *       [&modified_after=<cursor>&dates_are_gmt=true]
 *   GET /wp-json/wc/v3/products/<id>/variations?page=n&per_page=m
 *   GET /wp-json/wc/v3/orders?... (as products)
 *
 * Pages until `X-WP-TotalPages`; `X-WP-Total` gives the run's total. The
 * cursor is the latest `date_modified_gmt` of the records written, kept
 * inclusive (a record modified in the same second is read again; dedupe
 * makes it a DUPLICATE). A variation's raw payload gains `parent_id` (the
 * product it was listed under) when the shop leaves it out. A 401 fails the
 * run: "consumer key rejected".
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import {
  orderPipeline,
  productPipeline,
  type CommerceOptions,
} from '../../domains/commerce/pipeline';
import { parseExactJson } from '../pg-api/json';
import { bindPipeline } from '../../pipeline/types';
import { ConnectorError, isConnectorError } from '../errors';
import { HttpClient, parseBody } from '../http';
import type { ConnectorContext, FetchRequest, Page, StreamDefinition } from '../types';
import { wooAuth } from './auth';
import type { WooCommerceConfig } from './config';

export const WOO_API = '/wp-json/wc/v3';

const wooList = z.array(z.record(z.string(), z.unknown()));

/** Where a stream left off: the latest date_modified_gmt written (UTC, no offset, as Woo writes it). */
export const wooCursor = z.object({
  modifiedAfter: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/),
});
export type WooCursor = z.infer<typeof wooCursor>;

/** One client and one tally per run (both streams share the run's context). */
const runs = new WeakMap<
  ConnectorContext<WooCommerceConfig>,
  { client: HttpClient; products: number }
>();

function runOf(ctx: ConnectorContext<WooCommerceConfig>) {
  let run = runs.get(ctx);
  if (!run) {
    const { config, secrets } = ctx;
    run = {
      client: new HttpClient(
        ctx,
        wooAuth(config.baseUrl, secrets.consumerKey, secrets.consumerSecret),
      ),
      products: 0,
    };
    runs.set(ctx, run);
  }
  return run;
}

/** A 401 in WooCommerce's words: the key or secret is wrong or lacks read access. */
export function rejected(error: unknown): unknown {
  if (isConnectorError(error) && error.code === 'AUTH_FAILED') {
    return new ConnectorError(
      'AUTH_FAILED',
      `WooCommerce consumer key rejected (${error.message}); check the key, its secret and its read permission`,
      { status: error.status },
    );
  }
  return error;
}

interface ListPage {
  records: Record<string, unknown>[];
  total: number | null;
  totalPages: number | null;
}

async function list(
  ctx: ConnectorContext<WooCommerceConfig>,
  path: string,
  query: Record<string, string | number | undefined>,
): Promise<ListPage> {
  ctx.signal.throwIfAborted();
  try {
    const { body, headers } = await runOf(ctx).client.getJson(path, query, parseExactJson);
    const header = (name: string) => {
      const value = headers.get(name);
      return value !== null && /^\d+$/.test(value) ? Number(value) : null;
    };
    return {
      records: parseBody(wooList, body, `GET ${path}`),
      total: header('x-wp-total'),
      totalPages: header('x-wp-totalpages'),
    };
  } catch (error) {
    throw rejected(error);
  }
}

/** The latest date_modified_gmt of some records, or the cursor given. */
function latest(records: Record<string, unknown>[], since: string | null): string | null {
  let max = since;
  for (const record of records) {
    const value = record.date_modified_gmt;
    if (typeof value === 'string' && wooCursor.shape.modifiedAfter.safeParse(value).success) {
      if (max === null || value > max) max = value;
    }
  }
  return max;
}

function listQuery(
  config: WooCommerceConfig,
  page: number,
  since: string | null,
  until: string | null,
) {
  return {
    page,
    per_page: config.perPage,
    orderby: 'modified',
    order: 'asc',
    modified_after: since ?? undefined,
    modified_before: until ?? undefined,
    dates_are_gmt: since || until ? 'true' : undefined,
  };
}

/** Every page of a list endpoint, from the cursor on; a checkpoint after each page's group. */
async function* pagesOf(
  ctx: ConnectorContext<WooCommerceConfig>,
  entity: 'products' | 'orders',
  request: FetchRequest,
): AsyncGenerator<Page> {
  const { config } = ctx;
  const saved = wooCursor.safeParse(request.cursor);
  // A windowed run (backfill, a manual from/to) reads its window (modified_before for its end).
  const since = request.window?.from
    ? request.window.from.toISOString().slice(0, 19)
    : saved.success
      ? saved.data.modifiedAfter
      : null;
  const until = request.window?.to ? request.window.to.toISOString().slice(0, 19) : null;
  const run = runOf(ctx);
  const path = `${WOO_API}/${entity}`;
  let cursor = since;
  let extra = 0;
  for (let page = 1; ; page++) {
    const answer = await list(ctx, path, listQuery(config, page, since, until));
    const records = answer.records;
    cursor = latest(records, cursor);
    const checkpoint: WooCursor | null = cursor ? { modifiedAfter: cursor } : null;
    const base = entity === 'orders' ? run.products : 0;
    const total = answer.total === null ? null : base + answer.total + extra;
    const variable = entity === 'products' ? records.filter((r) => r.type === 'variable') : [];
    // The checkpoint goes with the last page of the group: the products and their variations.
    yield { records, checkpoint: variable.length ? null : checkpoint, total };
    if (entity === 'products') run.products += records.length;
    for (const [index, parent] of variable.entries()) {
      const parentId = String(parent.id);
      for (let vpage = 1; ; vpage++) {
        const vpath = `${path}/${encodeURIComponent(parentId)}/variations`;
        const v = await list(ctx, vpath, { page: vpage, per_page: config.perPage });
        const variations = v.records.map((variation) =>
          variation.parent_id === undefined ? { ...variation, parent_id: parent.id } : variation,
        );
        if (vpage === 1) extra += v.total ?? 0;
        run.products += variations.length;
        const lastOfGroup =
          index === variable.length - 1 && (v.records.length === 0 || vpage >= (v.totalPages ?? 1));
        yield {
          records: variations,
          checkpoint: lastOfGroup ? checkpoint : null,
          total: answer.total === null ? null : answer.total + extra,
        };
        if (v.records.length === 0 || vpage >= (v.totalPages ?? 1)) break;
      }
    }
    if (records.length === 0 || page >= (answer.totalPages ?? 1)) break;
  }
  if (entity === 'orders' && ctx.run) yield* claimedOrders(ctx.run);
}

/** Stored orders a claim page holds at most (the rest wait for the next run). */
const CLAIM_LIMIT = 1_000;

/**
 * After the shop's orders: the connector's stored orders that failed only
 * for want of an account whose email has one now (registered while a run
 * was active, when registerLearner's own REMAP could not be queued), mapped
 * again from their raw payloads. No checkpoint: the cursor stays the shop's.
 */
async function* claimedOrders(run: { db: Knex; connectorId: number }): AsyncGenerator<Page> {
  const { rows } = await run.db.raw<{ rows: { raw: string }[] }>(
    `SELECT r.raw::text AS raw FROM external_references r
      WHERE r.connector_id = ? AND r.entity_type = 'order' AND r.status = 'FAILED'
        AND r.error LIKE 'billing.email % has no account'
        AND EXISTS (SELECT 1 FROM learners l WHERE lower(l.email) = lower(r.raw #>> '{billing,email}'))
      ORDER BY r.id LIMIT ?`,
    [run.connectorId, CLAIM_LIMIT],
  );
  if (rows.length === 0) return;
  yield {
    records: rows.map((row) => parseExactJson(row.raw) as Record<string, unknown>),
    checkpoint: null,
    total: null,
  };
}

function commerceOptions(config: WooCommerceConfig): CommerceOptions {
  return { mappings: config.mappings, statusMap: config.statusMap, currency: config.currency };
}

export const productStream: StreamDefinition<WooCommerceConfig> = {
  name: 'products',
  fetch: (ctx, request) => (ctx.config.syncProducts ? pagesOf(ctx, 'products', request) : none()),
  pipeline: (ctx) => bindPipeline(productPipeline, commerceOptions(ctx.config)),
};

export const orderStream: StreamDefinition<WooCommerceConfig> = {
  name: 'orders',
  fetch: (ctx, request) => (ctx.config.syncOrders ? pagesOf(ctx, 'orders', request) : none()),
  pipeline: (ctx) => bindPipeline(orderPipeline, commerceOptions(ctx.config)),
};

async function* none(): AsyncGenerator<Page> {}
