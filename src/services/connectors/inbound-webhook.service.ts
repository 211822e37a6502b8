/**
 * Inbound webhooks: a provider pushes records instead of being polled.
 * `enable` gives a connector a signing secret (returned once, stored sealed
 * like its connector secrets; enabling again rotates it and keeps the old one
 * valid for a grace period), `receive` turns a signed, fresh, first-seen
 * request into a WEBHOOK run through the same engine as a poll. A refused
 * request stores nothing, and its log line names the reason, never the body
 * or the signature.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { getDefinition } from '../../connectors/registry';
import type { ConnectorDefinition, ConnectorKind } from '../../connectors/types';
import { pushableStreams } from '../../inbound/pushed-stream';
import {
  deleteInboundWebhook,
  getInboundWebhook,
  insertPush,
  putSecret,
  rememberSignature,
  secretSetAtOf,
} from '../../inbound/store';
import type { Logger } from '../../logger';
import { ConnectorModel } from '../../models/connector.model';
import type { Publisher } from '../../pubsub/events';
import { enqueueRun } from '../../runs/store';
import type { SecretBox } from '../../security/secret-box';
import { SIGNATURE_TOLERANCE_SECONDS, verifySignature } from '../../security/webhook-signature';
import { invalidState, notFound } from '../user-errors';

/** How long a rotated-out secret is still accepted [24 h]. */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

/** Largest body accepted [5 MB]; larger ones are answered 413 unread. */
export const INBOUND_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/** Records one request may push. */
export const INBOUND_MAX_RECORDS = 10_000;

export interface InboundWebhookServiceDeps {
  db: Knex;
  secretBox: SecretBox;
  logger: Logger;
  publisher?: Publisher;
  kinds?: (kind: ConnectorKind) => ConnectorDefinition;
  /** Unix seconds now (tests move the clock). */
  now?: () => number;
}

/** What `receive` answers: an HTTP status and a JSON body. */
export type Reception =
  | { status: 202; runId: number }
  | { status: 400 | 401 | 404 | 409; error: string; retryAfterSeconds?: number };

const pushBody = z.object({
  data: z
    .array(z.record(z.string(), z.unknown()))
    .min(1, 'data must hold at least one record')
    .max(INBOUND_MAX_RECORDS, `at most ${INBOUND_MAX_RECORDS} records per request`),
  /** Which stream the records belong to, when the kind has more than one that accepts pushes. */
  stream: z.string().max(100).optional(),
});

/** Says why the request failed; refusals never run into a DomainError. */
class Refusal extends Error {
  constructor(readonly reception: Exclude<Reception, { status: 202 }>) {
    super(reception.error);
  }
}

export class InboundWebhookService {
  private readonly logger: Logger;

  constructor(private readonly deps: InboundWebhookServiceDeps) {
    this.logger = deps.logger.child({ source: 'inbound-webhooks' });
  }

  private definitionOf(kind: ConnectorKind): ConnectorDefinition {
    return (this.deps.kinds ?? getDefinition)(kind);
  }

  /** Creates or rotates the connector's signing secret; returns it (the only time it is shown). */
  async enable(connectorId: number): Promise<{ connector: ConnectorModel; secret: string }> {
    return this.deps.db.transaction(async (trx) => {
      const connector = await ConnectorModel.query(trx).findById(connectorId).forUpdate();
      if (!connector) return notFound('no connector with this id', ['id']);
      if (pushableStreams(this.definitionOf(connector.kind)).length === 0) {
        invalidState(`${connector.kind} connectors do not accept pushed records`, ['id']);
      }
      const current = await getInboundWebhook(trx, connectorId, { forUpdate: true });
      const secret = `whsec_${randomBytes(32).toString('base64url')}`;
      await putSecret(
        trx,
        connectorId,
        this.deps.secretBox.seal(secret, ownerOf(connectorId)),
        current
          ? { sealed: current.secret, validUntil: new Date(Date.now() + ROTATION_GRACE_MS) }
          : null,
      );
      this.logger.info(
        { connectorId, rotated: current !== undefined },
        current ? 'inbound webhook secret rotated' : 'inbound webhook enabled',
      );
      return { connector, secret };
    });
  }

  async disable(connectorId: number): Promise<ConnectorModel> {
    const connector = await ConnectorModel.query(this.deps.db).findById(connectorId);
    if (!connector) return notFound('no connector with this id', ['id']);
    if (await deleteInboundWebhook(this.deps.db, connectorId)) {
      this.logger.info({ connectorId }, 'inbound webhook disabled');
    }
    return connector;
  }

  /** When each connector that has an inbound webhook got its current secret. */
  secretSetAt(connectorIds: readonly number[]): Promise<Map<number, Date>> {
    return secretSetAtOf(this.deps.db, connectorIds);
  }

  /**
   * One request to POST /webhooks/<connector id>: checked, then (signature
   * remembered, run queued, records held for it) in one transaction, or
   * refused with nothing written.
   */
  async receive(
    connectorId: number | null,
    signatureHeader: string | undefined,
    body: Buffer,
  ): Promise<Reception> {
    try {
      const runId = await this.accept(connectorId, signatureHeader, body);
      this.logger.info({ connectorId, runId, bytes: body.length }, 'inbound webhook accepted');
      return { status: 202, runId };
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      // The reason and the size only: the body and the signature stay out of the log.
      this.logger.warn(
        { connectorId, status: error.reception.status, bytes: body.length },
        `inbound webhook refused: ${error.reception.error}`,
      );
      return error.reception;
    }
  }

  private async accept(
    connectorId: number | null,
    signatureHeader: string | undefined,
    body: Buffer,
  ): Promise<number> {
    const refuse = (status: 400 | 401 | 404 | 409, error: string, retryAfterSeconds?: number) => {
      throw new Refusal({ status, error, retryAfterSeconds });
    };
    const { db, secretBox } = this.deps;
    const unknown = 'no connector with this id accepts pushed records';
    if (connectorId === null) return refuse(404, unknown);
    const [connector, webhook] = await Promise.all([
      ConnectorModel.query(db).findById(connectorId),
      getInboundWebhook(db, connectorId),
    ]);
    if (!connector || !webhook) return refuse(404, unknown);

    const now = this.deps.now?.() ?? Math.floor(Date.now() / 1000);
    const secrets = [secretBox.open<string>(webhook.secret, ownerOf(connectorId))];
    if (
      webhook.previous &&
      webhook.previousValidUntil &&
      webhook.previousValidUntil.getTime() > now * 1000
    ) {
      secrets.push(secretBox.open<string>(webhook.previous, ownerOf(connectorId)));
    }
    const check = verifySignature(signatureHeader, body, secrets, now);
    if (!check.ok) {
      return refuse(
        401,
        check.reason === 'stale'
          ? `the signature's timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS / 60} minutes from now`
          : check.reason === 'malformed'
            ? 'a valid X-Tributary-Signature header (t=<unix seconds>,v1=<hex HMAC-SHA256>) is required'
            : 'the signature does not match the body',
      );
    }
    if (connector.status === 'PAUSED') return refuse(409, 'the connector is paused');

    let parsed: z.infer<typeof pushBody>;
    try {
      const result = pushBody.safeParse(JSON.parse(body.toString('utf8')));
      if (!result.success) {
        return refuse(
          400,
          result.error.issues
            .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
            .join('; ')
            .slice(0, 500),
        );
      }
      parsed = result.data;
    } catch {
      return refuse(400, 'the body must be JSON: { "data": [record, ...] }');
    }
    const streams = pushableStreams(this.definitionOf(connector.kind));
    const stream = parsed.stream
      ? streams.find((s) => s.name === parsed.stream)
      : streams.length === 1
        ? streams[0]
        : undefined;
    if (!stream) {
      return refuse(
        400,
        `stream must be one of ${streams.map((s) => s.name).join(', ') || '(none)'}`,
      );
    }

    return db.transaction(async (trx) => {
      // Lock the connector: a pause committed meanwhile is seen, not raced.
      const locked = await ConnectorModel.query(trx).findById(connectorId).forUpdate();
      if (!locked) return refuse(404, unknown);
      if (locked.status === 'PAUSED') return refuse(409, 'the connector is paused');
      const forgetBefore = new Date((now - 2 * SIGNATURE_TOLERANCE_SECONDS) * 1000);
      if (!(await rememberSignature(trx, connectorId, check.signature, forgetBefore))) {
        return refuse(409, 'this request was already received (replayed signature)');
      }
      const run = await enqueueRun(
        trx,
        { logger: this.deps.logger, publisher: this.deps.publisher },
        { connectorId, type: 'WEBHOOK', triggeredBy: 'inbound webhook' },
      );
      if (typeof run === 'string') {
        // Thrown inside the transaction: the signature is not kept, so the same request may come again.
        return refuse(409, 'the connector already has a queued or running run; retry shortly', 5);
      }
      await insertPush(trx, {
        runId: run.id,
        connectorId,
        stream: stream.name,
        records: parsed.data,
      });
      return run.id;
    });
  }
}

/** What a connector's inbound secrets are sealed to (not its connector secrets' owner). */
function ownerOf(connectorId: number): string {
  return `inbound-webhook:${connectorId}`;
}
