import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Db } from '../db/knex';
import type { Logger } from '../logger';
import type { Caller } from '../services/access/api-token.service';
import type { Services } from '../services';
import type { Context } from '../schema/context.type';
import { createLoaders } from '../schema/loaders';
import { callerAndSnapshotFor } from './authenticate';
import { responseCache, type ResponseCacheStats } from './response-cache';
import { dashboardRoutes } from './dashboard';
import { Drain } from './drain';
import {
  bearerMatches,
  operationTracing,
  reenterLogContext,
  requestIds,
  type TracedRequest,
} from '../observability/request-id';
import { defaultOpsConfig, type OpsConfig } from '../config';
import { jsonBody, perTokenRateLimit } from '../limits/http-limits';
import { queryLimitsPlugin, withLimitCodes } from '../limits/query-limits';
import { errorFormatter } from './errors';
import { healthRoutes } from './health';
import { credentialRoutes } from './credential-routes';
import { graphiqlRoute } from './graphiql';
import { runRoutes } from './run-routes';
import { reconciliationRoutes } from './reconciliation-routes';
import { inboundWebhookRoutes } from './inbound-webhook-routes';
import type { DirectNext } from './shared-send';
import { sharedSubscribe } from './shared-subscribe';
import { SocketPolicy, WS_MAX_PAYLOAD } from './socket-policy';
import { errorHandler, notFoundHandler } from './error-handler';
import { apiHeaders } from './security-headers';

export interface AppDeps {
  db: Db;
  logger: Logger;
  services: Services;
  schema: GraphQLSchema;
  /** Per client per minute on the public credential routes [60]. */
  verifyRateLimitPerMinute?: number;
  /** Request limits and operability switches; default: config.ts's defaults. */
  ops?: OpsConfig;
  /** Express's `trust proxy` (TRUST_PROXY): which X-Forwarded-For hops name the client [false]. */
  trustProxy?: boolean | number | string;
}

export interface App {
  httpServer: http.Server;
  listen(port: number, host: string): Promise<{ port: number }>;
  /** Stops listening, tells subscribers 1001, closes every connection (see drain.ts). */
  close(): Promise<void>;
  /** What close() still waits for. */
  pending(): Record<string, unknown>;
  /** The GraphQL response cache's counters; undefined when it is off (GRAPHQL_RESPONSE_CACHE=false). */
  responseCache?: ResponseCacheStats;
}

/**
 * Close code for a client that fell too far behind its subscriptions (more
 * events waiting for it than the notifier's per-subscriber buffer holds):
 * it is dropped so that it slows no one else; graphql-ws clients reconnect.
 */
export const WS_SUBSCRIBER_TOO_SLOW = 4008;

/** A signal aborted when the connection closes before the response was sent in full. */
function abortedWhenGone(res: express.Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new Error('the client went away'));
  });
  return controller.signal;
}

type AuthedRequest = Request & { caller?: Caller; readSnapshot?: string };

/**
 * One HTTP server: GraphQL over HTTP and over WebSocket (graphql-ws) at
 * /graphql, health probes, and a local GraphiQL. Every GraphQL request is
 * authenticated before Apollo sees it.
 */
export async function createApp({
  db,
  logger,
  services,
  schema,
  verifyRateLimitPerMinute = 60,
  ops = defaultOpsConfig(),
  trustProxy = false,
}: AppDeps): Promise<App> {
  const log = logger.child({ source: 'http' });
  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy, req.ip (and so each rate-limit bucket) is the real client's.
  app.set('trust proxy', trustProxy);
  // Security headers on everything; pages set their own CSP (security-headers.ts).
  app.use(apiHeaders());
  const httpServer = http.createServer(app);

  const context = (caller: Caller, req?: TracedRequest): Context => ({
    caller,
    services,
    loaders: createLoaders(services),
    // Lines written while serving the request carry its requestId (logContext).
    logger: log,
    requestId: req?.requestId,
  });

  // Only subscriptions, re-authorized on each subscribe, closed on revocation (socket-policy.ts).
  const sockets = new SocketPolicy({
    schema,
    tokens: services.apiTokens,
    events: services.notifier,
    context,
    formatError: withLimitCodes(errorFormatter(log), ops),
    logger: log,
    // The same depth, alias, cost and token limits as over HTTP (src/limits).
    queryLimits: ops,
  });
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: WS_MAX_PAYLOAD,
  });
  const drain = new Drain(httpServer, wsServer);
  const socketOptions = sockets.serverOptions();
  /** Each subscription's direct sender, by its context (one per subscribe). */
  const senders = new WeakMap<object, DirectNext>();
  const wsCleanup = useServer(
    {
      ...socketOptions,
      connectionInitWaitTimeout: ops.wsInitTimeoutMs,
      // Subscribers asking the same thing share each event's execution, and
      // its message is serialised once and written to their sockets directly.
      subscribe: sharedSubscribe((args) => senders.get(args.contextValue as object)),
      onSubscribe: async (ctx, id, payload) => {
        const args = await socketOptions.onSubscribe!(ctx, id, payload);
        if (args && 'contextValue' in args) {
          // A subscriber that falls too far behind is dropped, socket and all.
          (args.contextValue as Context).dropSlowSubscriber = () =>
            ctx.extra.socket.close(WS_SUBSCRIBER_TOO_SLOW, 'subscriber too slow');
          senders.set(args.contextValue as object, sockets.directSender(ctx.extra.socket, id));
        }
        return args;
      },
    },
    wsServer,
  );

  // Queries answered again from memory while the database has not changed.
  const cached = ops.responseCache ? responseCache(ops.responseCache) : undefined;
  if (cached) services.metrics.responseCacheStats = () => cached.stats;
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: withLimitCodes(errorFormatter(log), ops),
    parseOptions: { maxTokens: ops.maxTokens },
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT (shutdown.ts); Apollo's own handler would
    // stop it first and re-send the signal, which our handler then ignores.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching of GraphQL here; left on, it wraps every field resolver
      // to compute cache hints (about a third of a page of connectors' time).
      ApolloServerPluginCacheControlDisabled(),
      {
        serverWillStart: async () => ({
          drainServer: async () => {
            sockets.dispose();
            await wsCleanup.dispose();
          },
        }),
      },
      queryLimitsPlugin(ops),
      services.metrics.graphqlPlugin(),
      operationTracing(ops.slowOperationMs),
      ...(cached?.plugins ?? []),
    ],
  });
  await apollo.start();

  app.use(requestIds());
  app.use(services.metrics.httpMiddleware);
  app.use(drain.middleware);
  app.get(
    '/metrics',
    services.metrics.route(ops.metricsToken, bearerMatches(ops.metricsToken ?? '')),
  );
  app.use(healthRoutes(db));
  app.get('/graphiql', graphiqlRoute());
  app.use(credentialRoutes(services, verifyRateLimitPerMinute));
  app.use(runRoutes(services));
  app.use(reconciliationRoutes(services));
  app.use(inboundWebhookRoutes(services, log));
  app.use(
    '/graphql',
    async (req: AuthedRequest, res: Response, next: NextFunction) => {
      try {
        const found = await callerAndSnapshotFor(services.apiTokens, req.headers.authorization);
        if (!found) {
          res
            .status(401)
            .set('WWW-Authenticate', 'Bearer')
            .json({
              errors: [
                {
                  message: 'a valid bearer token is required',
                  extensions: { code: 'UNAUTHENTICATED' },
                },
              ],
            });
          return;
        }
        req.caller = found.caller;
        req.readSnapshot = found.snapshot;
        next();
      } catch (error) {
        next(error);
      }
    },
    perTokenRateLimit(ops.rateLimitPerMinute),
    ...jsonBody(ops.bodyLimitBytes),
    reenterLogContext,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        ...context((req as AuthedRequest).caller as Caller, req as TracedRequest),
        signal: abortedWhenGone(res),
        readSnapshot: (req as AuthedRequest).readSnapshot,
      }),
    }),
  );
  // The admin dashboard at `/`, after every API route so it shadows none.
  app.use(dashboardRoutes());
  // Last: JSON 404 and errors, never a stack trace (error-handler.ts).
  app.use(notFoundHandler());
  app.use(errorHandler(log));

  return {
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          const address = httpServer.address();
          resolve({ port: typeof address === 'object' && address ? address.port : port });
        });
      }),
    close: async () => {
      await drain.close();
      await apollo.stop();
    },
    pending: () => drain.pending(),
    responseCache: cached?.stats,
  };
}
