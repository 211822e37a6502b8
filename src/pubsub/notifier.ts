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
 * Fan-out: every subscriber (a GraphQL subscription) gets its own bounded
 * buffer (`bufferSize`, default 100 events). When a slow client lets it fill,
 * the oldest progress events are dropped first: preferably one superseded by
 * a newer event of the same run, else the oldest progress event. Status
 * changes (run events with `statusChanged`), connector, queue and scheduler
 * events are never dropped; if such events alone pile up past four times
 * `bufferSize`, the subscriber is ended with an error (its client can
 * resubscribe and reload) rather than holding memory without bound.
 */
import { Repeater } from '@repeaterjs/repeater';
import pg from 'pg';
import type { Logger } from '../logger';
import {
  EVENTS_CHANNEL,
  type HubEvent,
  type HubEventFilter,
  type HubEventSource,
  type Publisher,
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
  /** Progress events dropped so far. */
  dropped = 0;

  constructor(
    readonly capacity: number,
    readonly hardLimit = capacity * 4,
  ) {
    if (!(capacity >= 1)) throw new Error('LagBuffer: capacity must be at least 1');
  }

  get length(): number {
    return this.queue.length;
  }

  /** Adds an event; false when undroppable events alone overflow the hard limit. */
  add(event: HubEvent): boolean {
    this.queue.push(event);
    if (this.queue.length > this.capacity) {
      const index = this.victim();
      if (index >= 0) {
        this.queue.splice(index, 1);
        this.dropped += 1;
      }
    }
    return this.queue.length <= this.hardLimit;
  }

  shift(): HubEvent | undefined {
    return this.queue.shift();
  }

  /** The oldest progress event superseded by a later event of its run, else the oldest progress event. */
  private victim(): number {
    let oldest = -1;
    let superseded = -1;
    const seenRuns = new Set<number>();
    // Walk newest to oldest: a progress event of a run already seen is superseded.
    for (let i = this.queue.length - 1; i >= 0; i -= 1) {
      const event = this.queue[i];
      if (event.type !== 'run') continue;
      if (isProgress(event)) {
        oldest = i;
        if (seenRuns.has(event.runId)) superseded = i;
      }
      seenRuns.add(event.runId);
    }
    return superseded >= 0 ? superseded : oldest;
  }
}

export class SubscriberOverflowError extends Error {
  constructor() {
    super('this subscription fell too far behind and was ended; subscribe again');
    this.name = 'SubscriberOverflowError';
  }
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

/** Publishes with NOTIFY and fans LISTENed events out to in-process subscribers. */
export class PgNotifier implements Publisher, HubEventSource {
  private readonly log: Logger;
  private readonly listeners = new Set<Listener>();
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

  /** Subscribers and listeners currently attached (tests wait on it). */
  get subscriberCount(): number {
    return this.listeners.size;
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
   * The events that pass `filter` from now on, as an async iterator with a
   * bounded buffer (see the top of this file). Its `return()` (a client
   * unsubscribing) detaches it at once; `stop()` ends it.
   */
  subscribe(filter?: HubEventFilter): AsyncIterableIterator<HubEvent> {
    const capacity = this.options.bufferSize ?? 100;
    // The repeater takes care of the iterator protocol (next/return/throw and
    // cleanup); it gets no buffer of its own, so at most one event waits in
    // it and the rest wait in the LagBuffer with its drop policy.
    return new Repeater<HubEvent>(async (push, stop) => {
      const buffer = new LagBuffer(capacity);
      let wake: (() => void) | undefined;
      const end = (error?: unknown) => {
        stop(error);
        wake?.();
      };
      this.subscriberStops.add(end);
      const detach = this.listen((event) => {
        try {
          if (filter && !filter(event)) return;
        } catch (error) {
          this.log.error({ err: error }, 'subscription filter failed');
          return;
        }
        const droppedBefore = buffer.dropped;
        const kept = buffer.add(event);
        this.stats.dropped += buffer.dropped - droppedBefore;
        if (!kept) {
          this.log.warn({ waiting: buffer.length }, 'subscriber overflowed; ending it');
          end(new SubscriberOverflowError());
          return;
        }
        wake?.();
      });
      let done = false;
      void stop.then(() => {
        done = true;
        wake?.();
      });
      try {
        while (!done) {
          const event = buffer.shift();
          if (event === undefined) {
            await new Promise<void>((resolve) => (wake = resolve));
            wake = undefined;
            continue;
          }
          // Resolves when the consumer asks for the next event (or it stopped).
          await Promise.race([push(event), stop]);
        }
      } finally {
        detach();
        this.subscriberStops.delete(end);
        if (buffer.dropped) this.log.debug({ dropped: buffer.dropped }, 'subscriber lagged');
      }
    });
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
  }
}
