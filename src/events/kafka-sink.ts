/**
 * The Kafka sink (KAFKA_BROKERS set): each event becomes one message on
 * KAFKA_TOPIC [user-topic, the seed's], key = the event's key (a course id
 * for CREDENTIAL_ISSUED, so one course's events share a partition and keep
 * their order), value = the event's JSON as webhooks get it, header
 * `event-type`. A batch is sent when every message is acknowledged by all
 * in-sync replicas (acks -1) through an idempotent producer, so librdkafka's
 * own retries neither duplicate nor reorder within a partition; a batch not
 * acknowledged within KAFKA_SEND_TIMEOUT_MS rejects, and the dispatcher keeps
 * its deliveries PENDING and sends them again.
 *
 * The client, @confluentinc/kafka-javascript (librdkafka), is an optional
 * dependency: it builds native code, so a machine without it still runs
 * `npm ci && npm start`. It is loaded only here, only when KAFKA_BROKERS is
 * set, and its absence stops the start with what to install.
 */
import { createRequire } from 'node:module';
import type { KafkaConfig } from '../config';
import type { Logger } from '../logger';
import type { EventSink, OutboxEventMessage } from './sink';

export const KAFKA_CLIENT_PACKAGE = '@confluentinc/kafka-javascript';

/** KAFKA_BROKERS is set but the client cannot be loaded. */
export class KafkaClientMissing extends Error {
  override readonly name = 'KafkaClientMissing';
}

// The few parts of the client's KafkaJS-compatible API used here, so the hub
// type-checks whether or not the optional package is installed.
interface KafkaLogger {
  info(message: string, extra?: object): void;
  error(message: string, extra?: object): void;
  warn(message: string, extra?: object): void;
  debug(message: string, extra?: object): void;
  namespace(namespace: string, logLevel?: number): KafkaLogger;
  setLogLevel(logLevel: number): void;
}
interface KafkaMessage {
  key: string | null;
  value: string;
  headers: Record<string, string>;
}
export interface KafkaProducer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(record: { topic: string; messages: KafkaMessage[] }): Promise<unknown>;
}
interface KafkaClient {
  producer(config: Record<string, unknown>): KafkaProducer;
}
export interface KafkaModule {
  KafkaJS: {
    Kafka: new (config: Record<string, unknown>) => KafkaClient;
    logLevel: { NOTHING: number; ERROR: number; WARN: number; INFO: number; DEBUG: number };
  };
}

/** The client package, or a KafkaClientMissing that says how to install it. */
export async function loadKafkaClient(name: string = KAFKA_CLIENT_PACKAGE): Promise<KafkaModule> {
  try {
    // Required by name at run time, so the type checker never insists on the optional package.
    return createRequire(__filename)(name) as KafkaModule;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new KafkaClientMissing(
      `KAFKA_BROKERS is set, but the Kafka client ${name} could not be loaded ` +
        `(${reason}). It is an optional dependency with native code: install it with ` +
        `\`CKJS_LINKING=dynamic npm install ${KAFKA_CLIENT_PACKAGE}\` (needs a C/C++ compiler and ` +
        `Debian's zlib1g-dev and libssl-dev), or unset KAFKA_BROKERS.`,
      { cause: error },
    );
  }
}

/** The client's log lines, into the hub's log (at warn and above: librdkafka is chatty). */
function kafkaLogger(logger: Logger): KafkaLogger {
  const of = (child: Logger): KafkaLogger => ({
    info: (message, extra) => child.info(extra ?? {}, message),
    error: (message, extra) => child.error(extra ?? {}, message),
    warn: (message, extra) => child.warn(extra ?? {}, message),
    debug: (message, extra) => child.debug(extra ?? {}, message),
    namespace: (namespace) => of(child.child({ kafka: namespace })),
    setLogLevel: () => undefined,
  });
  return of(logger);
}

export interface KafkaSinkOptions extends KafkaConfig {
  logger: Logger;
  /** The loaded client [loadKafkaClient()]. */
  client?: KafkaModule;
}

export class KafkaSink implements EventSink {
  readonly name: string;
  private producer: Promise<KafkaProducer> | null = null;
  private closed = false;
  private readonly logger: Logger;

  constructor(
    private readonly client: KafkaModule,
    private readonly options: KafkaConfig & { logger: Logger },
  ) {
    this.name = `kafka:${options.topic}`;
    this.logger = options.logger.child({ source: 'kafka', topic: options.topic });
  }

  async send(events: readonly OutboxEventMessage[]): Promise<void> {
    if (events.length === 0) return;
    if (this.closed) throw new Error('the Kafka sink is closed');
    const producer = await this.connected();
    try {
      await producer.send({
        topic: this.options.topic,
        messages: events.map((event) => ({
          key: event.key,
          value: JSON.stringify(event),
          headers: { 'event-type': event.type },
        })),
      });
    } catch (error) {
      // A fatal producer error (its idempotence state is lost) needs a new producer.
      if ((error as { fatal?: unknown }).fatal === true) await this.reset();
      throw new Error(`Kafka did not acknowledge the batch: ${describe(error)}`, {
        cause: error,
      });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.reset();
  }

  /** The producer, connected once and shared by concurrent sends. */
  private connected(): Promise<KafkaProducer> {
    if (!this.producer) {
      const { Kafka, logLevel } = this.client.KafkaJS;
      const kafka = new Kafka({
        kafkaJS: {
          brokers: this.options.brokers,
          clientId: this.options.clientId,
          logger: kafkaLogger(this.logger),
          logLevel: logLevel.WARN,
        },
      });
      const producer = kafka.producer({
        // Acknowledged by every in-sync replica; librdkafka's retries never duplicate or reorder.
        kafkaJS: { idempotent: true, acks: -1 },
        // A batch that is not acknowledged by then rejects; the dispatcher sends it again.
        'message.timeout.ms': this.options.sendTimeoutMs,
        // Back soon after a broker returns (librdkafka waits up to 10 s by default).
        'reconnect.backoff.max.ms': 2_000,
      });
      const connecting = producer.connect().then(() => producer);
      this.producer = connecting;
      connecting.catch(() => {
        if (this.producer === connecting) this.producer = null;
      });
    }
    return this.producer;
  }

  private async reset(): Promise<void> {
    const current = this.producer;
    this.producer = null;
    const producer = await current?.catch(() => null);
    await producer
      ?.disconnect()
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'Kafka producer disconnect failed'),
      );
  }
}

/** Loads the client (KafkaClientMissing when absent) and builds the sink. */
export async function createKafkaSink(options: KafkaSinkOptions): Promise<KafkaSink> {
  const client = options.client ?? (await loadKafkaClient());
  return new KafkaSink(client, options);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300);
  const code = (error as { code?: unknown }).code;
  return `${error.message}${code !== undefined ? ` (code ${String(code)})` : ''}`.slice(0, 300);
}
