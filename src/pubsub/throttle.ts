/**
 * Per-run throttle for progress notifications.
 *
 * A page of records can be processed in a few milliseconds; publishing every
 * page's counters would flood NOTIFY and every subscribed client (each event
 * is one socket write per subscriber: about 40-50 ms of CPU per 1,000
 * subscribers in the process that serves them, see README "Live fan-out").
 * This keeps at most `perSecond` (default 4; RUN_PROGRESS_PER_SECOND in the
 * process that runs the run) progress sends per run per second, spaced at
 * least 1000 / perSecond ms apart, while:
 *
 * - a progress update that arrives too soon is not lost: it becomes the run's
 *   pending update (replacing an older pending one) and is sent when the
 *   spacing allows (trailing edge), so the last counters always go out;
 * - a status change is never throttled: `status()` drops the pending
 *   progress (the status event carries the newest counters), waits for a
 *   progress send already in flight (so a stale progress can never arrive
 *   after the status), then sends at once;
 * - a status event counts as the run's last send (`status()`, or
 *   `statusSent()` for one published elsewhere, as the claim publishes
 *   RUNNING): the progress right after it waits out the window, so the
 *   phases a run passes through in its first moments go out as one update,
 *   not one each on top of the status event (one delivery per subscriber
 *   fewer per run).
 *
 * Usage, in the sync engine:
 *
 * ```ts
 * const throttle = new ProgressThrottle({ onError: (err, runId) => log.warn({ err, runId }) });
 * // after each page's transaction has committed:
 * throttle.progress(run.id, () => publisher.publish(db, runEvent(run, false)));
 * // when the status changes (may be inside the transaction that changes it):
 * await throttle.status(run.id, () => publisher.publish(trx, runEvent(run, true)));
 * // on shutdown:
 * await throttle.close();
 * ```
 *
 * A `progress` send may run later than the call, outside any transaction the
 * caller had open: it must publish through the pool (`db`), never through a
 * transaction, and should build its event from the counters as they stand
 * (the closure of the latest call is the one that runs). `status` runs its
 * send immediately, so it may publish inside the caller's transaction (and
 * is then delivered on commit). Status sends are awaited by the caller and
 * their errors are the caller's; progress sends' errors go to `onError`.
 */

export type Send = () => Promise<unknown> | unknown;

export interface ProgressThrottleOptions {
  /** Progress sends allowed per run per second. Default 4. */
  perSecond?: number;
  /** Told when a progress send fails (status sends reject to their caller). */
  onError?: (error: unknown, runId: number) => void;
}

interface RunSlot {
  /** When the last progress send of this run started (ms epoch). */
  lastSentAt: number;
  /** The newest progress update that is waiting for the window. */
  pending?: Send;
  timer?: NodeJS.Timeout;
  /** The progress send in flight, if any (never rejects). */
  inflight?: Promise<void>;
}

export class ProgressThrottle {
  private readonly intervalMs: number;
  private readonly onError: (error: unknown, runId: number) => void;
  private readonly runs = new Map<number, RunSlot>();

  constructor(options: ProgressThrottleOptions = {}) {
    const perSecond = options.perSecond ?? 4;
    if (!(perSecond > 0)) throw new Error('ProgressThrottle: perSecond must be positive');
    this.intervalMs = 1000 / perSecond;
    this.onError = options.onError ?? (() => undefined);
  }

  /**
   * A progress update of `runId`: sent now when the run's last progress send
   * is at least 1000 / perSecond ms old, otherwise kept as the run's pending
   * update and sent at the end of the window (only the newest is kept).
   */
  progress(runId: number, send: Send): void {
    let slot = this.runs.get(runId);
    if (!slot) {
      slot = { lastSentAt: Number.NEGATIVE_INFINITY };
      this.runs.set(runId, slot);
    }
    if (slot.timer) {
      slot.pending = send;
      return;
    }
    const wait = slot.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.sendProgress(runId, slot, send);
      return;
    }
    slot.pending = send;
    slot.timer = setTimeout(() => this.flushSlot(runId, slot), wait);
    // A trailing update must not keep the process alive; close() flushes it.
    slot.timer.unref();
  }

  /**
   * A status change of `runId`: cancels its pending progress, waits for a
   * progress send in flight, then runs `send` and resolves with it. The
   * status event counts as the run's last send: its next progress update
   * waits out the window. `forget` the run once it has ended.
   */
  async status(runId: number, send: Send): Promise<void> {
    const slot = this.runs.get(runId);
    this.runs.delete(runId);
    if (slot) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = undefined;
      slot.pending = undefined;
      await slot.inflight;
    }
    await send();
    this.statusSent(runId);
  }

  /**
   * A status event of `runId` went out just now, published elsewhere (the
   * claim publishes RUNNING): its next progress update waits out the window.
   */
  statusSent(runId: number): void {
    const slot = this.runs.get(runId);
    if (slot?.timer) clearTimeout(slot.timer);
    this.runs.set(runId, { lastSentAt: Date.now(), inflight: slot?.inflight });
  }

  /** Sends the pending progress of `runId` now, if there is one, and waits for it. */
  async flush(runId: number): Promise<void> {
    const slot = this.runs.get(runId);
    if (!slot) return;
    this.flushSlot(runId, slot);
    await slot.inflight;
  }

  /** Forgets a run without sending its pending progress. */
  forget(runId: number): void {
    const slot = this.runs.get(runId);
    if (slot?.timer) clearTimeout(slot.timer);
    this.runs.delete(runId);
  }

  /** Runs with a pending (not yet sent) progress update. */
  get pendingRuns(): number {
    let count = 0;
    for (const slot of this.runs.values()) if (slot.pending) count += 1;
    return count;
  }

  /** Flushes (default) or drops every pending update, and forgets every run. */
  async close({ flush = true }: { flush?: boolean } = {}): Promise<void> {
    const slots = [...this.runs.entries()];
    this.runs.clear();
    for (const [runId, slot] of slots) {
      if (flush) this.flushSlot(runId, slot);
      else if (slot.timer) clearTimeout(slot.timer);
    }
    await Promise.all(slots.map(([, slot]) => slot.inflight));
  }

  private flushSlot(runId: number, slot: RunSlot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    const send = slot.pending;
    slot.pending = undefined;
    if (send) this.sendProgress(runId, slot, send);
  }

  private sendProgress(runId: number, slot: RunSlot, send: Send): void {
    slot.lastSentAt = Date.now();
    let result: Promise<unknown>;
    try {
      result = Promise.resolve(send());
    } catch (error) {
      result = Promise.reject(error);
    }
    const inflight = result.then(
      () => undefined,
      (error: unknown) => {
        try {
          this.onError(error, runId);
        } catch {
          // A failing error handler must not become an unhandled rejection.
        }
      },
    );
    slot.inflight = inflight;
    void inflight.finally(() => {
      if (slot.inflight === inflight) slot.inflight = undefined;
    });
  }
}
