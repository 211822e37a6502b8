/**
 * Where events go besides webhooks: a sink (Kafka when KAFKA_BROKERS is set)
 * takes events in outbox order and resolves once the far side has
 * acknowledged every one of them. The dispatcher keeps one delivery per event
 * per sink (Delivery.sink is the sink's name) and retries what a send
 * rejected; a sink keeps no state of its own that a restart could lose.
 */
import type { EventType } from './outbox';

/** An event as it leaves the hub: the same JSON for webhooks and sinks. */
export interface OutboxEventMessage {
  /** The event's id: receivers drop repeats by it (delivery is at least once). */
  id: string;
  type: EventType;
  /** Ordering/partition key; events with one key are sent in order. */
  key: string | null;
  /** When the event was recorded, ISO 8601. */
  timestamp: string;
  data: Record<string, unknown>;
}

export interface EventSink {
  /** Delivery.sink, e.g. "kafka:user-topic". */
  readonly name: string;
  /**
   * Sends `events` (in outbox order) and resolves when all are acknowledged;
   * rejects (with a message fit for Delivery.lastError, no secrets) when any
   * is not, so the dispatcher retries the batch.
   */
  send(events: readonly OutboxEventMessage[]): Promise<void>;
  /** Flushes and disconnects; called once at shutdown. */
  close(): Promise<void>;
}
