/**
 * The last handlers of the Express app: an unknown route is a JSON 404, and
 * any error a route passes on (a malformed URL, a body that is not JSON, a
 * fault) is a JSON answer with the status text only. Never a stack trace or
 * an error's own message, whatever NODE_ENV says: Express's default handler
 * shows the stack outside production.
 */
import http from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';

export function notFoundHandler(): RequestHandler {
  return (_req, res) => {
    res.status(404).json({ error: http.STATUS_CODES[404] });
  };
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const declared =
      (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
      (error as { statusCode?: unknown } | null)?.statusCode;
    // 4xx are the client's doing (bad URL encoding, malformed JSON, too large); all else is ours.
    const status =
      typeof declared === 'number' && declared >= 400 && declared < 500 ? declared : 500;
    if (status === 500) logger.error({ err: error, path: req.path }, 'unhandled HTTP error');
    else logger.debug({ status, path: req.path }, 'bad HTTP request');
    res.status(status).json({ error: http.STATUS_CODES[status] ?? 'Error' });
  };
}
