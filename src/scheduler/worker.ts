/**
 * The worker loop: claims QUEUED runs of the job kinds it has a handler for
 * (through the runs store: FOR UPDATE SKIP LOCKED, so several processes on
 * one database never take the same run), executes up to `concurrency` at
 * once, and reaps runs whose process died.
 */
import type { Knex } from 'knex';
import type { Logger } from '../logger';
import type { JobKind, RunModel } from '../models/run.model';
import type { HubEventSource, Publisher } from '../pubsub/events';
import { claimRun, reapRuns, type RunHub } from '../runs/store';

/** Executes one claimed run to its end; never throws. `shutdown` aborts it. */
export type JobHandler = (run: RunModel, shutdown: AbortSignal) => Promise<void>;

export interface WorkerOptions {
  db: Knex;
  logger: Logger;
  /** What this process does with each kind of job it claims (SYNC: the sync engine). */
  handlers: Partial<Record<JobKind, JobHandler>>;
  instanceId: string;
  publisher?: Publisher;
  /** When given, a run queued in any process wakes this worker at once. */
  events?: HubEventSource;
  /** Runs executed at once by this process [4]. */
  concurrency?: number;
  /** How often to look for queued runs when nothing wakes the worker [1000]. */
  pollMs?: number;
  /** A RUNNING run whose heartbeat is older than this is interrupted [60000]. */
  staleAfterMs?: number;
  /** How often to look for interrupted runs [15000]. */
  reapEveryMs?: number;
  /**
   * Called in this process after a handler ended a run it claimed (once per
   * run, whatever the number of processes), e.g. to queue follow-up work;
   * its errors are logged.
   */
  afterRun?: (run: RunModel) => Promise<void>;
  /**
   * Clean-up of what ended runs leave behind (an unconsumed push), on every
   * reap tick after the reaping; returns how many rows went. Errors are logged.
   */
  housekeeping?: () => Promise<number>;
}

export class Worker {
  private readonly active = new Set<Promise<void>>();
  private pollTimer?: NodeJS.Timeout;
  private reapTimer?: NodeJS.Timeout;
  private running = false;
  private claiming = false;
  private detach?: () => void;
  /** Aborted when stop() gives up waiting: runs still going end as interrupted. */
  private shutdown = new AbortController();

  constructor(private readonly options: WorkerOptions) {}

  get activeCount(): number {
    return this.active.size;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.shutdown.signal.aborted) this.shutdown = new AbortController();
    this.detach = this.options.events?.listen((event) => {
      if (event.type === 'run-queued') this.wake();
    });
    this.pollTimer = setInterval(() => this.wake(), this.options.pollMs ?? 1_000);
    this.reapTimer = setInterval(() => void this.reapSafely(), this.options.reapEveryMs ?? 15_000);
    void this.reapSafely();
    this.wake();
  }

  /**
   * Stops claiming and waits up to `graceMs` for the runs in flight to end;
   * the ones still going are then aborted and recorded as interrupted (if
   * the database is still reachable; otherwise any live process reaps them
   * once their heartbeat is stale). Either way the next run resumes from the
   * last checkpoint.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.running = false;
    this.detach?.();
    clearInterval(this.pollTimer);
    clearInterval(this.reapTimer);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.active]),
      new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timer);
    if (this.active.size > 0) {
      this.shutdown.abort();
      await Promise.allSettled([...this.active]);
    }
  }

  /** Looks for queued runs now (called when a run-queued event arrives). */
  wake(): void {
    if (!this.running || this.claiming) return;
    this.claiming = true;
    void this.fill()
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'claiming runs failed'))
      .finally(() => {
        this.claiming = false;
      });
  }

  private async fill(): Promise<void> {
    const limit = this.options.concurrency ?? 4;
    while (this.running && this.active.size < limit) {
      const run = await this.claim();
      if (!run) return;
      const handler = this.options.handlers[run.jobKind]!;
      const execution = handler(run, this.shutdown.signal)
        .then(() => this.options.afterRun?.(run))
        .catch((error: unknown) =>
          this.options.logger.error({ err: error, runId: run.id }, 'after-run hook failed'),
        )
        .finally(() => {
          this.active.delete(execution);
          this.wake();
        });
      this.active.add(execution);
    }
  }

  private get hub(): RunHub {
    return { logger: this.options.logger, publisher: this.options.publisher };
  }

  /** The oldest QUEUED run of a kind this worker handles, now RUNNING and ours. */
  async claim(): Promise<RunModel | undefined> {
    const jobKinds = Object.keys(this.options.handlers) as JobKind[];
    return claimRun(this.options.db, this.hub, { instanceId: this.options.instanceId, jobKinds });
  }

  /** Marks RUNNING runs without a recent heartbeat FAILED ("interrupted"), whichever process ran them. */
  async reap(): Promise<number[]> {
    const staleSeconds = (this.options.staleAfterMs ?? 60_000) / 1000;
    const runs = await reapRuns(this.options.db, this.hub, staleSeconds);
    if (runs.length) {
      this.options.logger.warn({ runs: runs.map((r) => r.id) }, 'interrupted runs marked FAILED');
    }
    return runs.map((run) => run.id);
  }

  /** Runs the housekeeping hook now (a reap tick does too); how many rows went. */
  async housekeep(): Promise<number> {
    const removed = (await this.options.housekeeping?.()) ?? 0;
    if (removed) this.options.logger.info({ removed }, 'removed what ended runs left behind');
    return removed;
  }

  private async reapSafely(): Promise<void> {
    try {
      await this.reap();
    } catch (error) {
      this.options.logger.error({ err: error }, 'reaping interrupted runs failed');
    }
    try {
      await this.housekeep();
    } catch (error) {
      this.options.logger.error({ err: error }, 'housekeeping after runs failed');
    }
  }
}
