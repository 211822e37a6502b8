/**
 * Events as the API reads them (with their deliveries), replay, and the
 * sync health of the seed's health check.
 */
import type { Knex } from 'knex';
import { pageRequest, toConnection } from '../services/pagination';
import type { Dispatcher } from './dispatcher';
import type { EventType } from './outbox';

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED', 'DEAD'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface EventRow {
  id: number;
  type: EventType;
  key: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface DeliveryRow {
  id: number;
  eventId: number;
  sink: string;
  webhookId: number | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
}

export interface SyncHealthReport {
  healthy: boolean;
  failureRate: number;
  failedConnectorIds: number[];
  pendingDeliveries: number;
  deadDeliveries: number;
  message: string;
}

/** Above this share of failed runs over 24 h the hub is not healthy (the seed's 10 %). */
export const HEALTHY_FAILURE_RATE = 0.1;

export class EventService {
  constructor(
    private readonly db: Knex,
    private readonly dispatcher: Dispatcher,
  ) {}

  /** Newest first; `deliveryStatus`: events with at least one delivery in that status. */
  async list(args: {
    first?: number | null;
    after?: string | null;
    type?: EventType | null;
    deliveryStatus?: DeliveryStatus | null;
  }) {
    const page = pageRequest(args.first, args.after);
    const filtered = () => {
      const query = this.db('outboxEvents');
      if (args.type) query.where('type', args.type);
      if (args.deliveryStatus) {
        query.whereExists(
          this.db('deliveries')
            .select(this.db.raw('1'))
            .whereRaw('deliveries.event_id = outbox_events.id')
            .where('deliveries.status', args.deliveryStatus),
        );
      }
      return query;
    };
    const rowsQuery = filtered()
      .select('id', 'type', 'key', 'payload', 'createdAt')
      .orderBy('id', 'desc')
      .limit(page.limit + 1);
    if (page.cursorId !== null) rowsQuery.where('id', '<', page.cursorId);
    const rows = (await rowsQuery) as EventRow[];
    return toConnection(
      rows.map((row) => ({ ...row, id: Number(row.id) })),
      page,
      async () => {
        const [{ count }] = (await filtered().count('* as count')) as { count: number }[];
        return Number(count);
      },
      (row) => row,
    );
  }

  async byIds(ids: readonly number[]): Promise<(EventRow | undefined)[]> {
    const rows = (await this.db('outboxEvents')
      .select('id', 'type', 'key', 'payload', 'createdAt')
      .whereIn('id', ids as number[])) as EventRow[];
    const byId = new Map(rows.map((row) => [Number(row.id), { ...row, id: Number(row.id) }]));
    return ids.map((id) => byId.get(id));
  }

  /** The deliveries of many events in one statement (OutboxEvent.deliveries' loader). */
  async deliveriesOf(eventIds: readonly number[]): Promise<DeliveryRow[][]> {
    const rows = (await this.db('deliveries')
      .select(
        'id',
        'eventId',
        'sink',
        'webhookId',
        'status',
        'attempts',
        'lastError',
        'nextAttemptAt',
        'deliveredAt',
      )
      .whereIn('eventId', eventIds as number[])
      .orderBy('id')) as DeliveryRow[];
    const byEvent = new Map<number, DeliveryRow[]>();
    for (const row of rows) {
      const list = byEvent.get(Number(row.eventId)) ?? [];
      list.push({
        ...row,
        nextAttemptAt: row.status === 'PENDING' ? row.nextAttemptAt : null,
      });
      byEvent.set(Number(row.eventId), list);
    }
    return eventIds.map((id) => byEvent.get(id) ?? []);
  }

  /**
   * Sends an event again: its DEAD and FAILED deliveries (to live webhooks
   * and this process's sinks) are queued again with a fresh series of
   * attempts; when it has none, all its deliveries are, and the live
   * webhooks and sinks that had none get one. Returns the event, or
   * undefined when there is no such event.
   */
  async replay(eventId: number): Promise<EventRow | undefined> {
    const sinks = this.dispatcher.sinkNames;
    const event = await this.db.transaction(async (trx) => {
      const row = (await trx('outboxEvents')
        .where({ id: eventId })
        .first('id', 'type', 'key', 'payload', 'createdAt')) as EventRow | undefined;
      if (!row) return undefined;
      const requeue = (statuses: readonly DeliveryStatus[]) =>
        trx.raw(
          `UPDATE deliveries d SET status = 'PENDING', attempts = 0, next_attempt_at = now(),
                  delivered_at = NULL, lease_owner = NULL, lease_until = NULL, updated_at = now()
            WHERE d.event_id = ? AND d.status = ANY (?::text[])
              AND (d.sink = ANY (?::text[]) OR EXISTS (
                SELECT 1 FROM webhooks w WHERE w.id = d.webhook_id AND w.deleted_at IS NULL))
            RETURNING d.id`,
          [eventId, statuses, sinks] as unknown as Knex.RawBinding[],
        ) as unknown as Promise<{ rows: unknown[] }>;
      const revived = await requeue(['DEAD', 'FAILED']);
      if (revived.rows.length === 0) {
        await requeue(['DELIVERED']);
        await trx.raw(
          `INSERT INTO deliveries (event_id, sink, webhook_id, key)
           SELECT e.id, 'webhook', w.id, e.key FROM outbox_events e
             JOIN webhooks w ON w.deleted_at IS NULL AND w.active AND e.type = ANY (w.events)
            WHERE e.id = ?
           UNION ALL
           SELECT e.id, s.name, NULL, e.key FROM outbox_events e
             CROSS JOIN unnest(?::text[]) AS s(name) WHERE e.id = ?
           ON CONFLICT DO NOTHING`,
          [eventId, sinks, eventId] as unknown as Knex.RawBinding[],
        );
      }
      return { ...row, id: Number(row.id) };
    });
    this.dispatcher.wake();
    return event;
  }

  /** The seed's health check, over runs of the last 24 hours and the delivery queue. */
  async syncHealth(): Promise<SyncHealthReport> {
    const runs = (
      await this.db.raw<{ rows: { finished: number; failed: number }[] }>(
        `SELECT count(*)::int AS finished, count(*) FILTER (WHERE status = 'FAILED')::int AS failed
         FROM runs
        WHERE type <> 'TEST' AND job_kind = 'SYNC' AND completed_at > now() - interval '24 hours'
          AND status IN ('SUCCESS', 'PARTIAL_SUCCESS', 'FAILED')`,
      )
    ).rows[0];
    const failedConnectors = (await this.db('connectors')
      .where('status', 'FAILED')
      .orderBy('id')
      .select('id')) as { id: number }[];
    const queue = (
      await this.db.raw<{ rows: { pending: number; dead: number }[] }>(
        `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
              count(*) FILTER (WHERE status = 'DEAD')::int AS dead
         FROM deliveries WHERE status IN ('PENDING', 'DEAD')`,
      )
    ).rows[0];
    const failureRate = runs.finished ? runs.failed / runs.finished : 0;
    const problems: string[] = [];
    if (failureRate > HEALTHY_FAILURE_RATE) {
      problems.push(
        `${Math.round(failureRate * 100)} % of runs failed in 24 h (${runs.failed} of ${runs.finished})`,
      );
    }
    if (failedConnectors.length) {
      problems.push(
        `${failedConnectors.length} connector${failedConnectors.length === 1 ? '' : 's'} failing`,
      );
    }
    if (queue.dead) {
      problems.push(`${queue.dead} dead deliver${queue.dead === 1 ? 'y' : 'ies'}`);
    }
    const healthy = problems.length === 0;
    return {
      healthy,
      failureRate,
      failedConnectorIds: failedConnectors.map((row) => Number(row.id)),
      pendingDeliveries: queue.pending,
      deadDeliveries: queue.dead,
      message: healthy
        ? `healthy: ${runs.finished} runs in 24 h, ${runs.failed} failed; ${queue.pending} deliveries pending`
        : `unhealthy: ${problems.join('; ')}`,
    };
  }
}
