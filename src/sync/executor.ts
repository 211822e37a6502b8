/**
 * Executes one claimed run: the single code path for every trigger.
 *
 * connector.fetch(cursor) yields pages; each page is planned (normalize,
 * dedupe, verify) and then written in ONE transaction together with the
 * run's counters and the connector's cursor checkpoint, so a crash loses at
 * most the page in flight and the next run resumes from the checkpoint.
 * Pages are pipelined two deep (see the page loop): a page's records go in
 * while the page before commits, and commits stay in page order.
 */
import type { Knex } from 'knex';
import { isConnectorError } from '../connectors/errors';
import { SealError } from '../security/secret-box';
import { getDefinition } from '../connectors/registry';
import type {
  ConnectorContext,
  ConnectorDefinition,
  ConnectorKind,
  Page,
  PageCommitOutcome,
  StreamDefinition,
  SyncWindow,
} from '../connectors/types';
import type { Logger } from '../logger';
import { ConnectorModel } from '../models/connector.model';
import type { RunModel, RunStatus } from '../models/run.model';
import type { HubEvent, Publisher, RunCounters } from '../pubsub/events';
import type { Secrets } from '../connectors/types';
import { ProgressThrottle } from '../pubsub/throttle';
import { countersOf, runEvent } from '../runs/run-events';
import { appendLog, finishRun, heartbeat, recordProgress, type RunHub } from '../runs/store';
import type { SkippedRecord } from '../pipeline/page-outcome';
import { planPage, sharesKeys, type OpenPipeline, type PlannedPage } from './plan';
import { upsertReferences, writeFailedRecords } from './references';
import { remapStreams } from './remap';
import { withoutNul } from './storable';
import { pushedStreams } from '../inbound/pushed-stream';
import type { Candidate, EngineServices, PipelineRun } from '../pipeline/types';

export interface ExecutorDeps {
  db: Knex;
  logger: Logger;
  loadSecrets(connectorId: number): Promise<Secrets>;
  publisher?: Publisher;
  /** How often a running run proves it is alive and learns of cancellation [5000]. */
  heartbeatMs?: number;
  /** Progress events per run per second [4]; status changes always go out at once. */
  progressPerSecond?: number;
  /** Process-wide services the entity pipelines use, passed through untouched. */
  services?: EngineServices;
  /** The kinds there are [the registry]; a test may bring a kind of its own. */
  definitions?: (kind: ConnectorKind) => ConnectorDefinition;
}

const STORED_RAW_LIMIT = 64 * 1024;

/** Page N-1 lost records page N's plan counted as stored: plan page N again. */
class PlanAgain extends Error {
  override readonly name = 'PlanAgain';
}

type SourcePage = {
  records: Record<string, unknown>[];
  checkpoint?: unknown;
  total?: number | null;
  commit?: Page['commit'];
  write?: Page['write'];
};

/** What every page of one stream of one run shares. */
interface PageContext {
  run: RunModel;
  logger: Logger;
  controller: AbortController;
  /** The run's counters as committed so far. */
  counters: RunCounters;
  /** The sync_state stream the checkpoints go to. */
  stream: string;
  window: SyncWindow | null;
  open: OpenPipeline;
  plan(records: Record<string, unknown>[], pending: Candidate<unknown>[]): Promise<PlannedPage>;
}

interface PageResult {
  cancel: boolean;
  /** Records the page could not store (PROCESSING_FAILED). */
  failed: number;
}

/** A page being written, and the candidates the next page's plan counts as held. */
interface PageWrite {
  /** Its first transaction; rejects with PlanAgain when it had to be planned again. */
  firstAttempt: Promise<PageResult>;
  /** Its final commit (the first attempt, or the one after planning again). */
  done: Promise<PageResult>;
  candidates: Candidate<unknown>[];
  /** The page after it, once started. */
  successor?: PageWrite;
  /** Its first attempt was rolled back: it is being planned again. */
  replanning?: boolean;
}

class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

/** The run is no longer RUNNING in the database: another process reaped it. */
class Reaped extends Error {
  override readonly name = 'Reaped';
}

export class RunExecutor {
  private readonly throttle: ProgressThrottle;

  constructor(private readonly deps: ExecutorDeps) {
    this.throttle = new ProgressThrottle({
      perSecond: deps.progressPerSecond ?? 4,
      onError: (error, runId) => deps.logger.warn({ err: error, runId }, 'progress event not sent'),
    });
  }

  /**
   * Runs a RUNNING run (already claimed by this process) to its end. Never
   * throws. `shutdown` aborts it when the process stops: it then ends FAILED
   * as interrupted, and the next run resumes from its last checkpoint.
   */
  async execute(run: RunModel, shutdown?: AbortSignal): Promise<void> {
    const { db } = this.deps;
    const logger = this.deps.logger.child({ runId: run.id, connectorId: run.connectorId });
    const controller = new AbortController();
    const onShutdown = () => controller.abort('shutdown');
    shutdown?.addEventListener('abort', onShutdown, { once: true });
    const heartbeat = setInterval(() => {
      void this.beat(run.id, controller).catch((error: unknown) =>
        logger.warn({ err: error }, 'heartbeat failed'),
      );
    }, this.deps.heartbeatMs ?? 5_000);
    const counters = countersOf(run);
    // The claim that handed this run over has just published RUNNING.
    this.throttle.statusSent(run.id);
    try {
      const connector = await ConnectorModel.query(db).findById(run.connectorId);
      if (!connector) throw new Error('connector not found');
      if (connector.status === 'PAUSED') {
        await this.finish(run, 'CANCELLED', 'the connector is paused', counters);
        return;
      }
      const definition = (this.deps.definitions ?? getDefinition)(connector.kind);
      // A REMAP run (or its retry) reads the stored raw records instead of the source; a
      // WEBHOOK run (or its retry) the records its request pushed, through the same pipelines.
      const streams = run.remapFilter
        ? remapStreams(definition.streams ?? [], run.remapFilter)
        : ((await pushedStreams(db, run, definition)) ?? definition.streams ?? []);
      if (streams.length === 0) {
        await this.finish(run, 'FAILED', `${connector.kind} connectors cannot sync yet`, counters);
        return;
      }
      await this.setPhase(run, 'AUTHENTICATING', counters);
      const ctx: ConnectorContext<unknown> = {
        config: connector.config,
        authType: connector.authType,
        secrets: await this.deps.loadSecrets(connector.id),
        sourceEntity: connector.sourceEntity,
        timeZone: connector.scheduleTimezone,
        signal: controller.signal,
        logger,
        run: { db, connectorId: connector.id, id: run.id },
      };
      const window: SyncWindow | null =
        run.windowFrom || run.windowTo ? { from: run.windowFrom, to: run.windowTo } : null;
      const pipelineRun: PipelineRun = {
        db,
        connectorId: connector.id,
        runId: run.id,
        sourceEntity: connector.sourceEntity,
        logger,
        signal: controller.signal,
        services: this.deps.services ?? {},
      };
      // Each stream's pipeline, opened once; an after-run step runs once per pipeline.
      const opened: { open: OpenPipeline; wrote: boolean }[] = [];
      await this.setPhase(run, 'FETCHING', counters);
      for (const stream of streams) {
        const bound = stream.pipeline(ctx);
        let entry = opened.find((o) => o.open.pipeline === bound.pipeline);
        if (!entry) {
          const scope: unknown = await bound.pipeline.open(pipelineRun, bound.options);
          entry = { open: { pipeline: bound.pipeline, scope }, wrote: false };
          opened.push(entry);
        }
        const writtenBefore = counters.recordsCreated + counters.recordsUpdated;
        await this.runStream(run, logger, controller, counters, ctx, stream, entry.open, window);
        if (counters.recordsCreated + counters.recordsUpdated > writtenBefore) entry.wrote = true;
      }
      for (const { open, wrote } of opened) {
        if (wrote) await this.afterRun(run, counters, logger, pipelineRun, open);
      }
      const status: RunStatus = counters.recordsFailed > 0 ? 'PARTIAL_SUCCESS' : 'SUCCESS';
      await this.finish(run, status, null, counters);
    } catch (error) {
      if (error instanceof Reaped || controller.signal.reason === 'reaped') {
        if (!controller.signal.aborted) controller.abort('reaped');
        logger.warn('run was marked interrupted by another process; stopped without writing more');
      } else if (
        error instanceof Cancelled ||
        (controller.signal.aborted && controller.signal.reason === 'cancel')
      ) {
        await this.finish(
          run,
          'CANCELLED',
          'cancelled by request; the checkpoint is kept',
          counters,
        );
      } else {
        const message =
          controller.signal.reason === 'shutdown'
            ? 'interrupted: the process shut down; the next run resumes from the last checkpoint'
            : describe(error);
        if (!isConnectorError(error)) logger.error({ err: error }, 'run crashed');
        await this.finish(run, 'FAILED', message, counters).catch((finishError: unknown) =>
          logger.error({ err: finishError }, 'could not record the run as FAILED'),
        );
      }
    } finally {
      clearInterval(heartbeat);
      shutdown?.removeEventListener('abort', onShutdown);
      this.throttle.forget(run.id);
    }
  }

  /**
   * Reads one stream to its end: pages pipelined two deep (page N is
   * fetched, planned and inserted while page N-1's transaction is still
   * open, so Postgres works on two pages at once). Page N's transaction waits
   * for N-1's to commit before it writes counters and checkpoint, and rolls
   * back if N-1 did not: commits, and so checkpoints, stay in page order.
   */
  private async runStream(
    run: RunModel,
    logger: Logger,
    controller: AbortController,
    counters: RunCounters,
    ctx: ConnectorContext<unknown>,
    stream: StreamDefinition<unknown>,
    open: OpenPipeline,
    window: SyncWindow | null,
  ): Promise<void> {
    const { db } = this.deps;
    // A windowed run resumes from its own checkpoint (a retry inherits it), any
    // other from the connector's cursor.
    const saved: { cursor: unknown } | undefined = window
      ? { cursor: run.checkpoints?.[stream.name] ?? null }
      : await db('syncState')
          .where({ connectorId: run.connectorId, stream: stream.name })
          .first('cursor');
    const pages: PageContext = {
      run,
      logger,
      controller,
      counters,
      stream: stream.name,
      window,
      open,
      plan: (records, pending) => planPage(db, open, records, pending, controller.signal),
    };
    let inFlight: PageWrite | null = null;
    try {
      for await (const page of readAhead(
        stream.fetch(ctx, { cursor: saved?.cursor ?? null, window }),
      )) {
        let prior: PageWrite | null = inFlight;
        if (prior?.replanning) {
          // The page before is being planned again: this one waits for it, so that
          // one lost record costs one page planned twice, not every page after it.
          await this.settlePage(pages, prior);
          prior = inFlight = null;
        }
        const planned = await pages.plan(page.records, prior?.candidates ?? []);
        inFlight = this.startPage(pages, page, planned, prior);
        if (prior) {
          prior.successor = inFlight;
          await this.settlePage(pages, prior);
        }
      }
      if (inFlight) await this.settlePage(pages, inFlight);
      inFlight = null;
    } finally {
      // The run ends (or fails) only once the page still being written has committed
      // or rolled back.
      await inFlight?.done.catch(() => undefined);
    }
  }

  /**
   * A pipeline's after-run step (anchoring what the run wrote, say), in its
   * own phase. A failure never fails the run: its records are stored.
   */
  private async afterRun(
    run: RunModel,
    counters: RunCounters,
    logger: Logger,
    pipelineRun: PipelineRun,
    open: OpenPipeline,
  ): Promise<void> {
    const step = open.pipeline.afterRun;
    if (!step) return;
    await this.deps.db('runs').where({ id: run.id }).update({ phase: step.phase });
    this.throttle.progress(run.id, () =>
      this.publish(
        this.deps.db,
        runEvent(run, { status: 'RUNNING', phase: step.phase, counters, statusChanged: false }),
      ),
    );
    try {
      const line = await step.run(pipelineRun, open.scope);
      if (line) await appendLog(this.deps.db, run.id, { level: 'INFO', message: line });
    } catch (error) {
      logger.warn(
        { err: error, entityType: open.pipeline.entityType },
        'after-run step failed; the run is not failed for it',
      );
    }
  }

  /**
   * Starts writing a planned page in its own transaction. Its records are
   * inserted at once; its counters, skipped records and checkpoint only after
   * `prior` (the page before, still being written) has committed. If `prior`
   * failed, was cancelled or reaped, this page rolls back too. If `prior`
   * lost records, or was itself planned again, this page (whose plan counted
   * `prior`'s candidates as stored) rolls back and, once `prior` has its
   * final commit, is planned again and written alone.
   *
   * No two page transactions ever wait on each other: a page waits in
   * JavaScript only for `prior`'s first attempt, which never waits on this
   * page's rows (pages sharing a key write one after the other, see
   * commitPage); and a page written a second time first lets the page after
   * it finish its doomed first attempt and release its rows.
   */
  private startPage(
    pages: PageContext,
    page: SourcePage,
    planned: PlannedPage,
    prior: PageWrite | null,
  ): PageWrite {
    const firstAttempt = this.commitPage(pages, page, planned, prior);
    const write: PageWrite = { firstAttempt, done: firstAttempt, candidates: planned.candidates };
    write.done = (async (): Promise<PageResult> => {
      try {
        return await firstAttempt;
      } catch (error) {
        if (!(error instanceof PlanAgain)) throw error;
        write.replanning = true;
        if (prior) await prior.done; // its final commit, planned again or not; rethrows
        await write.successor?.firstAttempt.catch(() => undefined);
        const again = await pages.plan(page.records, []);
        write.candidates = again.candidates;
        return await this.commitPage(pages, page, again, null);
      }
    })();
    // Awaited later (by the next page, by settlePage); never an unhandled rejection meanwhile.
    firstAttempt.catch(() => undefined);
    write.done.catch(() => undefined);
    return write;
  }

  /** Waits for a page to commit, then reports progress and stops the run if it was cancelled. */
  private async settlePage(pages: PageContext, write: PageWrite): Promise<void> {
    const { cancel } = await write.done;
    const { run, counters, controller } = pages;
    // After commit, through the pool: the throttle may send it a moment later.
    const snapshot = runEvent(run, {
      status: 'RUNNING',
      phase: 'PROCESSING',
      counters: { ...counters },
      statusChanged: false,
    });
    this.throttle.progress(run.id, () => this.publish(this.deps.db, snapshot));
    if (cancel || controller.signal.aborted) {
      // Also stops the page being fetched ahead.
      if (!controller.signal.aborted) controller.abort('cancel');
      throw new Cancelled();
    }
  }

  /** One page's transaction: records, then (after `prior` commits) counters and checkpoint. */
  private async commitPage(
    pages: PageContext,
    page: SourcePage,
    planned: PlannedPage,
    prior: PageWrite | null,
  ): Promise<PageResult> {
    const { run, logger, counters, window } = pages;
    // Pages that claim a common key are written one after the other: written at once,
    // the later one could hold a row the earlier one then waits for, while it waits
    // (here, in JavaScript) for the earlier one to commit.
    const waitFirst = prior !== null && sharesKeys(planned.candidates, prior.candidates);
    const result = await this.deps.db.transaction(async (trx) => {
      if (prior && waitFirst) await afterPrior(prior);
      const written = await this.writeOrFail(trx, logger, pages, planned.candidates);
      const ownWrite = page.write
        ? await page.write(trx, { id: run.id, connectorId: run.connectorId })
        : undefined;
      if (prior && !waitFirst) await afterPrior(prior);
      const skipped = [...planned.skipped, ...written.failed];
      const rawText = pages.open.pipeline.rawText ?? defaultRawText;
      // What the source sent may hold NUL characters, which Postgres cannot store.
      const storable = skipped.map(withoutNul);
      await this.recordSkipped(trx, run, storable, rawText);
      // Records that could not be mapped or stored stay findable by their external id.
      await writeFailedRecords(
        trx,
        { connectorId: run.connectorId, runId: run.id, entityType: pages.open.pipeline.entityType },
        storable,
        rawText,
      );
      if (planned.logs.length > 0) {
        await trx('runLogs').insert(planned.logs.map((log) => ({ runId: run.id, ...log })));
      }
      const ownCommit = page.commit
        ? await page.commit(trx, { id: run.id, connectorId: run.connectorId })
        : undefined;
      const own = sumOutcomes(ownWrite, ownCommit);
      const failed = skipped.filter((s) => s.reason === 'PROCESSING_FAILED').length;
      const next: RunCounters = {
        recordsTotal: page.total ?? counters.recordsTotal,
        recordsFetched: counters.recordsFetched + page.records.length + (own.fetched ?? 0),
        recordsCreated: counters.recordsCreated + written.created + (own.created ?? 0),
        recordsUpdated: counters.recordsUpdated + written.updated + (own.updated ?? 0),
        recordsSkipped: counters.recordsSkipped + skipped.length - failed + (own.skipped ?? 0),
        recordsFailed: counters.recordsFailed + failed + (own.failed ?? 0),
        pagesFetched: counters.pagesFetched + 1,
      };
      // A windowed run leaves the connector's cursor alone and keeps its own checkpoint;
      // any other saves the connector's cursor (sync_state) in the same statement.
      const liveness = await recordProgress(trx, run.id, {
        counters: next,
        phase: 'PROCESSING',
        checkpoint:
          window && page.checkpoint != null
            ? { stream: pages.stream, cursor: page.checkpoint }
            : undefined,
        cursor:
          !window && page.checkpoint != null
            ? { connectorId: run.connectorId, stream: pages.stream, cursor: page.checkpoint }
            : undefined,
      });
      // Another process declared this run interrupted (our heartbeat stalled):
      // roll this page back and stop, leaving the cursor to the next run.
      if (liveness === 'gone') throw new Reaped();
      for (const event of written.events) await this.publish(trx, event);
      return { next, cancel: liveness === 'cancel-requested', failed };
    });
    // Committed: the run's counters move on (the next page's transaction reads them).
    Object.assign(counters, result.next);
    return { cancel: result.cancel, failed: result.failed };
  }

  /** Writes the page in one statement per table; if that fails, record by record in savepoints. */
  private async writeOrFail(
    trx: Knex.Transaction,
    logger: Logger,
    pages: PageContext,
    candidates: Candidate<unknown>[],
  ): Promise<{ created: number; updated: number; failed: SkippedRecord[]; events: HubEvent[] }> {
    try {
      return {
        ...(await trx.transaction((sp) => this.writeRecords(sp, pages, candidates))),
        failed: [],
      };
    } catch (error) {
      logger.warn({ err: error }, 'page write failed; retrying record by record');
    }
    let created = 0;
    let updated = 0;
    const events: HubEvent[] = [];
    const failed: SkippedRecord[] = [];
    for (const candidate of candidates) {
      try {
        const one = await trx.transaction((sp) => this.writeRecords(sp, pages, [candidate]));
        created += one.created;
        updated += one.updated;
        events.push(...one.events);
      } catch (error) {
        failed.push({
          externalId: candidate.externalId,
          reason: 'PROCESSING_FAILED',
          message: `could not store the record: ${storeFailure(error)}`,
          raw: candidate.raw,
        });
      }
    }
    return { created, updated, failed, events };
  }

  /** The pipeline's entity rows, then their external references with raw and mapped payloads. */
  private async writeRecords(
    trx: Knex.Transaction,
    pages: PageContext,
    candidates: Candidate<unknown>[],
  ): Promise<{ created: number; updated: number; events: HubEvent[] }> {
    if (candidates.length === 0) return { created: 0, updated: 0, events: [] };
    const { pipeline, scope } = pages.open;
    const { run } = pages;
    const written = await pipeline.write(trx, scope, candidates, {
      connectorId: run.connectorId,
      runId: run.id,
    });
    const origin = { connectorId: run.connectorId, runId: run.id, entityType: pipeline.entityType };
    await upsertReferences(trx, origin, candidates, written.rows, {
      rawText: pipeline.rawText ?? defaultRawText,
      payload: (entity) => (pipeline.payload ? pipeline.payload(entity) : entity),
    });
    const created = written.rows.filter((row) => row.inserted).length;
    return { created, updated: written.rows.length - created, events: written.events ?? [] };
  }

  private async recordSkipped(
    trx: Knex.Transaction,
    run: RunModel,
    skipped: SkippedRecord[],
    rawText: (raw: Record<string, unknown>) => string,
  ) {
    if (skipped.length === 0) return;
    const storable = skipped;
    await trx('skippedRecords').insert(
      storable.map((s) => ({
        runId: run.id,
        connectorId: run.connectorId,
        externalId: s.externalId,
        reason: s.reason,
        message: s.message,
        raw: boundedRaw(s.raw, rawText),
      })),
    );
    await trx('runLogs').insert(
      storable.map((s) => ({
        runId: run.id,
        level: s.reason === 'PROCESSING_FAILED' ? 'ERROR' : 'WARN',
        message: `skipped ${s.reason}: ${s.message}`,
        externalId: s.externalId,
      })),
    );
  }

  private async beat(runId: number, controller: AbortController): Promise<void> {
    const liveness = await heartbeat(this.deps.db, runId);
    if (liveness === 'gone') controller.abort('reaped');
    else if (liveness === 'cancel-requested') controller.abort('cancel');
  }

  private async setPhase(
    run: RunModel,
    phase: 'AUTHENTICATING' | 'FETCHING',
    counters: RunCounters,
  ) {
    await this.deps.db('runs').where({ id: run.id }).update({ phase });
    const event = runEvent(run, {
      status: 'RUNNING',
      phase: phase,
      counters,
      statusChanged: false,
    });
    this.throttle.progress(run.id, () => this.publish(this.deps.db, event));
  }

  private async finish(
    run: RunModel,
    status: Exclude<RunStatus, 'QUEUED' | 'RUNNING'>,
    errorMessage: string | null,
    counters: RunCounters,
  ) {
    const hub: RunHub = { logger: this.deps.logger, publisher: this.deps.publisher };
    await this.deps.db.transaction(async (trx) => {
      // Drops the run's pending progress: the finish event carries the final counters.
      await this.throttle.status(run.id, () =>
        // Only a run still RUNNING is ended: another process may have marked it interrupted.
        finishRun(trx, hub, run.id, {
          status,
          errorMessage,
          counters,
          log: {
            level: status === 'FAILED' ? 'ERROR' : status === 'PARTIAL_SUCCESS' ? 'WARN' : 'INFO',
            message:
              `run ${status}: ${counters.recordsFetched} fetched, ${counters.recordsCreated} created, ` +
              `${counters.recordsUpdated} updated, ${counters.recordsSkipped} skipped, ${counters.recordsFailed} failed` +
              (errorMessage ? `; ${errorMessage}` : ''),
          },
        }),
      );
    });
  }

  private async publish(db: Knex | Knex.Transaction, event: HubEvent) {
    await this.deps.publisher?.publish(db, event);
  }
}

/**
 * Iterates `source` one item ahead: the next page is requested as soon as the
 * current one is handed out, so fetching overlaps planning and writing. Order
 * and checkpoints are unchanged; at most one page is held ahead.
 */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  let done = false;
  try {
    for (;;) {
      const result = await next;
      if (result.done) {
        done = true;
        return;
      }
      next = iterator.next();
      // Handled now, awaited on the next turn: a failed prefetch is not an unhandled rejection.
      next.catch(() => undefined);
      yield result.value;
    }
  } finally {
    // The consumer stopped early (cancel, error): the page in flight is dropped, and the
    // run ends only once the source has stopped (the run's signal aborts its request), so
    // nothing a source does (a staging table, a temporary file) outlives its run and meets
    // the retry. A source that ignores the signal is waited for SOURCE_STOP_MS at most.
    if (!done) {
      const stopped = next
        .catch(() => undefined)
        .then(() => iterator.return?.(undefined))
        .catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        stopped,
        new Promise((resolve) => (timer = setTimeout(resolve, SOURCE_STOP_MS))),
      ]);
      clearTimeout(timer);
    }
  }
}

/** How long a stopped run waits for its source to wind down before it ends regardless. */
const SOURCE_STOP_MS = 30_000;

const defaultRawText = (raw: Record<string, unknown>) => JSON.stringify(raw);

function boundedRaw(
  raw: Record<string, unknown>,
  rawText: (raw: Record<string, unknown>) => string,
): string | null {
  const text = rawText(raw);
  return text.length <= STORED_RAW_LIMIT
    ? text
    : JSON.stringify({ truncated: true, bytes: text.length });
}

/**
 * Waits for the page before to commit; rethrows its failure (this page rolls
 * back with it), stops on its cancellation, and asks for a new plan if it
 * lost records this page's plan counted as stored, or was planned again.
 */
async function afterPrior(prior: PageWrite): Promise<void> {
  // Its first attempt only: a PlanAgain there means this page's plan is stale too.
  const before = await prior.firstAttempt;
  if (before.cancel) throw new Cancelled();
  if (before.failed > 0) throw new PlanAgain();
}

/** A page's own write and commit counts, added up. */
function sumOutcomes(
  a: PageCommitOutcome | void | undefined,
  b: PageCommitOutcome | void | undefined,
): PageCommitOutcome {
  const sum: PageCommitOutcome = {};
  for (const key of ['failed', 'fetched', 'created', 'updated', 'skipped'] as const) {
    sum[key] = (a?.[key] ?? 0) + (b?.[key] ?? 0);
  }
  return sum;
}

/** Postgres's own words for a failed write, without the statement knex puts before them. */
function storeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const fromPostgres = typeof (error as { code?: unknown }).code === 'string';
  const cut = fromPostgres ? error.message.lastIndexOf(' - ') : -1;
  return (cut >= 0 ? error.message.slice(cut + 3) : error.message).slice(0, 300);
}

function describe(error: unknown): string {
  if (isConnectorError(error) || error instanceof SealError) return error.message;
  if (error instanceof Error && error.name === 'TimeoutError') return 'the run timed out';
  return 'internal error; see the server log';
}
