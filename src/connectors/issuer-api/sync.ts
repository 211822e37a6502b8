/**
 * ISSUER_API sync: pages of credentials since a cursor, normalized with the
 * connector's fieldMap, verified one by one when verifyPath is set.
 */
import { z } from 'zod';
import type { CanonicalCredential } from '../../domains/credentials/canonical';
import { HttpClient, parseBody, standardAuth } from '../http';
import { readPath } from '../record-path';
import { credentialPipeline } from '../../domains/credentials/pipeline';
import { bindPipeline } from '../../pipeline/types';
import type { ConnectorContext, Normalized, Page, StreamDefinition } from '../types';
import type { IssuerApiConfig } from './config';
import { credentialListPage } from './responses';

/** The cursor kept in sync_state: the largest cursorField value written so far. */
const issuerCursor = z.object({ since: z.string() });

/** One client per run, so a token is fetched once and renewed only when it must be. */
const clients = new WeakMap<ConnectorContext<IssuerApiConfig>, HttpClient>();
function clientFor(ctx: ConnectorContext<IssuerApiConfig>): HttpClient {
  let client = clients.get(ctx);
  if (!client) {
    const auth = standardAuth(ctx, {
      tokenPath: ctx.config.tokenPath,
      apiKeyHeader: ctx.config.apiKeyHeader,
    });
    client = new HttpClient(ctx, auth);
    clients.set(ctx, client);
  }
  return client;
}

const EPOCH = new Date(0).toISOString();

async function* fetchPages(
  ctx: ConnectorContext<IssuerApiConfig>,
  request: { cursor: unknown; window: { from: Date | null; to: Date | null } | null },
): AsyncGenerator<Page> {
  const { config } = ctx;
  const saved = issuerCursor.safeParse(request.cursor);
  const since = request.window
    ? (request.window.from?.toISOString() ?? EPOCH)
    : saved.success
      ? saved.data.since
      : EPOCH;
  const until = request.window?.to ?? null;
  let pageToken: string | undefined;
  for (;;) {
    ctx.signal.throwIfAborted();
    const { body } = await clientFor(ctx).getJson(config.listPath, {
      since,
      limit: config.pageSize,
      page_token: pageToken,
    });
    const page = parseBody(credentialListPage, body, `GET ${config.listPath}`);
    let records = page.data;
    let beyondWindow = false;
    if (until) {
      // Records come in ascending cursor order: the first one past the window ends the run.
      const inside = records.filter(
        (record) => !isAfter(readPath(record, config.cursorField), until),
      );
      beyondWindow = inside.length < records.length;
      records = inside;
    }
    yield {
      records,
      checkpoint: checkpointOf(records, config.cursorField),
      total: page.total ?? null,
    };
    if (beyondWindow || !page.next_page_token || page.data.length === 0) return;
    pageToken = page.next_page_token;
  }
}

function isAfter(value: unknown, limit: Date): boolean {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(time) && time > limit.getTime();
}

/** The largest cursor value on the page (ISO strings compare by time), or null. */
function checkpointOf(records: Record<string, unknown>[], cursorField: string) {
  let best: { since: string; time: number } | null = null;
  for (const record of records) {
    const value = readPath(record, cursorField);
    if (typeof value !== 'string') continue;
    const time = Date.parse(value);
    if (Number.isFinite(time) && (!best || time > best.time)) best = { since: value, time };
  }
  return best && { since: best.since };
}

const email = z.email();

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function date(value: unknown): Date | null | 'invalid' {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string' && typeof value !== 'number') return 'invalid';
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? 'invalid' : parsed;
}

/** One raw credential through the connector's fieldMap. */
export function normalize(
  raw: Record<string, unknown>,
  ctx: ConnectorContext<IssuerApiConfig>,
): Normalized<CanonicalCredential> {
  const map = ctx.config.fieldMap;
  const externalId = text(readPath(raw, map.externalId));
  const invalid = (message: string): Normalized<CanonicalCredential> => ({
    ok: false,
    externalId,
    reason: 'INVALID_RECORD',
    message,
  });
  if (!externalId) return invalid(`missing ${map.externalId}`);
  const learnerEmail = text(readPath(raw, map.learnerEmail));
  if (!learnerEmail) return invalid(`missing ${map.learnerEmail}`);
  if (!email.safeParse(learnerEmail).success) return invalid(`${map.learnerEmail} is not an email`);
  const title = text(readPath(raw, map.title));
  if (!title) return invalid(`missing ${map.title}`);
  const issuedAt = date(readPath(raw, map.issuedAt));
  if (issuedAt === null) return invalid(`missing ${map.issuedAt}`);
  if (issuedAt === 'invalid') return invalid(`${map.issuedAt} is not a date`);
  const completionDate = date(readPath(raw, map.completionDate));
  if (completionDate === 'invalid') return invalid(`${map.completionDate} is not a date`);
  const hoursRaw = readPath(raw, map.maxHours);
  let maxHours: number | null = null;
  if (hoursRaw !== undefined && hoursRaw !== null && hoursRaw !== '') {
    maxHours = typeof hoursRaw === 'number' ? hoursRaw : Number(hoursRaw);
    if (!Number.isFinite(maxHours) || maxHours < 0)
      return invalid(`${map.maxHours} is not a number of hours`);
  }
  const pdfUrl = text(readPath(raw, map.pdfUrl));
  const cursor = readPath(raw, ctx.config.cursorField);
  return {
    ok: true,
    externalId,
    record: {
      externalId,
      learnerEmail,
      title,
      issuedAt,
      completionDate,
      maxHours,
      pdfUrl,
      cursor: typeof cursor === 'string' ? cursor : null,
    },
  };
}

const verification = z.object({ valid: z.boolean() });

async function verify(
  ctx: ConnectorContext<IssuerApiConfig>,
  externalId: string,
): Promise<boolean> {
  const template = ctx.config.verifyPath;
  if (!template) return true;
  const path = template.replace('{id}', encodeURIComponent(externalId));
  const { body } = await clientFor(ctx).getJson(path);
  return parseBody(verification, body, `GET ${template}`).valid;
}

/** One stream: the issuer's credentials, through the credential pipeline. */
export const credentialStream: StreamDefinition<IssuerApiConfig> = {
  name: 'credentials',
  fetch: fetchPages,
  // Its pages are the issuer's records as listed: a provider may push the same shape.
  acceptsPush: true,
  pipeline: (ctx) =>
    bindPipeline(credentialPipeline, {
      issuerName: ctx.config.issuerName ?? ctx.sourceEntity,
      providerId: ctx.config.providerId,
      maxHours: ctx.config.maxHours,
      normalize: (raw) => normalize(raw, ctx),
      verify: ctx.config.verifyPath ? (externalId) => verify(ctx, externalId) : undefined,
      fetchFile: (url) => clientFor(ctx).getBytes(url),
    }),
};
