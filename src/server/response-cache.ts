/**
 * The whole-response cache of GraphQL queries over HTTP: a dashboard polling
 * an unchanged hub gets the answer it got a moment ago without executing it
 * again. Apollo's response cache plugin (@apollo/server-plugin-response-cache)
 * does the work, in a bounded InMemoryLRUCache; this file decides what may be
 * cached and under which key.
 *
 * Correct under writes, on every process: the key carries the database
 * snapshot (`pg_current_snapshot()`) read by the same statement that checks
 * the request's bearer token, before anything of the answer is read. The
 * snapshot changes whenever a writing transaction ends anywhere on the
 * database server (this process, another hub process, a worker, a migration,
 * a psql session), so a request made after a write commits never finds an
 * answer stored before it: no event, NOTIFY or invalidation list to keep in
 * step with the code that writes. An answer computed while a write commits
 * is stored under the snapshot read before it and is never found again.
 *
 * The key also carries the caller's role and token id, so one caller never
 * gets another's answer (`viewer`, what a VIEWER may not see), besides the
 * document, the operation name and the variables (the plugin's own key).
 *
 * Only queries are cached (never mutations or subscriptions; subscriptions
 * do not go through HTTP), only answers without errors, and only when every
 * root field is one whose answer is made of the database's rows and the
 * caller: `scheduler` (this process's scheduler state) and `verifyCredential`
 * (asks the chain) never are. What depends on the clock without a write
 * (`schedule.nextRunAt` once its tick passed with no run, a running run's
 * duration, windows of "the last 24 h") lasts at most the entry's lifetime,
 * `ttlMs` (GRAPHQL_RESPONSE_CACHE_TTL_MS, 1 s by default).
 */
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import {
  Kind,
  type DocumentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ResponseCacheConfig } from '../config';
import type { Context } from '../schema/context.type';

/**
 * Query fields whose answers are a function of the committed rows, the
 * caller and (within `ttlMs`) the clock. A field not listed is never cached:
 * add a new query field here only when that holds for everything under it.
 */
export const CACHEABLE_QUERY_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  '__schema',
  '__type',
  'apiTokens',
  'auditLog',
  'connector',
  'connectorKinds',
  'connectors',
  'credential',
  'credentials',
  'events',
  'issuers',
  'learner',
  'node',
  'reconciliation',
  'reconciliations',
  'records',
  'run',
  'runActivity',
  'runs',
  'settlements',
  'sourceFiles',
  'syncHealth',
  'transactions',
  'viewer',
  'webhooks',
]);

/** Longest key (document, variables...) of an answer cached, as JSON: bigger requests are executed. */
const MAX_KEY_LENGTH = 64 * 1024;

/** Longest a request waits for the same query executing for another (then it executes it itself). */
const FLIGHT_WAIT_LIMIT_MS = 10_000;

/** Counters since start, for the benchmark and tests. */
export interface ResponseCacheStats {
  /** Answers served from the cache. */
  hits: number;
  /** Cacheable queries that were executed (not found, or expired). */
  misses: number;
}

/** The names of an operation's root fields, fragments included. */
function rootFields(operation: OperationDefinitionNode, document: DocumentNode): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const walk = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        names.push(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (seen.has(name)) continue;
        seen.add(name);
        const fragment = document.definitions.find(
          (definition) =>
            definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === name,
        );
        // Validation refuses an unknown fragment before we are asked.
        if (fragment && fragment.kind === Kind.FRAGMENT_DEFINITION) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return names;
}

/**
 * What the answer is keyed by, as JSON, when this request's answer may be
 * read from and written to the cache; null when it may not (also when its
 * variables are too big or too deep to write as JSON: the cache plugin's key
 * is never built for them). Worked out once per request.
 */
const keys = new WeakMap<object, string | null>();
function cacheKeyOf(requestContext: GraphQLRequestContext<Context>): string | null {
  const known = keys.get(requestContext.request);
  if (known !== undefined) return known;
  const key = keyOf(requestContext);
  keys.set(requestContext.request, key);
  return key;
}

function keyOf(requestContext: GraphQLRequestContext<Context>): string | null {
  const { operation, document, contextValue } = requestContext;
  if (!operation || !document || operation.operation !== 'query') return null;
  // No snapshot (a caller authenticated some other way): nothing to key by.
  if (!contextValue.readSnapshot) return null;
  if (!rootFields(operation, document).every((name) => CACHEABLE_QUERY_FIELDS.has(name))) {
    return null;
  }
  let key: string;
  try {
    key = JSON.stringify([
      requestContext.source,
      requestContext.operationName,
      requestContext.request.variables ?? {},
      contextValue.readSnapshot,
      contextValue.caller.role,
      contextValue.caller.tokenId,
    ]);
  } catch {
    return null;
  }
  return key.length <= MAX_KEY_LENGTH ? key : null;
}

const cacheable = (requestContext: GraphQLRequestContext<Context>) =>
  cacheKeyOf(requestContext) !== null;

/** The plugins to add to Apollo Server, and their counters. */
export function responseCache(config: ResponseCacheConfig): {
  plugins: ApolloServerPlugin<Context>[];
  stats: ResponseCacheStats;
} {
  const stats: ResponseCacheStats = { hits: 0, misses: 0 };
  const cache = new InMemoryLRUCache<string>({
    max: config.maxEntries,
    // Each entry's size is its JSON text's length (InMemoryLRUCache's default).
    maxSize: config.maxBytes,
  });
  const maxAge = config.ttlMs / 1000;
  /**
   * Cacheable queries being executed now, by what their answer is keyed by:
   * when an entry expires under many pollers, the first executes it and the
   * others asking the same thing at the same snapshot wait for its answer
   * instead of each executing it again.
   */
  const executing = new Map<string, Promise<void>>();
  return {
    stats,
    plugins: [
      {
        // Before the cache plugin: a request waits here for the same query
        // executing now, then looks in the cache (which has its answer
        // unless it failed: then this request executes it itself).
        async requestDidStart() {
          let done: (() => void) | undefined;
          return {
            async responseForOperation(requestContext) {
              const key = cacheKeyOf(requestContext);
              if (key === null) return null;
              const running = executing.get(key);
              if (running) {
                await running;
                return null;
              }
              let release!: () => void;
              const finished = new Promise<void>((resolve) => (release = resolve));
              executing.set(key, finished);
              // Should this request never send a response, the others stop waiting anyway.
              const limit = setTimeout(() => done?.(), FLIGHT_WAIT_LIMIT_MS).unref();
              done = () => {
                clearTimeout(limit);
                if (executing.get(key) === finished) executing.delete(key);
                release();
              };
              return null;
            },
            async willSendResponse() {
              // After every plugin's willSendResponse, the cache plugin's store included.
              if (done) setImmediate(done);
            },
          };
        },
      },
      responseCachePlugin<Context>({
        cache,
        extraCacheKeyData: async ({ contextValue }) => ({
          snapshot: contextValue.readSnapshot,
          role: contextValue.caller.role,
          tokenId: contextValue.caller.tokenId,
        }),
        shouldReadFromCache: async (requestContext) => cacheable(requestContext),
        shouldWriteToCache: async (requestContext) => cacheable(requestContext),
      }),
      {
        // Cache-control hints are off (app.ts): an executed cacheable query
        // gets its lifetime here, which is what the plugin stores it for.
        async requestDidStart() {
          let executed = false;
          return {
            async executionDidStart(requestContext) {
              if (!cacheable(requestContext)) return;
              executed = true;
              requestContext.overallCachePolicy.replace({ maxAge, scope: 'PUBLIC' });
            },
            async willSendResponse(requestContext) {
              if (requestContext.metrics.responseCacheHit) stats.hits += 1;
              else if (executed) stats.misses += 1;
            },
          };
        },
      },
    ],
  };
}
