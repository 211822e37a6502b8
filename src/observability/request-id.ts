import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, RequestHandler } from 'express';
import { logContext, type Logger } from '../logger';
import { costOf } from '../limits/query-limits';
import { bearerToken } from '../server/authenticate';

/** An incoming X-Request-Id is kept when it looks like an id: short, no spaces or controls. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

export type TracedRequest = Request & { requestId?: string };

/**
 * First on every request: its id (the caller's X-Request-Id when well
 * formed, else a new UUID), sent back as X-Request-Id, in every log line
 * written while the request is served (logContext, read by the logger's
 * mixin), and in the extensions of every error a JSON answer holds (401,
 * 413, 429 and GraphQL).
 */
export function requestIds(): RequestHandler {
  return (req: TracedRequest, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && WELL_FORMED.test(incoming) ? incoming : randomUUID();
    req.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(withRequestId(body, requestId));
    logContext.run({ requestId }, next);
  };
}

/**
 * Enters the request's log context again: the body parser calls its next()
 * from the socket's stream events, outside the context the request began in.
 */
export const reenterLogContext: RequestHandler = (req: TracedRequest, _res, next) => {
  if (req.requestId) logContext.run({ requestId: req.requestId }, next);
  else next();
};

function withRequestId(body: unknown, requestId: string): unknown {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return body;
  return {
    ...(body as object),
    errors: errors.map((error: { extensions?: Record<string, unknown> }) => ({
      ...error,
      extensions: { ...error.extensions, requestId },
    })),
  };
}

/**
 * Apollo plugin: GraphQL errors carry the request id in their extensions
 * (Apollo writes its own answer, not through res.json), and operations
 * slower than `slowMs` are logged with their name, cost and time — never
 * their variables.
 */
export function operationTracing(slowMs: number): ApolloServerPlugin<{
  requestId?: string;
  logger: Logger;
}> {
  return {
    requestDidStart: async () => {
      const started = performance.now();
      return {
        willSendResponse: async ({ contextValue, operationName, response }) => {
          const ms = performance.now() - started;
          const { requestId } = contextValue;
          if (requestId && response.body.kind === 'single' && response.body.singleResult.errors) {
            response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
              ...error,
              extensions: { ...error.extensions, requestId },
            }));
          }
          if (ms > slowMs) {
            contextValue.logger.warn(
              {
                operationName: operationName ?? 'anonymous',
                cost: costOf(contextValue),
                durationMs: Math.round(ms),
              },
              'slow GraphQL operation',
            );
          }
        },
      };
    },
  };
}

/** Compares an Authorization header with `Bearer <token>` in constant time. */
export function bearerMatches(token: string): (header: unknown) => boolean {
  const expected = createHash('sha256').update(token).digest();
  return (header) => {
    const given = bearerToken(header);
    if (!given) return false;
    return timingSafeEqual(createHash('sha256').update(given).digest(), expected);
  };
}
