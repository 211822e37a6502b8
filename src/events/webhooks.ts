/**
 * Webhooks: where events are POSTed, each with its own HMAC-SHA256 signing
 * secret, sealed like connector secrets (AES-256-GCM under
 * TRIBUTARY_SECRET_KEY, bound to `webhook:<id>`). The secret is returned
 * once, when the webhook is created; nothing reads it back but the
 * dispatcher. A deleted webhook keeps its row (its deliveries still name it)
 * but loses its secret, and its undelivered deliveries end FAILED.
 */
import { randomBytes } from 'node:crypto';
import dns from 'node:dns';
import type { Knex } from 'knex';
import type { Logger } from '../logger';
import { assertAddressAllowed, TargetRefusedError } from '../security/outbound';
import type { SecretBox } from '../security/secret-box';
import { fail, invalid, notFound } from '../services/user-errors';
import { EVENT_TYPES, type EventType } from './outbox';

/** A webhook as the API shows it (never its secret). */
export interface WebhookRow {
  id: number;
  url: string;
  events: EventType[];
  active: boolean;
  createdAt: Date;
  deletedAt: Date | null;
}

/** Live (not deleted) webhooks at most: each one multiplies every event's deliveries. */
export const MAX_WEBHOOKS = 100;
const MAX_URL = 2048;
const MIN_SECRET = 16;
const MAX_SECRET = 512;

const owner = (id: number) => `webhook:${id}`;
const COLUMNS = ['id', 'url', 'events', 'active', 'createdAt', 'deletedAt'] as const;

/** A new signing secret: 32 random bytes, base64url, with a recognisable prefix. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * Refuses a URL the hub may not POST to: not http(s), credentials in it,
 * too long, or a host (literal or as DNS resolves it now) that the outbound
 * policy refuses. The dispatcher checks again at each delivery, on the
 * address it connects to.
 */
export async function checkWebhookUrl(input: string, field = ['input', 'url']): Promise<URL> {
  if (input.length > MAX_URL) invalid(`must be at most ${MAX_URL} characters`, field);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return invalid('must be an absolute http(s) URL', field);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    invalid('must be an http or https URL', field);
  }
  if (url.username || url.password) invalid('must not carry a user name or password', field);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = (await dns.promises.lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return invalid(`${host} does not resolve`, field);
  }
  try {
    for (const address of addresses) assertAddressAllowed(address, host);
  } catch (error) {
    if (error instanceof TargetRefusedError) invalid(error.message, field);
    throw error;
  }
  return url;
}

export class WebhookService {
  constructor(private readonly deps: { db: Knex; secretBox: SecretBox; logger?: Logger }) {}

  /** Live webhooks, oldest first. */
  async list(): Promise<WebhookRow[]> {
    return (await this.deps
      .db('webhooks')
      .select(...COLUMNS)
      .whereNull('deletedAt')
      .orderBy('id')) as WebhookRow[];
  }

  /** Webhooks by id, deleted ones included (a delivery names the webhook it was for). */
  async byIds(ids: readonly number[]): Promise<(WebhookRow | undefined)[]> {
    const rows = (await this.deps
      .db('webhooks')
      .select(...COLUMNS)
      .whereIn('id', ids as number[])) as WebhookRow[];
    const byId = new Map(rows.map((row) => [Number(row.id), row]));
    return ids.map((id) => byId.get(id));
  }

  /**
   * Creates a webhook; `secret` absent: one is generated. Returns the
   * webhook and its secret (the only time the secret leaves the hub).
   */
  async create(input: {
    url: string;
    events: readonly string[];
    secret?: string | null;
  }): Promise<{ webhook: WebhookRow; secret: string }> {
    const url = await checkWebhookUrl(input.url);
    const events = [...new Set(input.events)];
    if (events.length === 0) invalid('name at least one event type', ['input', 'events']);
    for (const type of events) {
      if (!(EVENT_TYPES as readonly string[]).includes(type)) {
        invalid('unknown event type', ['input', 'events']);
      }
    }
    const given = input.secret ?? null;
    if (given !== null && (given.length < MIN_SECRET || given.length > MAX_SECRET)) {
      invalid(`must be ${MIN_SECRET} to ${MAX_SECRET} characters`, ['input', 'secret']);
    }
    const secret = given ?? newWebhookSecret();
    const webhook = await this.deps.db.transaction(async (trx) => {
      // One creation at a time, so the cap holds under concurrent calls.
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['tributary:webhooks']);
      const [{ count }] = (await trx('webhooks').whereNull('deletedAt').count('* as count')) as {
        count: string;
      }[];
      if (Number(count) >= MAX_WEBHOOKS) {
        fail('INVALID_STATE', `at most ${MAX_WEBHOOKS} webhooks; delete one first`);
      }
      return this.insert(trx, url.toString(), events as EventType[], secret);
    });
    this.deps.logger?.info({ webhookId: webhook.id, events }, 'webhook created');
    return { webhook, secret };
  }

  private async insert(
    trx: Knex.Transaction,
    url: string,
    events: EventType[],
    secret: string,
  ): Promise<WebhookRow> {
    // The row needs its id before its secret can be sealed for it.
    const [{ id }] = (
      await trx.raw<{ rows: { id: string }[] }>(
        `SELECT nextval(pg_get_serial_sequence('webhooks', 'id')) AS id`,
      )
    ).rows;
    const sealed = this.deps.secretBox.seal(secret, owner(Number(id)));
    await trx.raw(
      `INSERT INTO webhooks (id, url, events, secret_ciphertext, secret_iv, secret_tag, secret_key_id)
       OVERRIDING SYSTEM VALUE VALUES (?, ?, ?::text[], ?, ?, ?, ?)`,
      [
        id,
        url,
        events,
        sealed.ciphertext,
        sealed.iv,
        sealed.tag,
        sealed.keyId,
      ] as unknown as Knex.RawBinding[],
    );
    const [row] = (await trx('webhooks')
      .select(...COLUMNS)
      .where({ id })) as WebhookRow[];
    return row;
  }

  /**
   * Deletes a webhook: no new deliveries, its secret is dropped, and what it
   * had not received ends FAILED ("webhook deleted").
   */
  async delete(id: number): Promise<void> {
    await this.deps.db.transaction(async (trx) => {
      const updated = await trx('webhooks').where({ id }).whereNull('deletedAt').update({
        deletedAt: trx.fn.now(),
        active: false,
        secretCiphertext: null,
        secretIv: null,
        secretTag: null,
        secretKeyId: null,
      });
      if (!updated) notFound('no webhook with this id', ['id']);
      await trx('deliveries').where({ webhookId: id, status: 'PENDING' }).update({
        status: 'FAILED',
        lastError: 'webhook deleted before delivery',
        leaseOwner: null,
        leaseUntil: null,
        updatedAt: trx.fn.now(),
      });
    });
    this.deps.logger?.info({ webhookId: id }, 'webhook deleted');
  }

  /**
   * The webhooks of SYNC_WEBHOOK_URLS, all event types, signed with
   * WEBHOOK_SECRET: created at start-up when no live webhook has the URL.
   * Returns how many were created.
   */
  async ensureFromEnv(urls: readonly string[], secret: string): Promise<number> {
    let created = 0;
    for (const raw of urls) {
      const url = (await checkWebhookUrl(raw, ['SYNC_WEBHOOK_URLS'])).toString();
      const made = await this.deps.db.transaction(async (trx) => {
        await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['tributary:webhooks']);
        const existing = await trx('webhooks').where({ url }).whereNull('deletedAt').first('id');
        if (existing) return false;
        await this.insert(trx, url, [...EVENT_TYPES], secret);
        return true;
      });
      if (made) created += 1;
    }
    return created;
  }

  /** The signing secret of a live webhook (the dispatcher's); undefined when deleted. */
  async secretOf(id: number): Promise<string | undefined> {
    const row = (await this.deps
      .db('webhooks')
      .where({ id })
      .whereNull('deletedAt')
      .first('secretCiphertext', 'secretIv', 'secretTag', 'secretKeyId')) as
      | { secretCiphertext: Buffer; secretIv: Buffer; secretTag: Buffer; secretKeyId: string }
      | undefined;
    if (!row) return undefined;
    return this.deps.secretBox.open<string>(
      {
        ciphertext: row.secretCiphertext,
        iv: row.secretIv,
        tag: row.secretTag,
        keyId: row.secretKeyId,
        bound: true,
      },
      owner(id),
    );
  }
}
