import { z } from 'zod';

/**
 * Every environment variable the hub reads, parsed in one place. A bad value
 * is reported together with every other bad value, before anything listens.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

/** 32 bytes, given as 64 hex digits or as base64. */
export const secretKeySchema = z.string().transform((value, ctx) => {
  const text = value.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text)
      ? Buffer.from(text, 'base64')
      : undefined;
  if (!bytes || bytes.length !== 32) {
    ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, as 64 hex digits or base64' });
    return z.NEVER;
  }
  return bytes;
});

const envSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  EMBEDDED_PG_PORT: port.default(5488),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRIBUTARY_SECRET_KEY: secretKeySchema.optional(),
  TRIBUTARY_ADMIN_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  SCHEDULER_ENABLED: booleanFromEnv.default(true),
  DB_POOL_MAX: z.coerce.number().int().min(2).max(100).default(20),
  WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(4),
  RUN_STALE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  RUN_PROGRESS_PER_SECOND: z.coerce.number().min(0.1).max(20).default(4),
  HUB_NICE: z.coerce.number().int().min(0).max(19).optional(),
  TRIBUTARY_ANCHOR_KEY: z
    .string()
    .regex(/^(0x)?[0-9a-fA-F]{64}$/, 'must be a 32-byte private key as 64 hex digits')
    .optional(),
  CHAIN_RPC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
  CHAIN_CONFIRMATIONS: z.coerce.number().int().min(1).max(64).default(1),
  ANCHOR_BATCH_SECONDS: z.coerce.number().min(0.1).max(86_400).default(5),
  VERIFY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  // Events to Kafka (#14): set KAFKA_BROKERS and the outbox's events also go to KAFKA_TOPIC.
  KAFKA_BROKERS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z
            .string()
            .regex(/^[A-Za-z0-9.\-[\]:]+:[0-9]{1,5}$/, 'must be host:port pairs, comma-separated'),
        )
        .min(1)
        .max(100),
    )
    .optional(),
  KAFKA_TOPIC: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name ([A-Za-z0-9._-], 1-249)')
    .default('user-topic'),
  KAFKA_CLIENT_ID: z.string().min(1).max(200).default('tributary'),
  KAFKA_SEND_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  // Operability (#16): shutdown deadline, request limits, metrics.
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(30),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).max(10_000_000).default(5_000),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(5_000),
  GRAPHQL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  WS_INIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  SLOW_OPERATION_MS: z.coerce.number().int().min(1).max(600_000).default(1_000),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // The whole-response cache of GraphQL queries (src/server/response-cache.ts).
  GRAPHQL_RESPONSE_CACHE: booleanFromEnv.default(true),
  GRAPHQL_RESPONSE_CACHE_TTL_MS: z.coerce.number().int().min(1).max(60_000).default(1_000),
  GRAPHQL_RESPONSE_CACHE_ITEMS: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  GRAPHQL_RESPONSE_CACHE_MAX_MB: z.coerce.number().min(1).max(4_096).default(32),
  ALLOW_PRIVATE_TARGETS: booleanFromEnv.default(false),
  // Events out (#14): the seed's webhooks, created at start-up, and the dispatcher's bound.
  SYNC_WEBHOOK_URLS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.url({ protocol: /^https?$/, error: 'must be http(s):// URLs, comma-separated' }))
        .max(100),
    )
    .optional(),
  WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').max(512).optional(),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(
      /^(true|false|\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/,
      'must be true, false, a hop count, or addresses/subnets (loopback, 10.0.0.0/8, ...)',
    )
    .transform((value): boolean | number | string =>
      value === 'true'
        ? true
        : value === 'false'
          ? false
          : /^\d+$/.test(value)
            ? Number(value)
            : value,
    )
    .default(false),
});

export type Env = z.infer<typeof envSchema>;

/** The operability defaults, for servers built without loadConfig (tests). */
export function defaultOpsConfig(): OpsConfig {
  return loadConfig({}).ops;
}

export interface Config {
  port: number;
  host: string;
  /** Unset: embedded Postgres under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  logLevel: Env['LOG_LEVEL'];
  /** AES-256-GCM key for connector secrets; generated into dataDir in embedded mode. */
  secretKey?: Buffer;
  adminToken?: string;
  schedulerEnabled: boolean;
  dbPoolMax: number;
  /** Runs this process executes at once; 0 = this process only serves the API. */
  workerConcurrency: number;
  /**
   * Progress events a run publishes per second at most (its status changes
   * always go out at once, and the newest counters after each window).
   */
  runProgressPerSecond: number;
  /**
   * The CPU priority (nice, 0-19) the process lowers itself to once started:
   * by default 10 for an API replica (workerConcurrency 0), so that serving
   * queries and fanning events out to subscribers yields the CPU to the runs
   * of a worker on the same cores, and 0 for a process that runs syncs.
   */
  hubNice: number;
  /**
   * A RUNNING run whose heartbeat is older than this is marked FAILED
   * ("interrupted") by any process's reaper. Runs beat every twelfth of it
   * (5 s at the default 60 s) and the reaper looks every quarter (15 s).
   */
  runStaleSeconds: number;
  /** The hub's anchor signing key (hex); generated into dataDir in embedded mode. */
  anchorKey?: string;
  /** Set: batch roots go on this chain (ANCHORED); unset: they are signed (SIGNED). */
  chainRpcUrl?: string;
  chainConfirmations: number;
  /** How often directly issued credentials are batched and PENDING batches retried. */
  anchorBatchSeconds: number;
  /** Requests per minute per client to /verify, /credentials/<uid>/proof and /pdf. */
  verifyRateLimitPerMinute: number;
  /** Set (KAFKA_BROKERS): events also go to a Kafka topic (src/events/kafka-sink.ts). */
  kafka?: KafkaConfig;
  /** Outbound requests may reach loopback and private addresses (development, tests). */
  allowPrivateTargets: boolean;
  /** Express's `trust proxy`: which X-Forwarded-For hops name the client (rate limits). */
  trustProxy: boolean | number | string;
  /** Operability limits and switches (src/limits, src/observability, src/shutdown.ts). */
  ops: OpsConfig;
  /** Events out: SYNC_WEBHOOK_URLS and WEBHOOK_SECRET, WEBHOOK_CONCURRENCY. */
  events: EventsConfig;
}

export interface EventsConfig {
  /** Webhooks (every event type) created at start-up unless one has the URL. */
  webhookUrls: string[];
  /** Their signing secret; required with webhookUrls. */
  webhookSecret?: string;
  /** Requests in flight at once per webhook [16]. */
  concurrencyPerWebhook: number;
}

/** The Kafka sink: where events go, and how long one send may wait for acknowledgement. */
export interface KafkaConfig {
  brokers: string[];
  /** KAFKA_TOPIC [user-topic, the seed's]. */
  topic: string;
  /** KAFKA_CLIENT_ID [tributary]. */
  clientId: string;
  /** A batch not acknowledged by all in-sync replicas within this fails and is retried [30 s]. */
  sendTimeoutMs: number;
}

/** The limits every door keeps, and what operators watch (#16). */
export interface OpsConfig {
  /** A shutdown ends within this, whatever is still pending [10 s]. */
  shutdownTimeoutMs: number;
  /** Largest request body on /graphql [1 MB]. */
  bodyLimitBytes: number;
  /** Deepest selection a query may nest [12]. */
  maxDepth: number;
  /** Most aliases in one operation [30]. */
  maxAliases: number;
  /** Highest cost of one operation, lists costed by their `first` [5000]. */
  maxCost: number;
  /** Most lexical tokens in one document, checked while parsing [5000]. */
  maxTokens: number;
  /** GraphQL requests per token per minute [600]. */
  rateLimitPerMinute: number;
  /** A WebSocket must send connection_init within this or is closed 4408 [10 s]. */
  wsInitTimeoutMs: number;
  /** Operations slower than this are logged with their name and cost [1 s]. */
  slowOperationMs: number;
  /** Set: GET /metrics answers to `Bearer <metricsToken>`; unset: 404. */
  metricsToken?: string;
  /** The whole-response cache of GraphQL queries; null: off (src/server/response-cache.ts). */
  responseCache: ResponseCacheConfig | null;
}

export interface ResponseCacheConfig {
  /** An answer is served at most this long after it was computed, even with no write [1 s]. */
  ttlMs: number;
  /** Most answers kept [1000]. */
  maxEntries: number;
  /** Most bytes of answers kept (their JSON text) [32 MB]. */
  maxBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty variables count as unset, as a shell user would expect.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  if (e.DATABASE_URL && e.CHAIN_RPC_URL && !e.TRIBUTARY_ANCHOR_KEY) {
    throw new ConfigError([
      'TRIBUTARY_ANCHOR_KEY: required when DATABASE_URL and CHAIN_RPC_URL are set ' +
        '(the funded key that sends anchoring transactions). Only embedded mode generates one.',
    ]);
  }
  if (e.SYNC_WEBHOOK_URLS?.length && !e.WEBHOOK_SECRET) {
    throw new ConfigError([
      "WEBHOOK_SECRET: required when SYNC_WEBHOOK_URLS is set (the webhooks' signing secret, " +
        'at least 16 characters).',
    ]);
  }
  if (e.DATABASE_URL && !e.TRIBUTARY_SECRET_KEY) {
    throw new ConfigError([
      'TRIBUTARY_SECRET_KEY: required when DATABASE_URL is set (32 bytes, hex or base64; ' +
        'e.g. `openssl rand -base64 32`). Only embedded mode generates one.',
    ]);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    logLevel: e.LOG_LEVEL,
    secretKey: e.TRIBUTARY_SECRET_KEY,
    adminToken: e.TRIBUTARY_ADMIN_TOKEN,
    schedulerEnabled: e.SCHEDULER_ENABLED,
    dbPoolMax: e.DB_POOL_MAX,
    workerConcurrency: e.WORKER_CONCURRENCY,
    runProgressPerSecond: e.RUN_PROGRESS_PER_SECOND,
    hubNice: e.HUB_NICE ?? (e.WORKER_CONCURRENCY === 0 ? 10 : 0),
    runStaleSeconds: e.RUN_STALE_SECONDS,
    anchorKey: e.TRIBUTARY_ANCHOR_KEY,
    chainRpcUrl: e.CHAIN_RPC_URL,
    chainConfirmations: e.CHAIN_CONFIRMATIONS,
    anchorBatchSeconds: e.ANCHOR_BATCH_SECONDS,
    verifyRateLimitPerMinute: e.VERIFY_RATE_LIMIT_PER_MINUTE,
    kafka: e.KAFKA_BROKERS
      ? {
          brokers: e.KAFKA_BROKERS,
          topic: e.KAFKA_TOPIC,
          clientId: e.KAFKA_CLIENT_ID,
          sendTimeoutMs: e.KAFKA_SEND_TIMEOUT_MS,
        }
      : undefined,
    ops: {
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxCost: e.GRAPHQL_MAX_COST,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      rateLimitPerMinute: e.GRAPHQL_RATE_LIMIT_PER_MINUTE,
      wsInitTimeoutMs: e.WS_INIT_TIMEOUT_MS,
      slowOperationMs: e.SLOW_OPERATION_MS,
      metricsToken: e.METRICS_TOKEN,
      responseCache: e.GRAPHQL_RESPONSE_CACHE
        ? {
            ttlMs: e.GRAPHQL_RESPONSE_CACHE_TTL_MS,
            maxEntries: e.GRAPHQL_RESPONSE_CACHE_ITEMS,
            maxBytes: Math.round(e.GRAPHQL_RESPONSE_CACHE_MAX_MB * 1024 * 1024),
          }
        : null,
    },
    allowPrivateTargets: e.ALLOW_PRIVATE_TARGETS,
    trustProxy: e.TRUST_PROXY,
    events: {
      webhookUrls: e.SYNC_WEBHOOK_URLS ?? [],
      webhookSecret: e.WEBHOOK_SECRET,
      concurrencyPerWebhook: e.WEBHOOK_CONCURRENCY,
    },
  };
}
