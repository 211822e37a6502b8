import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Caller } from '../services/access/api-token.service';
import { errorBody } from './limit-error';

/**
 * The JSON body parser of /graphql with its size limit (BODY_LIMIT_BYTES),
 * and the handler that answers a body over it 413 in GraphQL's error shape,
 * naming the limit (other body errors go to the app's error handler).
 */
export function jsonBody(limitBytes: number): [RequestHandler, ErrorRequestHandler] {
  const parse = express.json({ limit: limitBytes });
  const refuse: ErrorRequestHandler = (error: { type?: string }, _req, res, next) => {
    if (error?.type === 'entity.too.large') {
      res.status(413).json(
        errorBody(`the request body is over the limit of ${limitBytes} bytes (BODY_LIMIT_BYTES)`, {
          code: 'BAD_REQUEST',
          limit: 'BODY_LIMIT_BYTES',
          max: limitBytes,
        }),
      );
      return;
    }
    next(error);
  };
  return [parse, refuse];
}

/**
 * GRAPHQL_RATE_LIMIT_PER_MINUTE per API token (after authentication, so the
 * keys are tokens that exist). Over it: 429 with Retry-After and a
 * GraphQL-shaped error. The environment's admin token counts as one token.
 */
export function perTokenRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const caller = (req as Request & { caller?: Caller }).caller;
      return caller?.tokenId != null ? `token:${caller.tokenId}` : `name:${caller?.name ?? '?'}`;
    },
    handler: (_req, res) => {
      res
        .status(429)
        .json(
          errorBody(
            `too many requests: over ${perMinute} a minute for this token (GRAPHQL_RATE_LIMIT_PER_MINUTE); retry after the Retry-After seconds`,
            { code: 'RATE_LIMITED', limit: 'GRAPHQL_RATE_LIMIT_PER_MINUTE', max: perMinute },
          ),
        );
    },
  });
}
