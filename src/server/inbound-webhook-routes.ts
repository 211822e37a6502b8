/**
 * POST /webhooks/<connector id>: a provider pushes records, signed with the
 * connector's inbound secret (contract/providers.md, "Inbound webhooks").
 * The raw bytes are kept for the signature check, up to 5 MB (413 beyond).
 * 202 { runId } when accepted; 400, 401, 404, 409 or 413 with { error }
 * otherwise, and nothing stored. No bearer token: the signature is the
 * authentication. Each client address is limited per minute.
 */
import express, {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type Response,
  type Router,
} from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from '../logger';
import { idOf, toGlobalId } from '../schema/global-id';
import { SIGNATURE_HEADER } from '../security/webhook-signature';
import type { Services } from '../services';
import { INBOUND_BODY_LIMIT_BYTES } from '../services/connectors/inbound-webhook.service';

export function inboundWebhookRoutes(services: Services, logger: Logger, perMinute = 600): Router {
  const router = express.Router();
  const tooLarge: ErrorRequestHandler = (error: { type?: string }, req, res, next) => {
    if (error?.type === 'entity.too.large') {
      logger.warn(
        { path: req.path, status: 413, bytes: Number(req.headers['content-length']) || null },
        'inbound webhook refused: body over the limit',
      );
      res
        .status(413)
        .json({ error: `the body is over the limit of ${INBOUND_BODY_LIMIT_BYTES} bytes` });
      return;
    }
    next(error);
  };
  router.post(
    '/webhooks/:connectorId',
    rateLimit({
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) => {
        res.status(429).json({ error: `too many requests: over ${perMinute} a minute` });
      },
    }),
    // Every content type, as bytes: the signature is over the body exactly as sent.
    express.raw({ type: () => true, limit: INBOUND_BODY_LIMIT_BYTES }),
    tooLarge,
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const header = req.headers[SIGNATURE_HEADER];
        const reception = await services.inboundWebhooks.receive(
          idOf('Connector', String(req.params.connectorId)),
          Array.isArray(header) ? header[0] : header,
          body,
        );
        res.set('cache-control', 'no-store');
        if (reception.status === 202) {
          res.status(202).json({ runId: toGlobalId('Run', reception.runId) });
          return;
        }
        if (reception.retryAfterSeconds)
          res.set('retry-after', String(reception.retryAfterSeconds));
        res.status(reception.status).json({ error: reception.error });
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}
