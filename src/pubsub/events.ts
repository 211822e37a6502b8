/**
 * What processes tell each other over Postgres LISTEN/NOTIFY, on the one
 * channel `tributary_events`. A payload must stay far below NOTIFY's 8000
 * bytes: ids, statuses and counters only, never records or config.
 */
import type { Knex } from 'knex';

export const EVENTS_CHANNEL = 'tributary_events';

export type { RunStatus as RunStatusName, RunPhase as RunPhaseName } from '../models/run.model';
import type { RunPhase as RunPhaseName, RunStatus as RunStatusName } from '../models/run.model';

/** The counters of a run as they stand, enough to draw its progress without a query. */
export interface RunCounters {
  recordsTotal: number | null;
  recordsFetched: number;
  recordsCreated: number;
  recordsUpdated: number;
  recordsSkipped: number;
  recordsFailed: number;
  pagesFetched: number;
}

export type HubEvent =
  /**
   * A run changed. `statusChanged` is true for a transition of the runs
   * store (its status changed, or a RUNNING run was asked to cancel), not
   * just its counters or phase: runUpdated fires only then; runProgress on
   * every one (the engine throttles progress to a few per second per run).
   */
  | {
      type: 'run';
      runId: number;
      connectorId: number;
      status: RunStatusName;
      phase: RunPhaseName;
      statusChanged: boolean;
      counters: RunCounters;
      startedAt: string | null;
      /** ISO time the event was made. */
      at: string;
    }
  /** A connector was created, updated, paused, resumed, tested or deleted; or a new run was queued for it. */
  | { type: 'connector'; connectorId: number; deleted: boolean; at: string }
  /** A run was queued: workers in every process wake up to claim it. */
  | { type: 'run-queued'; runId: number; connectorId: number; at: string }
  /** A scheduler started or stopped somewhere. */
  | { type: 'scheduler'; instanceId: string; at: string }
  /** An API token was revoked: every process closes the sockets it opened. */
  | { type: 'token'; tokenId: number; revoked: true; at: string };

/** Sends events to every process (this one included) once the given transaction commits. */
export interface Publisher {
  /**
   * NOTIFY inside `db`: with a transaction, delivered only if and when it
   * commits, so listeners never see a change that was rolled back.
   */
  publish(db: Knex | Knex.Transaction, event: HubEvent): Promise<void>;
}

/** What `Publisher.publish` takes: the pool or a transaction. */
export type PublishDb = Knex | Knex.Transaction;

/** Keeps the events a subscriber wants. */
export type HubEventFilter = (event: HubEvent) => boolean;

/**
 * What a subscription listens to: the events of one run, of one connector,
 * or of one type. Events are routed by topic before any filter runs.
 */
export type HubTopic = `run:${number}` | `connector:${number}` | `type:${HubEvent['type']}`;

export interface SubscribeOptions {
  /** Only events of this topic are offered to the filter (default: every event). */
  topic?: HubTopic;
  /**
   * Called when the subscriber fell too far behind (its buffer is full):
   * it is dropped. Without it, the subscription ends with an error.
   */
  onOverflow?: () => void;
}

/** Receives the events every process published (implemented by PgNotifier). */
export interface HubEventSource {
  /**
   * Events of `options.topic` passing `filter`, committed after the call,
   * with a bounded buffer; `return()` detaches.
   */
  subscribe(filter?: HubEventFilter, options?: SubscribeOptions): AsyncIterableIterator<HubEvent>;
  /** Calls `listener` for every event (synchronously; keep it quick); returns a detach function. */
  listen(listener: (event: HubEvent) => void): () => void;
  /** Calls `listener` after the LISTEN connection came back (events may have been missed). */
  onReconnect(listener: () => void): () => void;
}
