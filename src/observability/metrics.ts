import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { HubEvent, Publisher, PublishDb } from '../pubsub/events';

/** What the metrics read from the rest of the process at scrape time. */
export interface MetricSources {
  db: Knex;
  /** NOTIFY events sent and dropped for slow subscribers, subscriptions open. */
  notifier?: { stats: { published: number; dropped: number }; subscriptionCount: number };
}

const TERMINAL = new Set(['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED', 'CANCELLED']);

/** Operation names a client chooses; past this many distinct ones they count as "other". */
const MAX_OPERATION_NAMES = 200;

/** Routes as the HTTP counter labels them (a bounded set, whatever the path). */
function routeOf(path: string): string {
  for (const prefix of [
    '/graphql',
    '/graphiql',
    '/healthz',
    '/readyz',
    '/metrics',
    '/verify',
    '/credentials',
    '/webhooks',
  ]) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return prefix;
  }
  return path.startsWith('/assets/') || path === '/' ? 'dashboard' : 'other';
}

/**
 * The hub's Prometheus metrics (prom-client), in a registry of their own.
 * Counters that live in the database (runs, records, skip reasons, the
 * queue) are read from it at scrape time, so every replica reports the same
 * totals; what is per process (active runs, pool, HTTP, GraphQL, NOTIFY) is
 * counted here.
 */
export class HubMetrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();
  private readonly httpRequests: Counter<'route' | 'status'>;
  private readonly graphqlDuration: Histogram<'operation' | 'outcome'>;
  private readonly runDuration: Histogram<'status'>;
  /** Runs this process is executing now (the worker's count, set once it exists). */
  activeRuns: () => number = () => 0;
  /** The GraphQL response cache's hits and misses (set by the app when the cache is on). */
  responseCacheStats: () => { hits: number; misses: number } | undefined = () => undefined;

  constructor(private readonly sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Counter({
      name: 'tributary_http_requests_total',
      help: 'HTTP requests answered, by route and status code.',
      labelNames: ['route', 'status'],
      registers,
    });
    this.graphqlDuration = new Histogram({
      name: 'tributary_graphql_operation_duration_seconds',
      help: 'GraphQL operations by operation name and outcome (ok, error).',
      labelNames: ['operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.runDuration = new Histogram({
      name: 'tributary_run_duration_seconds',
      help: 'Runs this process executed, from start to end, by final status.',
      labelNames: ['status'],
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600],
      registers,
    });
    this.databaseGauges(registers);
    this.processGauges(registers);
  }

  private databaseGauges(registers: Registry[]): void {
    const { db } = this.sources;
    new Gauge({
      name: 'tributary_runs',
      help: 'Runs on record, by connector kind and status.',
      labelNames: ['kind', 'status'],
      registers,
      async collect() {
        const rows = (await db('runs')
          .join('connectors', 'connectors.id', 'runs.connectorId')
          .groupBy('connectors.kind', 'runs.status')
          .select('connectors.kind as kind', 'runs.status as status')
          .count('* as n')) as { kind: string; status: string; n: number }[];
        this.reset();
        for (const row of rows) this.set({ kind: row.kind, status: row.status }, Number(row.n));
      },
    });
    new Gauge({
      name: 'tributary_records',
      help: 'Records runs have handled, by outcome (fetched, created, updated, skipped, failed).',
      labelNames: ['outcome'],
      registers,
      async collect() {
        // Syncs' records: a reconciliation's counters are its matches and exceptions.
        const [row] = (await db('runs')
          .where('jobKind', 'SYNC')
          .select(
            db.raw('coalesce(sum(records_fetched), 0)::bigint as fetched'),
            db.raw('coalesce(sum(records_created), 0)::bigint as created'),
            db.raw('coalesce(sum(records_updated), 0)::bigint as updated'),
            db.raw('coalesce(sum(records_skipped), 0)::bigint as skipped'),
            db.raw('coalesce(sum(records_failed), 0)::bigint as failed'),
          )) as Record<string, number>[];
        for (const [outcome, value] of Object.entries(row)) this.set({ outcome }, Number(value));
      },
    });
    new Gauge({
      name: 'tributary_skipped_records',
      help: 'Records skipped, by reason.',
      labelNames: ['reason'],
      registers,
      async collect() {
        const rows = (await db('skippedRecords')
          .groupBy('reason')
          .select('reason')
          .count('* as n')) as { reason: string; n: number }[];
        this.reset();
        for (const row of rows) this.set({ reason: row.reason }, Number(row.n));
      },
    });
    const queueAge = new Gauge({
      name: 'tributary_run_queue_oldest_age_seconds',
      help: 'How long the oldest QUEUED run has waited (0 when none waits).',
      registers,
    });
    new Gauge({
      name: 'tributary_run_queue_depth',
      help: 'Runs QUEUED and not yet claimed by a worker.',
      registers,
      async collect() {
        const [row] = (await db('runs')
          .where('status', 'QUEUED')
          .select(
            db.raw('count(*)::int as depth'),
            db.raw('coalesce(extract(epoch from now() - min(created_at)), 0)::float as age'),
          )) as { depth: number; age: number }[];
        this.set(row.depth);
        queueAge.set(row.age);
      },
    });
    new Gauge({
      name: 'tributary_scheduler_tick_lag_seconds',
      help: 'Longest delay between a cron tick and its run being queued, over the last 10 minutes.',
      registers,
      async collect() {
        const [row] = (await db('runs')
          .where('type', 'SCHEDULED')
          .whereNotNull('scheduledFor')
          .where('createdAt', '>', db.raw("now() - interval '10 minutes'"))
          .select(
            db.raw(
              'coalesce(max(extract(epoch from created_at - scheduled_for)), 0)::float as lag',
            ),
          )) as { lag: number }[];
        this.set(Math.max(0, row.lag));
      },
    });
  }

  private processGauges(registers: Registry[]): void {
    const { db, notifier } = this.sources;
    const activeRuns = () => this.activeRuns();
    new Gauge({
      name: 'tributary_runs_active',
      help: 'Runs this process is executing now.',
      registers,
      collect() {
        this.set(activeRuns());
      },
    });
    new Gauge({
      name: 'tributary_subscriptions_open',
      help: 'GraphQL subscriptions this process is serving.',
      registers,
      collect() {
        this.set(notifier?.subscriptionCount ?? 0);
      },
    });
    const cacheStats = () => this.responseCacheStats();
    new Counter({
      name: 'tributary_graphql_response_cache_total',
      help: 'Cacheable GraphQL queries this process answered, by result: hit (from the response cache) or miss (executed). Absent with GRAPHQL_RESPONSE_CACHE=false.',
      labelNames: ['result'],
      registers,
      collect() {
        this.reset();
        const stats = cacheStats();
        if (!stats) return;
        this.inc({ result: 'hit' }, stats.hits);
        this.inc({ result: 'miss' }, stats.misses);
      },
    });
    new Counter({
      name: 'tributary_notify_events_published_total',
      help: 'Events this process sent with NOTIFY.',
      registers,
      collect() {
        this.reset();
        this.inc(notifier?.stats.published ?? 0);
      },
    });
    new Counter({
      name: 'tributary_notify_events_dropped_total',
      help: 'Progress events dropped for subscribers too slow to read them.',
      registers,
      collect() {
        this.reset();
        this.inc(notifier?.stats.dropped ?? 0);
      },
    });
    const pool = () =>
      (
        db.client as {
          pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number };
        }
      ).pool;
    new Gauge({
      name: 'tributary_db_pool_connections',
      help: 'Database pool connections, by state (used, free, waiting: requests waiting for one).',
      labelNames: ['state'],
      registers,
      collect() {
        const p = pool();
        this.set({ state: 'used' }, p?.numUsed() ?? 0);
        this.set({ state: 'free' }, p?.numFree() ?? 0);
        this.set({ state: 'waiting' }, p?.numPendingAcquires() ?? 0);
      },
    });
  }

  /** Counts every HTTP answer by route and status (mounted first). */
  readonly httpMiddleware: RequestHandler = (req, res, next) => {
    res.once('finish', () => {
      // originalUrl: under a mounted router req.path is relative to its mount.
      const path = req.originalUrl.split('?')[0];
      this.httpRequests.inc({ route: routeOf(path), status: String(res.statusCode) });
    });
    next();
  };

  /** Times a GraphQL operation (ms) under its name, bounded to MAX_OPERATION_NAMES names. */
  observeOperation(name: string | null | undefined, ok: boolean, ms: number): void {
    let operation = name || 'anonymous';
    if (!this.operationNames.has(operation)) {
      if (this.operationNames.size >= MAX_OPERATION_NAMES) operation = 'other';
      else this.operationNames.add(operation);
    }
    this.graphqlDuration.observe({ operation, outcome: ok ? 'ok' : 'error' }, ms / 1000);
  }

  /**
   * The publisher the run executor uses, seeing its events as they go out:
   * a run this process executed that ends is timed once, here, whatever
   * replica serves the scrape.
   */
  watchRuns(publisher: Publisher | undefined): Publisher | undefined {
    if (!publisher) return undefined;
    return {
      publish: async (db: PublishDb, event: HubEvent) => {
        await publisher.publish(db, event);
        if (
          event.type === 'run' &&
          event.statusChanged &&
          TERMINAL.has(event.status) &&
          event.startedAt
        ) {
          const seconds = (Date.parse(event.at) - Date.parse(event.startedAt)) / 1000;
          if (seconds >= 0) this.runDuration.observe({ status: event.status }, seconds);
        }
      },
    };
  }

  /** Apollo plugin: every operation's duration by name and outcome. */
  graphqlPlugin(): ApolloServerPlugin<object> {
    return {
      requestDidStart: async () => {
        const started = performance.now();
        return {
          willSendResponse: async ({ operationName, errors, response }) => {
            const failed =
              (errors?.length ?? 0) > 0 ||
              (response.body.kind === 'single' &&
                (response.body.singleResult.errors?.length ?? 0) > 0);
            this.observeOperation(operationName, !failed, performance.now() - started);
          },
        };
      },
    };
  }

  /** GET /metrics: 404 without a token configured, 401 without the right bearer. */
  route(token: string | undefined, checkToken: (given: unknown) => boolean): RequestHandler {
    return async (req, res, next) => {
      if (!token) {
        res.status(404).type('text/plain').send('metrics are off (METRICS_TOKEN is unset)\n');
        return;
      }
      if (!checkToken(req.headers.authorization)) {
        res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('unauthorized\n');
        return;
      }
      try {
        const body = await this.registry.metrics();
        res.type(this.registry.contentType).send(body);
      } catch (error) {
        next(error);
      }
    };
  }
}
