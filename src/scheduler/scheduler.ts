import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Cron } from 'croner';
import type { Knex } from 'knex';
import type { Logger } from '../logger';
import { ConnectorModel } from '../models/connector.model';
import type { HubEvent, HubEventSource, Publisher } from '../pubsub/events';
import { enqueueRun, type RunHub } from '../runs/store';
import { isScheduled, nextRunAt, wholeSecond, type ScheduledConnector } from './next-run';

/**
 * What the scheduler needs from the process's notifier (PgNotifier): publish
 * to every process, and hear what every process publishes.
 */
export type SchedulerEventBus = Publisher & Pick<HubEventSource, 'listen' | 'onReconnect'>;

export interface SchedulerDeps {
  db: Knex;
  logger: Logger;
  /** Without it the job set follows the database only through the periodic resync. */
  events?: SchedulerEventBus;
  /** Full resync of the job set, a safety net behind the connector events. Default 30 s. */
  resyncMs?: number;
  instanceId?: string;
}

export interface SchedulerState {
  running: boolean;
  /** This process's identity; several may share one database. */
  instanceId: string;
  /** When it was last started; null while stopped. */
  startedAt: Date | null;
}

export interface RunQueueCounts {
  running: number;
  queued: number;
}

export interface UpcomingTick {
  connectorId: number;
  at: Date;
}

/** Why a tick queued nothing, or the run it queued. */
export type TickOutcome =
  | { kind: 'queued'; runId: number }
  | { kind: 'taken'; reason: 'already queued by another instance' }
  | { kind: 'skipped'; reason: 'previous run still active'; activeRunId: number | null }
  | { kind: 'stale'; reason: 'schedule changed, paused or deleted' };

interface Job {
  cron: Cron;
  expression: string;
  timezone: string;
}

/** hostname-pid-random: unique per process, readable in logs. */
export function makeInstanceId(): string {
  return `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/**
 * The in-process cron scheduler: one croner job per scheduled connector,
 * evaluated in the connector's time zone. A tick only inserts a QUEUED
 * SCHEDULED run keyed by (connector, scheduled_for); workers execute it.
 * Every replica fires every tick and the unique key lets exactly one insert
 * win; the partial unique index on active runs skips a tick while the
 * connector's previous run is still QUEUED or RUNNING.
 */
export class Scheduler {
  readonly instanceId: string;
  private readonly db: Knex;
  private readonly logger: Logger;
  private readonly events?: SchedulerEventBus;
  private readonly resyncMs: number;

  private running = false;
  private startedAt: Date | null = null;
  private readonly jobs = new Map<number, Job>();
  private resyncTimer?: NodeJS.Timeout;
  private detach: (() => void)[] = [];
  /** Job-set changes run one at a time, in order, so a stale read never wins. */
  private chain: Promise<void> = Promise.resolve();
  private readonly pendingReloads = new Set<number>();
  private reloadQueued = false;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(deps: SchedulerDeps) {
    this.db = deps.db;
    this.events = deps.events;
    this.resyncMs = deps.resyncMs ?? 30_000;
    this.instanceId = deps.instanceId ?? makeInstanceId();
    this.logger = deps.logger.child({ source: 'scheduler', instanceId: this.instanceId });
  }

  status(): SchedulerState {
    return { running: this.running, instanceId: this.instanceId, startedAt: this.startedAt };
  }

  /** Connector ids this process holds a cron job for (tests and diagnostics). */
  scheduledConnectorIds(): number[] {
    return [...this.jobs.keys()].sort((a, b) => a - b);
  }

  /** Starts firing; a no-op when already running. */
  async start(): Promise<SchedulerState> {
    if (this.running) return this.status();
    this.running = true;
    this.startedAt = new Date();
    this.listen();
    this.resyncTimer = setInterval(() => void this.resync(), this.resyncMs);
    this.resyncTimer.unref();
    await this.resync();
    this.logger.info({ jobs: this.jobs.size }, 'scheduler started');
    await this.publish({ type: 'scheduler', instanceId: this.instanceId, at: iso() });
    return this.status();
  }

  /** Stops firing and waits for ticks in flight; a no-op when already stopped. */
  async stop(): Promise<SchedulerState> {
    if (!this.running) return this.status();
    this.running = false;
    this.startedAt = null;
    clearInterval(this.resyncTimer);
    this.resyncTimer = undefined;
    for (const job of this.jobs.values()) job.cron.stop();
    this.jobs.clear();
    this.pendingReloads.clear();
    for (const detach of this.detach.splice(0)) detach();
    await Promise.allSettled([...this.inflight]);
    await this.chain;
    this.logger.info('scheduler stopped');
    await this.publish({ type: 'scheduler', instanceId: this.instanceId, at: iso() });
    return this.status();
  }

  /** Re-reads one connector's schedule now (the connector events call this). */
  reload(connectorId: number): Promise<void> {
    this.pendingReloads.add(connectorId);
    if (this.reloadQueued) return this.chain;
    this.reloadQueued = true;
    return this.serial(async () => {
      this.reloadQueued = false;
      const ids = [...this.pendingReloads];
      this.pendingReloads.clear();
      if (ids.length) await this.reconcile(ids);
    });
  }

  /** Re-reads every connector's schedule. */
  resync(): Promise<void> {
    return this.serial(() => this.reconcile('all'));
  }

  /** RUNNING and QUEUED runs across the database (every replica). */
  async runCounts(): Promise<RunQueueCounts> {
    const row = (await this.db('runs')
      .whereIn('status', ['QUEUED', 'RUNNING'])
      .first(
        this.db.raw(`count(*) FILTER (WHERE status = 'RUNNING')::int AS running`),
        this.db.raw(`count(*) FILTER (WHERE status = 'QUEUED')::int AS queued`),
      )) as RunQueueCounts | undefined;
    return { running: row?.running ?? 0, queued: row?.queued ?? 0 };
  }

  /**
   * The next fire time of each scheduled connector, soonest first, from the
   * database: what whichever replica fires it will do, whether or not this
   * process's scheduler is running.
   */
  async upcoming(first: number, from = new Date()): Promise<UpcomingTick[]> {
    if (first <= 0) return [];
    const rows = await ConnectorModel.query(this.db)
      .select('id', 'kind', 'status', 'scheduleEnabled', 'scheduleCron', 'scheduleTimezone')
      .where('scheduleEnabled', true)
      .whereNotNull('scheduleCron')
      .whereNot('status', 'PAUSED');
    const ticks: UpcomingTick[] = [];
    for (const row of rows) {
      const at = nextRunAt(row, from);
      if (at) ticks.push({ connectorId: row.id, at });
    }
    ticks.sort((a, b) => a.at.getTime() - b.at.getTime() || a.connectorId - b.connectorId);
    return ticks.slice(0, first);
  }

  /**
   * Queues the run of one tick: a SCHEDULED run, QUEUED, for `scheduledFor`,
   * unless another replica already queued this tick, the connector's previous
   * run is still active, or the connector's schedule is no longer the job's.
   */
  async enqueue(
    connectorId: number,
    schedule: { expression: string; timezone: string },
    scheduledFor: Date,
  ): Promise<TickOutcome> {
    const outcome = await this.db.transaction(async (trx) => {
      // The schedule still the job's: a connector paused, deleted or rescheduled since
      // the job was made queues nothing (FOR SHARE: not while it is being changed).
      const live = await trx('connectors')
        .where({
          id: connectorId,
          scheduleEnabled: true,
          scheduleCron: schedule.expression,
          scheduleTimezone: schedule.timezone,
        })
        .whereNot('status', 'PAUSED')
        .forShare()
        .first('id');
      if (!live) return 'stale' as const;
      return enqueueRun(trx, this.hub, {
        connectorId,
        type: 'SCHEDULED',
        triggeredBy: 'scheduler',
        scheduledFor,
      });
    });
    if (outcome === 'stale')
      return { kind: 'stale', reason: 'schedule changed, paused or deleted' };
    if (outcome === 'tick-taken') {
      return { kind: 'taken', reason: 'already queued by another instance' };
    }
    if (outcome === 'active') return this.activeRunOutcome(connectorId, scheduledFor);
    return { kind: 'queued', runId: outcome.id };
  }

  private get hub(): RunHub {
    return { logger: this.logger, publisher: this.events };
  }

  // ------------------------------------------------------------------ internals

  /**
   * The partial unique index refused the insert. Usually the previous run is
   * still active; rarely another replica's insert of this same tick raced ours
   * and tripped that index first.
   */
  private async activeRunOutcome(connectorId: number, scheduledFor: Date): Promise<TickOutcome> {
    const [same, active] = await Promise.all([
      this.db('runs').where({ connectorId, scheduledFor }).first('id'),
      this.db('runs')
        .where({ connectorId })
        .whereIn('status', ['QUEUED', 'RUNNING'])
        .whereNot('type', 'TEST')
        // The run the one-active-sync index kept out: a reconciliation never blocks a tick.
        .where('jobKind', 'SYNC')
        .first('id'),
    ]);
    if (same) return { kind: 'taken', reason: 'already queued by another instance' };
    return {
      kind: 'skipped',
      reason: 'previous run still active',
      activeRunId: (active as { id: number } | undefined)?.id ?? null,
    };
  }

  private onTick(connectorId: number, job: Job): void {
    if (!this.running || this.jobs.get(connectorId) !== job) return;
    const scheduledFor = scheduledTimeOf(job.cron, Date.now());
    this.track(this.runTick(connectorId, job, scheduledFor));
  }

  private async runTick(connectorId: number, job: Job, scheduledFor: Date): Promise<void> {
    const log = { connectorId, scheduledFor: scheduledFor.toISOString() };
    let outcome: TickOutcome;
    try {
      outcome = await this.enqueue(connectorId, job, scheduledFor);
    } catch (error) {
      this.logger.error({ ...log, err: error }, 'scheduled tick failed');
      return;
    }
    switch (outcome.kind) {
      case 'queued':
        // The runs store published run-queued and the run's event with the commit.
        this.logger.info({ ...log, runId: outcome.runId }, 'scheduled run queued');
        await this.publish({ type: 'connector', connectorId, deleted: false, at: iso() });
        break;
      case 'taken':
        this.logger.debug(log, 'tick already queued by another instance');
        break;
      case 'skipped':
        this.logger.info(
          { ...log, activeRunId: outcome.activeRunId },
          'tick skipped: previous run still active',
        );
        break;
      case 'stale':
        this.logger.debug(log, 'tick dropped: schedule changed; reloading the job');
        void this.reload(connectorId);
        break;
    }
  }

  /** Brings the job set in line with the database, for some connectors or all. */
  private async reconcile(ids: number[] | 'all'): Promise<void> {
    if (!this.running) return;
    const query = ConnectorModel.query(this.db).select(
      'id',
      'kind',
      'status',
      'scheduleEnabled',
      'scheduleCron',
      'scheduleTimezone',
    );
    if (ids === 'all') {
      query
        .where('scheduleEnabled', true)
        .whereNotNull('scheduleCron')
        .whereNot('status', 'PAUSED');
    } else {
      query.whereIn('id', ids);
    }
    const rows = await query;
    if (!this.running) return; // stopped while reading
    const wanted = new Map(rows.filter(isScheduled).map((row) => [row.id, row]));
    const considered = ids === 'all' ? new Set([...this.jobs.keys(), ...wanted.keys()]) : ids;
    for (const id of considered) this.apply(id, wanted.get(id));
  }

  private apply(connectorId: number, row: (ScheduledConnector & { id: number }) | undefined) {
    const current = this.jobs.get(connectorId);
    if (!row || !row.scheduleCron) {
      if (!current) return;
      current.cron.stop();
      this.jobs.delete(connectorId);
      this.logger.info({ connectorId }, 'schedule removed');
      return;
    }
    const expression = row.scheduleCron;
    const timezone = row.scheduleTimezone;
    if (current && current.expression === expression && current.timezone === timezone) return;
    current?.cron.stop();
    this.jobs.delete(connectorId);
    try {
      const job: Job = { cron: undefined as unknown as Cron, expression, timezone };
      job.cron = new Cron(expression, { timezone, unref: true }, () =>
        this.onTick(connectorId, job),
      );
      this.jobs.set(connectorId, job);
      this.logger.info(
        { connectorId, cron: expression, timezone, nextRunAt: job.cron.nextRun()?.toISOString() },
        current ? 'schedule changed' : 'schedule added',
      );
    } catch (error) {
      // Validated on write; should croner refuse it now, the connector just does not run.
      this.logger.warn({ connectorId, cron: expression, timezone, err: error }, 'bad schedule');
    }
  }

  /**
   * Connector events (create, update, pause, resume, delete, run queued),
   * from whichever process: reload that connector's job at once. After the
   * LISTEN connection comes back, events may have been missed: resync.
   */
  private listen(): void {
    if (!this.events) return;
    this.detach.push(
      this.events.listen((event) => {
        if (this.running && event.type === 'connector') void this.reload(event.connectorId);
      }),
      this.events.onReconnect(() => {
        if (this.running) void this.resync();
      }),
    );
  }

  private serial(task: () => Promise<void>): Promise<void> {
    const next = this.chain.then(task).catch((error: unknown) => {
      this.logger.error({ err: error }, 'scheduler resync failed');
    });
    this.chain = next;
    return next;
  }

  private track(promise: Promise<void>): void {
    this.inflight.add(promise);
    void promise.finally(() => this.inflight.delete(promise));
  }

  private async publish(event: HubEvent): Promise<void> {
    if (!this.events) return;
    try {
      await this.events.publish(this.db, event);
    } catch (error) {
      this.logger.warn({ err: error, event: event.type }, 'could not publish');
    }
  }
}

/**
 * The scheduled time of the tick firing at `firedAt`: the latest time the
 * cron matches at or before it, in whole seconds, so every replica computes
 * the same value whatever its timer's jitter.
 */
export function scheduledTimeOf(cron: Cron, firedAt: number): Date {
  const second = wholeSecond(firedAt);
  const previous = cron.previousRuns(1, new Date(second.getTime() + 1000))[0];
  return previous ? wholeSecond(previous) : second;
}

function iso(): string {
  return new Date().toISOString();
}
