/**
 * The connector SDK.
 *
 * Glossary
 * - kind: a protocol family the hub speaks (ISSUER_API, PG_API, ...). One
 *   folder under src/connectors/ per kind, exporting one ConnectorDefinition.
 * - connector: one configured instance of a kind (a row in `connectors`).
 * - config: the non-secret settings of a connector, validated and defaulted by
 *   the kind's `configSchema`. Stored as jsonb, returned by the API.
 * - secrets: the write-only credentials of a connector, validated by the
 *   kind's `credentialsSchemas[authType]`, stored encrypted, never returned.
 */
import type { Knex } from 'knex';
import type { z } from 'zod';
import type { Logger } from '../logger';
import type { BoundPipeline } from '../pipeline/types';

export const CONNECTOR_KINDS = [
  'ISSUER_API',
  'PG_API',
  'BANK_SFTP',
  'BANK_API',
  'PG_DATABASE',
  'WOOCOMMERCE',
] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];

export const AUTH_TYPES = [
  'NONE',
  'API_KEY',
  'BASIC',
  'JWT',
  'OAUTH2_CLIENT_CREDENTIALS',
  'SSH_PASSWORD',
  'SSH_KEY',
  'IP_WHITELIST',
] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

/** Decrypted credentials. Only ever held in memory, for the length of one call. */
export type Secrets = Record<string, string>;

export interface ConnectorContext<Config> {
  /** Parsed by the kind's configSchema: defaults filled in. */
  config: Config;
  authType: AuthType;
  /** Validated by credentialsSchemas[authType]; `{}` for NONE / IP_WHITELIST. */
  secrets: Secrets;
  /** The connector's sourceEntity (e.g. NSDC), for defaults such as issuerName. */
  sourceEntity: string;
  /** Aborted when the run is cancelled or the process shuts down. */
  signal: AbortSignal;
  logger: Logger;
  /**
   * The connector's time zone (IANA, its schedule's): a gateway's cycle dates
   * and dates written without an offset are read in it. UTC when absent.
   */
  timeZone?: string;
  /**
   * During a run: the hub's database, the connector's id and the run's, for
   * a stream that keeps a ledger of its own (BANK_SFTP's files) and reads
   * what earlier runs recorded there; it writes only in a page's `commit`.
   */
  run?: { db: Knex; connectorId: number; id: number };
}

/** What a successful `test()` found; failures throw a ConnectorError. */
export interface TestOutcome {
  /** One line for the run log, e.g. "authenticated; listed 1 record". */
  message: string;
  /** Non-secret facts worth keeping on the TEST run's log entry. */
  details?: Record<string, unknown>;
  /**
   * Settings the test established by trust on first use (BANK_SFTP's host
   * key): stored into the config only where it has none yet.
   */
  learned?: Record<string, unknown>;
}

/** The records a run is limited to: a backfill's dates, or a manual run's from/to. */
export interface SyncWindow {
  from: Date | null;
  to: Date | null;
}

export interface FetchRequest {
  /**
   * Where the last run left off (the `checkpoint` of the last page it wrote),
   * or null on the first run. Ignored by a windowed run, which starts at
   * `window.from`.
   */
  cursor: unknown;
  window: SyncWindow | null;
}

/** One page from the source, as the source sent it. */
export interface Page {
  records: Record<string, unknown>[];
  /**
   * The cursor to save once every record of this page is written, in the same
   * transaction; null keeps the previous one (e.g. an empty page).
   */
  checkpoint: unknown;
  /** Records the source says the whole run will see, when it says. */
  total?: number | null;
  /**
   * Work of the stream's own that must commit with this page, run in the
   * page's transaction after its records are written (a file ledger row and
   * the switch to the file's new rows, say). `failed` counts units the
   * stream refused as a whole (a rejected file): the run ends PARTIAL_SUCCESS.
   * A stream that writes its records itself, set-based (BANK_SFTP's staged
   * files), hands an empty `records` and says here what it fetched, created,
   * updated and skipped, so the run's counters stay exact.
   */
  commit?(trx: Knex.Transaction, run: PageRun): Promise<PageCommitOutcome | void>;
  /**
   * Records the stream writes itself, in the page's transaction where the
   * engine writes a page's records: while the page before may still be
   * committing, so two pages' writes overlap. Only for writes that never
   * touch a row the page before writes; work that must follow it (a file's
   * switch) goes in `commit`. Its counts are added as `commit`'s are.
   */
  write?(trx: Knex.Transaction, run: PageRun): Promise<PageCommitOutcome>;
}

/** What a page's own `commit` step did, added to the run's counters. */
export interface PageCommitOutcome {
  failed?: number;
  fetched?: number;
  created?: number;
  updated?: number;
  skipped?: number;
}

/** The run a page commits in, for a page's own `commit` step. */
export interface PageRun {
  id: number;
  connectorId: number;
}

export type { Normalized } from '../pipeline/types';

/**
 * One stream of a kind: a named, ordered source of pages with its own cursor
 * (see the glossary in src/sync/types.ts).
 */
export interface StreamDefinition<Config> {
  /** The sync_state stream its cursor is kept under. */
  name: string;
  /** Pages in source order; stops early when ctx.signal aborts. */
  fetch(ctx: ConnectorContext<Config>, request: FetchRequest): AsyncIterable<Page>;
  /** The entity pipeline its records go through, bound to this connector's settings. */
  pipeline(ctx: ConnectorContext<Config>): BoundPipeline;
  /**
   * Records of this stream may be pushed to the connector's inbound webhook:
   * its pages are the source's records unchanged, so a pushed record goes
   * through `pipeline` as a fetched one does.
   */
  acceptsPush?: boolean;
}

export interface ConnectorDefinition<Config = unknown> {
  kind: ConnectorKind;
  /** Strict zod object: unknown keys rejected, defaults filled in. */
  configSchema: z.ZodType<Config>;
  /** Auth types this kind accepts, in the order a form should offer them. */
  authTypes: readonly AuthType[];
  /** Per accepted auth type, the strict schema its credentials must satisfy. */
  credentialsSchemas: Partial<Record<AuthType, z.ZodType<Secrets>>>;
  /**
   * Config defaults that derive from the connector's sourceEntity (e.g. an
   * issuer's name), merged under the given config before it is parsed.
   */
  sourceDefaults?(sourceEntity: string): Partial<Config>;
  /** Reachability and authentication, as contract/providers.md describes per kind. */
  test(ctx: ConnectorContext<Config>): Promise<TestOutcome>;
  /**
   * Config keys `test` may learn (TestOutcome.learned). An update that leaves
   * one out keeps the stored value while the target stays the same; only an
   * explicit value (null re-opens first use) changes it.
   */
  learnedSettings?: readonly string[];
  /** What a run reads, in order; empty or absent on kinds that do not sync. */
  streams?: readonly StreamDefinition<Config>[];
  /**
   * Whether a REMAP run may put this kind's stored raw records through its
   * pipelines again: true only where mapping needs nothing but the record
   * and the connector's settings (no call to the source, no file ledger).
   */
  remappable?: boolean;
}

/** Whether connectors of this kind sync records (have at least one stream). */
export function canSync(definition: Pick<ConnectorDefinition, 'streams'>): boolean {
  return (definition.streams?.length ?? 0) > 0;
}
