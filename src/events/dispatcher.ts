/**
 * The dispatcher: sends the outbox's events to webhooks and sinks, at least
 * once, in order per key, with nothing lost when a process dies.
 *
 * - Fan-out: events not yet fanned out get one delivery per matching live
 *   webhook (sink "webhook") and one per configured sink (Kafka, ...), in
 *   one statement, one process at a time (an advisory lock), in event order.
 * - The deliveries table is the queue. A process claims due deliveries with
 *   FOR UPDATE SKIP LOCKED and leases them (lease_owner, lease_until); its
 *   heartbeat renews the leases while it works. A process that dies stops
 *   renewing: its leases run out and any other process claims the
 *   deliveries again (delivery is at least once; the event id lets a
 *   receiver drop repeats). Several processes share the work.
 * - Order: a webhook's delivery is claimed only when no earlier delivery of
 *   the same key to it is waiting for a retry or in flight (a key's first
 *   undelivered delivery and those right behind it are claimed together and
 *   sent one after another); a sink's deliveries are one stream in outbox
 *   order (claimed as a prefix, sent as one batch).
 * - Webhooks: POST `{id, type, key, timestamp, data}` signed
 *   `X-Tributary-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`;
 *   2xx within the timeout is delivered; redirects are not followed; the
 *   outbound policy is checked on the address connected to. At most
 *   `concurrencyPerWebhook` requests in flight per webhook.
 * - Sinks: each claimed batch of a sink's deliveries is one `send`, in event
 *   order; a rejection retries the whole batch.
 * - Failures: retried after base × 2^(n-1), at most 30 s (cockatiel's
 *   exponential backoff, without jitter; the schedule is next_attempt_at in
 *   the database). A webhook delivery is DEAD after `maxAttempts` attempts
 *   until replayed; a sink delivery (Kafka) stays PENDING and keeps retrying
 *   every 30 s however long its broker is away, since an outage of the
 *   hub's own event bus is not a receiver giving up.
 */
import { createHmac } from 'node:crypto';
import { ExponentialBackoff, noJitterGenerator, type IBackoff } from 'cockatiel';
import type { Knex } from 'knex';
import pLimit from 'p-limit';
import { request } from 'undici';
import type { Logger } from '../logger';
import { toGlobalId } from '../schema/global-id';
import { assertUrlAllowed, outboundDispatcher } from '../security/outbound';
import type { EventType } from './outbox';
import type { EventSink, OutboxEventMessage } from './sink';
import type { WebhookService } from './webhooks';

export interface DispatcherOptions {
  db: Knex;
  logger: Logger;
  webhooks: WebhookService;
  /** Where events go besides webhooks (main.ts: Kafka when KAFKA_BROKERS is set). */
  sinks?: readonly EventSink[];
  /** This process, as lease owner. */
  instanceId: string;
  /** How often to look for new events and due retries when nothing wakes it [250 ms]. */
  pollMs?: number;
  /** Deliveries in flight at most per process, claimed half at a time [2000]. */
  batchSize?: number;
  /** Requests in flight at once per webhook [16]. */
  concurrencyPerWebhook?: number;
  /** A webhook must answer 2xx within this [10 s]. */
  timeoutMs?: number;
  /** First retry delay; doubles per attempt [1 s]. */
  backoffBaseMs?: number;
  /** Longest retry delay [30 s]. */
  backoffMaxMs?: number;
  /** Attempts before a webhook delivery is DEAD [8]; sink deliveries retry until delivered. */
  maxAttempts?: number;
  /** A claimed delivery's lease; renewed every third of it while this process lives [30 s]. */
  leaseMs?: number;
}

/** One claimed delivery. */
interface Claimed {
  id: number;
  eventId: number;
  sink: string;
  webhookId: number | null;
  key: string | null;
  attempts: number;
}

interface LoadedEvent {
  message: OutboxEventMessage;
  body: string;
}

type Outcome =
  | { id: number; kind: 'delivered' }
  | { id: number; kind: 'failed'; error: string; attempts: number }
  | { id: number; kind: 'released' };

export const SIGNATURE_HEADER = 'X-Tributary-Signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under `secret`. */
export function signatureHeader(secret: string, body: string, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** The JSON an event leaves the hub as, for webhooks and sinks alike. */
export function eventMessage(row: {
  id: number;
  type: EventType;
  key: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}): OutboxEventMessage {
  return {
    id: toGlobalId('OutboxEvent', Number(row.id)),
    type: row.type,
    key: row.key,
    timestamp: new Date(row.createdAt).toISOString(),
    data: row.payload,
  };
}

const FANOUT_LOCK = 'tributary:events:fan-out';
const CLAIM_LOCK = 'tributary:events:claim';
const FANOUT_BATCH = 2_000;
/** Deliveries of one key claimed together at most (sent one after another). */
const CHAIN = 8;
const ERROR_MAX = 500;

export class Dispatcher {
  private readonly sinks: readonly EventSink[];
  private readonly limits = new Map<number, ReturnType<typeof pLimit>>();
  private running = false;
  private loop?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private wakeUp?: () => void;
  private inFlight = 0;
  private readonly groups = new Set<Promise<void>>();
  private pending: Outcome[] = [];
  private flushing?: Promise<void>;
  /** Deliveries this process has claimed and not yet recorded: the leases it renews. */
  private readonly held = new Set<number>();
  /** Outcome writes and lease renewals, one at a time (they touch the same rows). */
  private writes: Promise<unknown> = Promise.resolve();
  private readonly backoff: IBackoff<unknown>;

  constructor(private readonly options: DispatcherOptions) {
    this.sinks = options.sinks ?? [];
    this.backoff = new ExponentialBackoff({
      generator: noJitterGenerator,
      initialDelay: options.backoffBaseMs ?? 1_000,
      maxDelay: options.backoffMaxMs ?? 30_000,
      exponent: 2,
    }).next();
  }

  get sinkNames(): string[] {
    return this.sinks.map((sink) => sink.name);
  }

  private get maxAttempts(): number {
    return this.options.maxAttempts ?? 8;
  }

  /** The delay before attempt `attempt + 1`, after `attempt` failed ones (1-based). */
  retryDelayMs(attempt: number): number {
    let step = this.backoff;
    for (let i = 1; i < attempt; i += 1) step = step.next(undefined);
    return step.duration;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const leaseMs = this.options.leaseMs ?? 30_000;
    this.heartbeatTimer = setInterval(() => void this.renewLeases(), leaseMs / 3);
    this.loop = this.run();
  }

  /** Stops claiming, waits for the deliveries in flight and records them. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.heartbeatTimer);
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.groups]);
    await this.flush();
  }

  /** Looks for work now (new events committed, a replay). */
  wake(): void {
    clearTimeout(this.timer);
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.();
  }

  /** Deliveries being sent by this process now. */
  get activeCount(): number {
    return this.inFlight;
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 2_000;
    while (this.running) {
      let worked = false;
      try {
        worked = (await this.fanOut()) > 0;
        const room = batchSize - this.inFlight;
        if (room >= batchSize / 2) worked = (await this.claimAndSend(room)) > 0 || worked;
      } catch (error) {
        this.options.logger.error({ err: error }, 'event dispatch failed; retrying');
      }
      if (!this.running) break;
      // Claims refill in bulk: one claim per half batch, not one per finished delivery.
      if (worked && this.inFlight <= batchSize / 2) continue;
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        this.timer = setTimeout(resolve, this.options.pollMs ?? 250);
      });
    }
  }

  /**
   * Creates the deliveries of events not yet fanned out (up to 2,000 per
   * call), one process at a time; returns how many events it fanned out.
   */
  async fanOut(): Promise<number> {
    return this.options.db.transaction(async (trx) => {
      const lock = await trx.raw<{ rows: { locked: boolean }[] }>(
        'SELECT pg_try_advisory_xact_lock(hashtext(?)) AS locked',
        [FANOUT_LOCK],
      );
      if (!lock.rows[0].locked) return 0;
      const result = await trx.raw<{ rows: { id: number }[] }>(
        `WITH ev AS (
           SELECT id, type, key FROM outbox_events
            WHERE fanned_out_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED
         ), made AS (
           INSERT INTO deliveries (event_id, sink, webhook_id, key)
           SELECT ev.id, 'webhook', w.id, ev.key
             FROM ev JOIN webhooks w
               ON w.deleted_at IS NULL AND w.active AND ev.type = ANY (w.events)
           UNION ALL
           SELECT ev.id, s.name, NULL, ev.key FROM ev CROSS JOIN unnest(?::text[]) AS s(name)
           ORDER BY 1
           ON CONFLICT DO NOTHING
         )
         UPDATE outbox_events SET fanned_out_at = now()
          WHERE id IN (SELECT id FROM ev) RETURNING id`,
        [FANOUT_BATCH, this.sinkNames] as unknown as Knex.RawBinding[],
      );
      return result.rows.length;
    });
  }

  /** Claims up to `limit` due deliveries (see the module's comment on order) and leases them. */
  async claim(limit: number): Promise<Claimed[]> {
    const leaseMs = this.options.leaseMs ?? 30_000;
    return this.options.db.transaction(async (trx) => {
      // Claims one at a time, so an earlier delivery of a key is never skipped
      // (locked) by one claim while a later one is taken by another.
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [CLAIM_LOCK]);
      const result = await trx.raw<{ rows: Claimed[] }>(
        `WITH heads AS (
           -- The first undelivered delivery of each key, per target.
           SELECT DISTINCT ON (sink, coalesce(webhook_id, 0), key)
                  sink, webhook_id, key, event_id, next_attempt_at, lease_until
             FROM deliveries
            WHERE status = 'PENDING' AND key IS NOT NULL AND sink = 'webhook'
            ORDER BY sink, coalesce(webhook_id, 0), key, event_id
         ), ready AS (
           SELECT * FROM heads
            WHERE next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
            ORDER BY event_id LIMIT :limit
         ), chains AS (
           -- From each ready head, the key's next deliveries while they are due and free.
           SELECT c.id, c.event_id, r.event_id AS head FROM ready r CROSS JOIN LATERAL (
             SELECT id, event_id, bool_and(free) OVER (ORDER BY event_id) AS prefix FROM (
               SELECT d.id, d.event_id,
                      d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now())
                        AS free
                 FROM deliveries d
                WHERE d.status = 'PENDING' AND d.sink = r.sink
                  AND coalesce(d.webhook_id, 0) = coalesce(r.webhook_id, 0) AND d.key = r.key
                ORDER BY d.event_id LIMIT :chain) k
           ) c WHERE c.prefix
           UNION ALL
           -- A webhook's deliveries without a key keep no order.
           (SELECT id, event_id, event_id AS head FROM deliveries
             WHERE status = 'PENDING' AND key IS NULL AND sink = 'webhook'
               AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
             ORDER BY event_id LIMIT :limit)
           UNION ALL
           -- A sink is one stream in outbox order: its first deliveries while due and free.
           SELECT c.id, c.event_id, c.event_id AS head FROM unnest(CAST(:sinks AS text[])) AS s(name)
           CROSS JOIN LATERAL (
             SELECT id, event_id, bool_and(free) OVER (ORDER BY event_id) AS prefix FROM (
               SELECT d.id, d.event_id,
                      d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now())
                        AS free
                 FROM deliveries d
                WHERE d.status = 'PENDING' AND d.webhook_id IS NULL AND d.sink = s.name
                ORDER BY d.event_id LIMIT :limit) k
           ) c WHERE c.prefix
         ), claimable AS (
           SELECT d.id FROM deliveries d
            -- Whole chains of the earliest heads first (each cut keeps a chain's prefix).
            WHERE d.id IN (SELECT id FROM chains ORDER BY head, event_id LIMIT :limit)
              AND d.status = 'PENDING'
            FOR UPDATE SKIP LOCKED
         )
         UPDATE deliveries SET lease_owner = :owner, updated_at = now(),
                lease_until = now() + make_interval(secs => :leaseSeconds)
           FROM claimable WHERE deliveries.id = claimable.id
         RETURNING deliveries.id, deliveries.event_id AS "eventId", deliveries.sink,
                   deliveries.webhook_id AS "webhookId", deliveries.key, deliveries.attempts`,
        {
          sinks: this.sinkNames,
          limit,
          chain: CHAIN,
          owner: this.options.instanceId,
          leaseSeconds: leaseMs / 1000,
        } as unknown as Knex.ValueDict,
      );
      return result.rows
        .map((row) => ({
          ...row,
          id: Number(row.id),
          eventId: Number(row.eventId),
          webhookId: row.webhookId === null ? null : Number(row.webhookId),
        }))
        .sort((a, b) => a.eventId - b.eventId || a.id - b.id);
    });
  }

  /** Claims and starts sending; returns how many deliveries it claimed. */
  private async claimAndSend(limit: number): Promise<number> {
    const claimed = await this.claim(limit);
    if (claimed.length === 0) return 0;
    for (const delivery of claimed) this.held.add(delivery.id);
    const events = await this.loadEvents([...new Set(claimed.map((d) => d.eventId))]);
    const webhookIds = [...new Set(claimed.flatMap((d) => (d.webhookId ? [d.webhookId] : [])))];
    const targets = await this.webhookTargets(webhookIds);
    // One group per target and key (each delivery of a null key alone); a sink's are one group.
    const groups = new Map<string, Claimed[]>();
    for (const delivery of claimed) {
      const target = `${delivery.sink}\u0000${delivery.webhookId ?? ''}`;
      const name =
        delivery.sink !== 'webhook'
          ? target
          : delivery.key === null
            ? `${target}\u0000#${delivery.id}`
            : `${target}\u0000${delivery.key}`;
      const group = groups.get(name);
      if (group) group.push(delivery);
      else groups.set(name, [delivery]);
    }
    this.inFlight += claimed.length;
    for (const group of groups.values()) {
      const work = (async () => {
        try {
          if (group[0].sink === 'webhook') {
            await this.sendChain(group, events, targets.get(group[0].webhookId!));
          } else {
            await this.sendToSink(group, events);
          }
        } catch (error) {
          this.options.logger.error({ err: error }, 'delivery group failed');
          for (const delivery of group) this.record({ id: delivery.id, kind: 'released' });
        } finally {
          this.inFlight -= group.length;
        }
      })().finally(() => {
        this.groups.delete(work);
        this.wake();
      });
      this.groups.add(work);
    }
    return claimed.length;
  }

  private async loadEvents(ids: number[]): Promise<Map<number, LoadedEvent>> {
    const rows = (await this.options
      .db('outboxEvents')
      .select('id', 'type', 'key', 'payload', 'createdAt')
      .whereIn('id', ids)) as Parameters<typeof eventMessage>[0][];
    return new Map(
      rows.map((row) => {
        const message = eventMessage(row);
        return [Number(row.id), { message, body: JSON.stringify(message) }];
      }),
    );
  }

  private async webhookTargets(
    ids: number[],
  ): Promise<Map<number, { url: string; secret: string } | undefined>> {
    const targets = new Map<number, { url: string; secret: string } | undefined>();
    for (const [index, row] of (await this.options.webhooks.byIds(ids)).entries()) {
      const secret =
        row && !row.deletedAt ? await this.options.webhooks.secretOf(row.id) : undefined;
      targets.set(ids[index], row && secret ? { url: row.url, secret } : undefined);
    }
    return targets;
  }

  private limitFor(webhookId: number) {
    let limit = this.limits.get(webhookId);
    if (!limit) {
      limit = pLimit(this.options.concurrencyPerWebhook ?? 16);
      this.limits.set(webhookId, limit);
    }
    return limit;
  }

  /** One key's deliveries to one webhook, in order; the first failure ends the chain. */
  private async sendChain(
    chain: Claimed[],
    events: Map<number, LoadedEvent>,
    target: { url: string; secret: string } | undefined,
  ): Promise<void> {
    for (let i = 0; i < chain.length; i += 1) {
      const delivery = chain[i];
      if (!target) {
        // Deleted meanwhile: deleteWebhook already ended these FAILED.
        this.record({ id: delivery.id, kind: 'released' });
        continue;
      }
      const event = events.get(delivery.eventId)!;
      const error = await this.limitFor(delivery.webhookId!)(() => this.post(target, event));
      if (error === null) {
        this.record({ id: delivery.id, kind: 'delivered' });
        continue;
      }
      this.failed(delivery, error);
      for (const rest of chain.slice(i + 1)) this.record({ id: rest.id, kind: 'released' });
      return;
    }
  }

  private failed(delivery: Claimed, error: string): void {
    const attempts = delivery.attempts + 1;
    this.record({ id: delivery.id, kind: 'failed', error, attempts });
    const dead = delivery.webhookId !== null && attempts >= this.maxAttempts;
    this.options.logger[dead ? 'warn' : 'debug'](
      {
        deliveryId: delivery.id,
        eventId: delivery.eventId,
        sink: delivery.sink,
        webhookId: delivery.webhookId,
        attempts,
        error,
      },
      dead ? 'delivery DEAD after its last attempt' : 'delivery failed; will retry',
    );
  }

  /** POSTs one event; null when the webhook answered 2xx in time, else why not. */
  private async post(
    target: { url: string; secret: string },
    event: LoadedEvent,
  ): Promise<string | null> {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    try {
      const url = new URL(target.url);
      assertUrlAllowed(url);
      const response = await request(url, {
        method: 'POST',
        dispatcher: outboundDispatcher(),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Tributary-Webhooks/1',
          [SIGNATURE_HEADER]: signatureHeader(target.secret, event.body),
          'x-tributary-event-id': event.message.id,
          'x-tributary-event-type': event.message.type,
        },
        body: event.body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      if (response.statusCode >= 200 && response.statusCode < 300) return null;
      if (response.statusCode >= 300 && response.statusCode < 400) {
        return `HTTP ${response.statusCode}: redirects are not followed`;
      }
      return `HTTP ${response.statusCode}`;
    } catch (error) {
      return describeError(error, timeoutMs);
    }
  }

  /** A sink's claimed deliveries as one batch, in event order. */
  private async sendToSink(group: Claimed[], events: Map<number, LoadedEvent>): Promise<void> {
    const sink = this.sinks.find((s) => s.name === group[0].sink);
    if (!sink) {
      for (const delivery of group) this.record({ id: delivery.id, kind: 'released' });
      return;
    }
    try {
      await sink.send(group.map((delivery) => events.get(delivery.eventId)!.message));
      for (const delivery of group) this.record({ id: delivery.id, kind: 'delivered' });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, ERROR_MAX);
      for (const delivery of group) this.failed(delivery, message || 'the sink refused the batch');
    }
  }

  /** Outcomes are written together, a few times a second at most. */
  private record(outcome: Outcome): void {
    this.pending.push(outcome);
    this.flushing ??= new Promise<void>((resolve) => setTimeout(resolve, 50)).then(() =>
      this.flush(),
    );
  }

  /** Runs `write` after the writes before it, so this process's writes never deadlock. */
  private serial<T>(write: () => Promise<T>): Promise<T> {
    const next = this.writes.then(write, write);
    this.writes = next.catch(() => undefined);
    return next;
  }

  /**
   * Writes the outcomes recorded so far (three statements at most). When the
   * write fails they are kept and written with the next flush; their leases
   * are renewed meanwhile.
   */
  async flush(): Promise<void> {
    this.flushing = undefined;
    await this.serial(() => this.writeOutcomes());
    this.wake();
  }

  private async writeOutcomes(): Promise<void> {
    const outcomes = this.pending;
    this.pending = [];
    if (outcomes.length === 0) return;
    const { db, instanceId } = this.options;
    const byId = (a: number, b: number) => a - b;
    const delivered = outcomes
      .filter((o) => o.kind === 'delivered')
      .map((o) => o.id)
      .sort(byId);
    const released = outcomes
      .filter((o) => o.kind === 'released')
      .map((o) => o.id)
      .sort(byId);
    const failed = outcomes.filter(
      (o): o is Extract<Outcome, { kind: 'failed' }> => o.kind === 'failed',
    );
    try {
      await db.transaction(async (trx) => {
        if (delivered.length) {
          await trx.raw(
            `UPDATE deliveries SET status = 'DELIVERED', attempts = attempts + 1,
                    delivered_at = now(), lease_owner = NULL, lease_until = NULL, updated_at = now()
              WHERE id = ANY (?::bigint[]) AND lease_owner = ? AND status = 'PENDING'`,
            [delivered, instanceId] as unknown as Knex.RawBinding[],
          );
        }
        if (failed.length) {
          await trx.raw(
            `UPDATE deliveries d SET attempts = d.attempts + 1, last_error = f.error,
                    status = CASE WHEN d.webhook_id IS NOT NULL AND d.attempts + 1 >= ? THEN 'DEAD'
                                  ELSE 'PENDING' END,
                    next_attempt_at = now() + make_interval(secs => f.delay / 1000.0),
                    lease_owner = NULL, lease_until = NULL, updated_at = now()
               FROM unnest(?::bigint[], ?::text[], ?::int[]) AS f(id, error, delay)
              WHERE d.id = f.id AND d.lease_owner = ? AND d.status = 'PENDING'`,
            [
              this.maxAttempts,
              failed.map((o) => o.id),
              failed.map((o) => o.error.slice(0, ERROR_MAX)),
              failed.map((o) => this.retryDelayMs(o.attempts)),
              instanceId,
            ] as unknown as Knex.RawBinding[],
          );
        }
        if (released.length) {
          await trx.raw(
            `UPDATE deliveries SET lease_owner = NULL, lease_until = NULL, updated_at = now()
              WHERE id = ANY (?::bigint[]) AND lease_owner = ?`,
            [released, instanceId] as unknown as Knex.RawBinding[],
          );
        }
      });
      for (const outcome of outcomes) this.held.delete(outcome.id);
    } catch (error) {
      this.options.logger.error({ err: error }, 'recording delivery outcomes failed; retrying');
      this.pending = [...outcomes, ...this.pending];
      if (this.running) {
        this.flushing ??= new Promise<void>((resolve) => setTimeout(resolve, 500)).then(() =>
          this.flush(),
        );
      }
    }
  }

  /** Keeps the leases of what this process holds alive while it sends. */
  private async renewLeases(): Promise<void> {
    const leaseMs = this.options.leaseMs ?? 30_000;
    const held = [...this.held].sort((a, b) => a - b);
    if (held.length === 0) return;
    try {
      await this.serial(() =>
        this.options.db.raw(
          `UPDATE deliveries SET lease_until = now() + make_interval(secs => ?)
            WHERE id = ANY (?::bigint[]) AND lease_owner = ? AND status = 'PENDING'`,
          [leaseMs / 1000, held, this.options.instanceId] as unknown as Knex.RawBinding[],
        ),
      );
    } catch (error) {
      this.options.logger.error({ err: error }, 'renewing delivery leases failed');
    }
  }
}

/** Why a request failed, without the URL (it may carry a token) or the body. */
function describeError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; code?: string; message?: string; cause?: unknown };
  if (
    err?.name === 'TimeoutError' ||
    err?.name === 'AbortError' ||
    err?.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    err?.code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  if (err?.name === 'TargetRefusedError') return err.message ?? 'target refused';
  const cause = err?.cause as { name?: string; code?: string; message?: string } | undefined;
  if (cause?.name === 'TargetRefusedError') return cause.message ?? 'target refused';
  const code = cause?.code ?? err?.code;
  return `request failed${code ? `: ${code}` : err?.message ? `: ${err.message.slice(0, 200)}` : ''}`;
}
