/**
 * Live events across processes over Postgres LISTEN/NOTIFY.
 *
 * Publishing is a `select pg_notify(...)` on whatever knex handle the caller
 * has: inside a transaction Postgres delivers it on commit (never on
 * rollback). Receiving is one dedicated `pg.Client` per process, outside the
 * knex pool, LISTENing on `tributary_events`; it re-connects with backoff
 * when the connection drops (database restart, pg_terminate_backend).
 * Notifications sent while it is down are lost: consumers that must not miss
 * work (workers) should also poll, or re-scan from `onReconnect`.
 *
 * This process's own events also come back through Postgres, so there is one
 * delivery path whichever replica published.
 *
 * Fan-out: a subscription names the topic it wants (one run, one
 * connector, one event type), so an event is handed only to the subscribers
 * of its topics, not offered to every subscriber's filter. Each subscriber
 * has its own bounded buffer (`bufferSize`, default 100 events): a progress
 * event superseded by a newer event of the same run is dropped (the newer one
 * carries every counter), and when the buffer still holds more than
 * `bufferSize` events the subscriber is too slow: it is dropped
 * (`onOverflow`: the server closes its socket with a clear code; without it,
 * the subscription ends with SubscriberOverflowError) so that it holds
 * neither memory nor the others back.
 *
 * A new subscription receives only events committed after it subscribed:
 * NOTIFY reaches this process asynchronously, so an event committed before a
 * subscription (a mutation answered just before the client subscribed) can
 * arrive after it. Before a subscriber goes live, one round trip on the
 * LISTEN connection (`select 1`, shared by every subscriber waiting) flushes
 * what Postgres had already committed; events that come before it are not
 * the subscriber's.
 */
import pg from 'pg';
import type { Logger } from '../logger';
import {
  EVENTS_CHANNEL,
  type HubEvent,
  type HubEventFilter,
  type HubEventSource,
  type HubTopic,
  type Publisher,
  type SubscribeOptions,
  type PublishDb,
} from './events';

/** NOTIFY refuses payloads of 8000 bytes or more (default build). */
export const MAX_PAYLOAD_BYTES = 8000;

const EVENT_TYPES = new Set<HubEvent['type']>([
  'run',
  'connector',
  'run-queued',
  'scheduler',
  'token',
]);

export class PayloadTooLargeError extends Error {
  constructor(
    readonly eventType: string,
    readonly bytes: number,
  ) {
    super(
      `a ${eventType} event is ${bytes} bytes as JSON; NOTIFY takes fewer than ${MAX_PAYLOAD_BYTES}` +
        ' (send ids and counters, never records)',
    );
    this.name = 'PayloadTooLargeError';
  }
}

/** The NOTIFY payload of an event; throws PayloadTooLargeError when it would not fit. */
export function encodeEvent(event: HubEvent): string {
  const payload = JSON.stringify(event);
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes >= MAX_PAYLOAD_BYTES) throw new PayloadTooLargeError(event.type, bytes);
  return payload;
}

/** The event in a NOTIFY payload, or null when it is not one this version knows. */
export function decodeEvent(payload: string | undefined): HubEvent | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const type = (value as { type?: unknown }).type;
    return EVENT_TYPES.has(type as HubEvent['type']) ? (value as HubEvent) : null;
  } catch {
    return null;
  }
}

/** A progress event: a run event whose status did not change. Only these are ever dropped. */
function isProgress(event: HubEvent): boolean {
  return event.type === 'run' && !event.statusChanged;
}

/**
 * A subscriber's queue, bounded as described at the top of this file.
 * Exported for its unit test.
 */
export class LagBuffer {
  private readonly queue: HubEvent[] = [];
  /** Superseded progress events dropped so far. */
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error('LagBuffer: capacity must be at least 1');
  }

  get length(): number {
    return this.queue.length;
  }

  /**
   * Adds an event; false when, superseded progress dropped, more than
   * `capacity` events still wait: the subscriber is too slow.
   */
  add(event: HubEvent): boolean {
    this.queue.push(event);
    if (this.queue.length > this.capacity) {
      const index = this.superseded();
      if (index >= 0) {
        this.queue.splice(index, 1);
        this.dropped += 1;
      }
    }
    return this.queue.length <= this.capacity;
  }

  shift(): HubEvent | undefined {
    return this.queue.shift();
  }

  /** The oldest progress event followed by a later event of its run; -1 when none is. */
  private superseded(): number {
    let found = -1;
    const seenRuns = new Set<number>();
    // Walk newest to oldest: a progress event of a run already seen is superseded.
    for (let i = this.queue.length - 1; i >= 0; i -= 1) {
      const event = this.queue[i];
      if (event.type !== 'run') continue;
      if (isProgress(event) && seenRuns.has(event.runId)) found = i;
      seenRuns.add(event.runId);
    }
    return found;
  }
}

export class SubscriberOverflowError extends Error {
  constructor() {
    super('this subscription fell too far behind and was ended; subscribe again');
    this.name = 'SubscriberOverflowError';
  }
}

/** The topics an event is published under. */
export function topicsOf(event: HubEvent): HubTopic[] {
  const topics: HubTopic[] = [`type:${event.type}`];
  if ('connectorId' in event) topics.push(`connector:${event.connectorId}`);
  if (event.type === 'run' || event.type === 'run-queued') topics.push(`run:${event.runId}`);
  return topics;
}

export interface PgNotifierOptions {
  /** Connection string of the database (the one knex uses); the LISTEN client opens its own connection. */
  url: string;
  logger: Logger;
  /** application_name of the LISTEN connection. Default "tributary-listen". */
  applicationName?: string;
  /** Events a subscriber may have waiting before its oldest progress events are dropped. Default 100. */
  bufferSize?: number;
  /** First reconnect delay (ms), doubled per failed attempt up to `reconnectMaxDelayMs`. Default 250. */
  reconnectInitialDelayMs?: number;
  /** Longest wait between reconnect attempts (ms). Default 10000. */
  reconnectMaxDelayMs?: number;
}

type Listener = (event: HubEvent) => void;

/** A subscriber's listener, live once the barrier after its subscribe has come back. */
interface Subscriber {
  deliver: Listener;
  live: boolean;
}

/** Publishes with NOTIFY and fans LISTENed events out to in-process subscribers. */
export class PgNotifier implements Publisher, HubEventSource {
  private readonly log: Logger;
  private readonly listeners = new Set<Listener>();
  /** Subscribers by topic (`*`: every event). */
  private readonly subscribers = new Map<HubTopic | '*', Set<Subscriber>>();
  private liveSubscribers = 0;
  /** Subscribers waiting for the next barrier, and whether one is in flight. */
  private waiting: Subscriber[] = [];
  private barrierRunning = false;
  private readonly reconnectListeners = new Set<() => void>();
  private client: pg.Client | undefined;
  private stopped = true;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private connecting: Promise<void> | undefined;
  private readonly subscriberStops = new Set<(error?: unknown) => void>();
  /** Events this process sent, and progress events dropped for slow subscribers (metrics). */
  readonly stats = { published: 0, dropped: 0 };

  constructor(private readonly options: PgNotifierOptions) {
    this.log = options.logger.child({ source: 'notifier' });
  }

  /**
   * NOTIFY on `db`. With a transaction the event is delivered if and when it
   * commits. Throws PayloadTooLargeError when the event would not fit.
   */
  async publish(db: PublishDb, event: HubEvent): Promise<void> {
    const payload = encodeEvent(event);
    await db.raw('select pg_notify(?, ?)', [EVENTS_CHANNEL, payload]);
    this.stats.published += 1;
  }

  /** GraphQL subscriptions (subscribe() iterators) open now. */
  get subscriptionCount(): number {
    return this.subscriberStops.size;
  }

  /** True while the LISTEN connection is up. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Live subscribers and listeners currently attached (tests wait on it). */
  get subscriberCount(): number {
    return this.listeners.size + this.liveSubscribers;
  }

  /**
   * Opens the LISTEN connection. Rejects when the first attempt fails (the
   * database is unreachable at start); later drops are retried for ever.
   */
  async start(): Promise<void> {
    if (!this.stopped) return this.connecting;
    this.stopped = false;
    this.attempt = 0;
    this.connecting = this.connect();
    try {
      await this.connecting;
    } catch (error) {
      this.stopped = true;
      throw error;
    } finally {
      this.connecting = undefined;
    }
  }

  /** Closes the LISTEN connection and ends every subscription. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.connecting?.catch(() => undefined);
    for (const stop of [...this.subscriberStops]) stop();
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => undefined);
  }

  /** Calls `listener` for every event received; returns the function that detaches it. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Called after the LISTEN connection came back from a drop: events sent
   * meanwhile were lost, so re-read what matters. Returns a detach function.
   */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => {
      this.reconnectListeners.delete(listener);
    };
  }

  /**
   * The events of `options.topic` that pass `filter` from now on (committed
   * after this call), as an async iterator with a bounded buffer (see the top
   * of this file). Its `return()` (a client unsubscribing) detaches it at
   * once; `stop()` ends it.
   */
  subscribe(
    filter?: HubEventFilter,
    options: SubscribeOptions = {},
  ): AsyncIterableIterator<HubEvent> {
    // A plain async iterator over the LagBuffer (no repeater: a delivery is
    // one hand-over, paid once per subscriber per event). It attaches on the
    // first next(), like a generator, and detaches on return(), on stop(),
    // or when it falls too far behind.
    const buffer = new LagBuffer(this.options.bufferSize ?? 100);
    let state: 'new' | 'open' | 'closed' = 'new';
    /** next() calls waiting for an event (one, from graphql-ws). */
    const waiters: {
      resolve: (result: IteratorResult<HubEvent>) => void;
      reject: (error: unknown) => void;
    }[] = [];
    /** An error the next next() rejects with (the subscription ended with it). */
    let failure: { error: unknown } | undefined;
    let detach: (() => void) | undefined;
    const close = (error?: unknown) => {
      if (state === 'closed') return;
      state = 'closed';
      detach?.();
      this.subscriberStops.delete(close);
      if (buffer.dropped) this.log.debug({ dropped: buffer.dropped }, 'subscriber lagged');
      const pending = waiters.splice(0);
      if (error !== undefined && pending.length === 0) failure = { error };
      for (const [i, waiter] of pending.entries()) {
        if (error !== undefined && i === 0) waiter.reject(error);
        else waiter.resolve({ done: true, value: undefined });
      }
    };
    const subscriber: Subscriber = {
      live: false,
      deliver: (event) => {
        if (state !== 'open') return;
        try {
          if (filter && !filter(event)) return;
        } catch (error) {
          this.log.error({ err: error }, 'subscription filter failed');
          return;
        }
        const waiter = waiters.shift();
        if (waiter) {
          waiter.resolve({ done: false, value: event });
          return;
        }
        const droppedBefore = buffer.dropped;
        const kept = buffer.add(event);
        this.stats.dropped += buffer.dropped - droppedBefore;
        if (!kept) {
          this.log.warn({ waiting: buffer.length }, 'subscriber too slow; dropping it');
          if (options.onOverflow) {
            options.onOverflow();
            close();
          } else {
            close(new SubscriberOverflowError());
          }
        }
      },
    };
    const iterator: AsyncIterableIterator<HubEvent> = {
      next: () => {
        if (state === 'new') {
          state = 'open';
          this.subscriberStops.add(close);
          detach = this.attach(options.topic ?? '*', subscriber);
        }
        if (failure) {
          const { error } = failure;
          failure = undefined;
          return Promise.reject(error);
        }
        if (state === 'closed') return Promise.resolve({ done: true, value: undefined });
        const event = buffer.shift();
        if (event !== undefined) return Promise.resolve({ done: false, value: event });
        return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
      },
      return: () => {
        close();
        return Promise.resolve({ done: true, value: undefined });
      },
      throw: (error: unknown) => {
        close();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Registers a subscriber under its topic; it goes live after the next barrier. */
  private attach(topic: HubTopic | '*', subscriber: Subscriber): () => void {
    let set = this.subscribers.get(topic);
    if (!set) this.subscribers.set(topic, (set = new Set()));
    set.add(subscriber);
    this.waiting.push(subscriber);
    void this.barrier();
    return () => {
      if (subscriber.live) this.liveSubscribers -= 1;
      subscriber.live = false;
      set.delete(subscriber);
      if (set.size === 0 && this.subscribers.get(topic) === set) this.subscribers.delete(topic);
    };
  }

  /**
   * Makes the waiting subscribers live once Postgres has sent this process
   * every notification committed before they subscribed: a query on the
   * LISTEN connection returns only after the notifications pending for it.
   * One query serves every subscriber that was waiting when it was sent.
   */
  private async barrier(): Promise<void> {
    if (this.barrierRunning) return;
    this.barrierRunning = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        const client = this.client;
        if (client) {
          // Down or failing: events are being lost anyway; go live at once.
          await client.query('select 1').catch(() => undefined);
        }
        for (const subscriber of batch) {
          if (subscriber.live) continue;
          subscriber.live = true;
          this.liveSubscribers += 1;
        }
      }
    } finally {
      this.barrierRunning = false;
    }
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: this.options.applicationName ?? 'tributary-listen',
      // Notice a dead peer (no FIN, e.g. a network cut) within about a minute.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('notification', (message) => {
      if (message.channel === EVENTS_CHANNEL) this.dispatch(message.payload);
    });
    client.on('error', (error) => {
      if (client === this.client) this.log.warn({ err: error }, 'LISTEN connection failed');
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      // The channel is a constant identifier, not input.
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.attempt = 0;
  }

  private lost(client: pg.Client): void {
    if (client !== this.client) return;
    this.client = undefined;
    if (this.stopped) return;
    this.log.warn('LISTEN connection lost; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return;
    const initial = this.options.reconnectInitialDelayMs ?? 250;
    const max = this.options.reconnectMaxDelayMs ?? 10_000;
    const base = Math.min(max, initial * 2 ** this.attempt);
    // Jitter, so that replicas do not all knock at the same instant.
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.stopped) return;
      const attempt = this.attempt;
      this.connecting = this.connect();
      this.connecting
        .then(() => {
          if (this.stopped) return;
          this.log.info({ attempt }, 'LISTEN connection re-established');
          for (const listener of this.reconnectListeners) {
            try {
              listener();
            } catch (error) {
              this.log.error({ err: error }, 'reconnect listener failed');
            }
          }
        })
        .catch((error: unknown) => {
          this.log.warn({ err: error, attempt, waitedMs: delay }, 'LISTEN reconnect failed');
          this.scheduleReconnect();
        })
        .finally(() => {
          this.connecting = undefined;
        });
    }, delay);
    // Retrying alone must not keep a process alive that has nothing else to do.
    this.retryTimer.unref();
  }

  private dispatch(payload: string | undefined): void {
    const event = decodeEvent(payload);
    if (!event) {
      this.log.debug('ignored a notification this version does not know');
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.log.error({ err: error, type: event.type }, 'event listener failed');
      }
    }
    // Only the subscribers of the event's topics, and only those already live.
    const topics: (HubTopic | '*')[] = ['*', ...topicsOf(event)];
    for (const topic of topics) {
      const set = this.subscribers.get(topic);
      if (!set) continue;
      for (const subscriber of set) {
        if (!subscriber.live) continue;
        try {
          subscriber.deliver(event);
        } catch (error) {
          this.log.error({ err: error, type: event.type }, 'event subscriber failed');
        }
      }
    }
  }
}
