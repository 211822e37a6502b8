/**
 * The sync engine's vocabulary: what a kind declares, what an entity
 * pipeline implements, and what the engine does for every one of them.
 *
 * Glossary
 * - kind: a protocol family (ISSUER_API, PG_API, ...): one folder under
 *   src/connectors/ exporting a ConnectorDefinition, whose `streams` say
 *   what it syncs. A kind with no streams does not sync.
 * - stream: a named, ordered source of pages (`fetch`) with its own cursor,
 *   kept in sync_state under (connector, stream name). A run reads a kind's
 *   streams one after the other, in the order declared (WooCommerce:
 *   products, then orders). Each stream names the entity pipeline its
 *   records go through, bound to the connector's settings (`pipeline`).
 * - page: records in source order plus the checkpoint to save once all of
 *   them are written. One page is one database transaction.
 * - entity pipeline: what one kind of record goes through, kept in its
 *   domain folder (src/domains/<domain>/): `open` once per run, then per
 *   page `map` (raw record -> entity, or a skip reason), `identity`/`keys`
 *   (what makes two records the same), `lookup` (what is stored under those
 *   keys), `refine` (optional checks after dedupe), `write` (the entity rows,
 *   in the engine's transaction), and an optional `afterRun` step.
 * - scope: what a pipeline resolves once per run (an issuer, a time zone),
 *   passed back to each of its steps.
 * - identity: a record's external id, unique per pipeline scope; `keys` are
 *   its other unique keys (a learner and a title). Two records sharing the
 *   identity or any key are the same thing: the later one is a DUPLICATE,
 *   unless it shares only the identity and its `version` changed (an update).
 * - held: what the store holds under an identity: its version and keys.
 * - overlay: the engine's planning service. Pages are pipelined two deep, so
 *   page N is planned while page N-1 is still being written; N-1's
 *   candidates count as held (in place of what the database still says of
 *   the same identities), for every pipeline alike.
 * - candidate: a record that will be written (created or updated).
 *
 * The engine (src/sync/) fetches, pipelines and commits pages in order,
 * checkpoints each stream's cursor, upserts external_references with the raw
 * and mapped payloads, skips records with NUL characters or a failed mapping,
 * counts, logs and publishes progress. It knows no entity by name.
 */
import type { Knex } from 'knex';
import type { Logger } from '../logger';
import type { HubEvent, RunPhaseName } from '../pubsub/events';
import type { SkippedRecord } from './page-outcome';

/**
 * Process-wide services a pipeline may use (a blob store, an anchoring
 * service). The engine passes them through untouched; each domain adds the
 * members it needs by declaration merging (`declare module`), so the engine
 * names none of them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EngineServices {}

/** What a pipeline's `open` learns about the run it serves. */
export interface PipelineRun {
  db: Knex;
  connectorId: number;
  runId: number;
  /** The connector's sourceEntity (e.g. NSDC). */
  sourceEntity: string;
  logger: Logger;
  /** Aborted when the run is cancelled, reaped or the process shuts down. */
  signal: AbortSignal;
  services: EngineServices;
}

/** A kind's mapping of a raw record to a domain's canonical shape, or why it cannot be. */
export type Normalized<T> =
  | { ok: true; externalId: string; record: T }
  | {
      ok: false;
      externalId: string | null;
      reason: 'INVALID_RECORD' | 'MAPPING_FAILED';
      message: string;
    };

/** A raw record as an entity, or why it is skipped. */
export type Mapped<Entity> =
  { ok: true; entity: Entity } | ({ ok: false } & Omit<SkippedRecord, 'raw'>);

/** A unique key other than the identity (e.g. learner and title), for dedupe. */
export interface EntityKey<Entity> {
  /** How a clash on it reads in a skip message: "same learner, title and issuer". */
  describe: string;
  of(entity: Entity): string;
}

/** What the store holds under one identity (from `lookup`, or the page in flight). */
export interface Held {
  externalId: string;
  version: string;
  /** The values of the pipeline's `keys`, in the same order. */
  keys: string[];
}

/** A record that will be written. */
export interface Candidate<Entity> {
  raw: Record<string, unknown>;
  /** `raw` as JSON text, made once when the page is planned. */
  rawJson?: string;
  entity: Entity;
  externalId: string;
  version: string;
  keys: string[];
}

/** A run log line written with the page (why a file was not stored, say). */
export interface PageLog {
  level: 'INFO' | 'WARN';
  message: string;
  externalId: string;
}

/** One entity row written by a page. */
export interface WrittenRow {
  externalId: string;
  /** Its id in the entity table: external_references.internal_id. */
  internalId: number;
  inserted: boolean;
}

/** What a pipeline's `write` did. */
export interface PageWritten {
  rows: WrittenRow[];
  /** Published when the page's transaction commits. */
  events?: HubEvent[];
}

/** Where a page's rows come from: null connector and run for records entered by hand. */
export interface WriteOrigin {
  connectorId: number | null;
  runId: number | null;
}

export interface EntityPipeline<Options, Scope, Entity> {
  /** external_references.entity_type, e.g. "transaction". */
  readonly entityType: string;
  /** Resolves the run's scope from the stream's options (once per run and stream). */
  open(run: PipelineRun, options: Options): Promise<Scope>;
  /** One raw record: its entity or why it is skipped (INVALID_RECORD names the field). */
  map(raw: Record<string, unknown>, scope: Scope): Mapped<Entity>;
  identity(entity: Entity): string;
  /** Unique keys besides the identity; [] when there are none. */
  readonly keys: readonly EntityKey<Entity>[];
  /** Changes whenever what would be stored changes: same version, same record. */
  version(entity: Entity, scope: Scope): string;
  /** What is stored under any of these entities' identities or keys (one round trip). */
  lookup(db: Knex, scope: Scope, entities: Entity[]): Promise<Held[]>;
  /**
   * Checks after dedupe that cost a call each (asking the source, fetching a
   * file): the candidates kept, and why the others were skipped.
   */
  refine?(
    scope: Scope,
    candidates: Candidate<Entity>[],
    signal: AbortSignal,
  ): Promise<{ kept: Candidate<Entity>[]; skipped: SkippedRecord[]; logs: PageLog[] }>;
  /** Writes the candidates' entity rows inside `trx`; external_references are the engine's. */
  write(
    trx: Knex.Transaction,
    scope: Scope,
    candidates: Candidate<Entity>[],
    origin: WriteOrigin,
  ): Promise<PageWritten>;
  /**
   * A raw record as JSON text, for external_references and skipped_records
   * [JSON.stringify]; a source parsed losslessly (exact numbers) brings its own.
   */
  rawText?(raw: Record<string, unknown>): string;
  /** The mapped payload kept in external_references [the entity itself]. */
  payload?(entity: Entity): unknown;
  /** Run once at the end of a run that created or updated any of its records. */
  readonly afterRun?: {
    /** The run's phase meanwhile. */
    phase: RunPhaseName;
    /** Never fails the run: a thrown error is logged. Returns a line for the run log. */
    run(run: PipelineRun, scope: Scope): Promise<string | null>;
  };
}

/** A pipeline bound to one connector's options: what a stream hands the engine. */
export interface BoundPipeline {
  // `any`: a binding hides its pipeline's own types; `bindPipeline` checks them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  pipeline: EntityPipeline<any, any, any>;
  options: unknown;
}

/** Binds `pipeline` to `options`, checking that they fit. */
export function bindPipeline<Options, Scope, Entity>(
  pipeline: EntityPipeline<Options, Scope, Entity>,
  options: Options,
): BoundPipeline {
  return { pipeline, options };
}
