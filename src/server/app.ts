import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Request } from 'express';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Db } from '../db/knex';
import type { Logger } from '../logger';
import type { Caller } from '../services/access/api-token.service';
import type { Services } from '../services';
import type { Context } from '../schema/context.type';
import { createLoaders } from '../schema/loaders';
import { callerFor } from './authenticate';
import { dashboardRoutes } from './dashboard';
import { errorFormatter } from './errors';
import { healthRoutes } from './health';
import { credentialRoutes } from './credential-routes';
import { graphiqlRoute } from './graphiql';
import { runRoutes } from './run-routes';
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
  /** Express's `trust proxy` (TRUST_PROXY): which X-Forwarded-For hops name the client [false]. */
  trustProxy?: boolean | number | string;
}

export interface App {
  httpServer: http.Server;
  listen(port: number, host: string): Promise<{ port: number }>;
  close(): Promise<void>;
}

/** A signal aborted when the connection closes before the response was sent in full. */
function abortedWhenGone(res: express.Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new Error('the client went away'));
  });
  return controller.signal;
}

type AuthedRequest = Request & { caller?: Caller };

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

  const context = (caller: Caller): Context => ({
    caller,
    services,
    loaders: createLoaders(services),
    logger: log,
  });

  // Only subscriptions, re-authorized on each subscribe, closed on revocation (socket-policy.ts).
  const sockets = new SocketPolicy({
    schema,
    tokens: services.apiTokens,
    events: services.notifier,
    context,
    formatError: errorFormatter(log),
    logger: log,
  });
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: WS_MAX_PAYLOAD,
  });
  const wsCleanup = useServer(sockets.serverOptions(), wsServer);

  const apollo = new ApolloServer<Context>({
    schema,
    formatError: errorFormatter(log),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      {
        serverWillStart: async () => ({
          drainServer: async () => {
            sockets.dispose();
            await wsCleanup.dispose();
          },
        }),
      },
    ],
  });
  await apollo.start();

  app.use(healthRoutes(db));
  app.get('/graphiql', graphiqlRoute());
  app.use(credentialRoutes(services, verifyRateLimitPerMinute));
  app.use(runRoutes(services));
  app.use(
    '/graphql',
    async (req: AuthedRequest, res, next) => {
      try {
        const caller = await callerFor(services.apiTokens, req.headers.authorization);
        if (!caller) {
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
        req.caller = caller;
        next();
      } catch (error) {
        next(error);
      }
    },
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        ...context((req as AuthedRequest).caller as Caller),
        signal: abortedWhenGone(res),
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
      await apollo.stop();
      if (httpServer.listening)
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
