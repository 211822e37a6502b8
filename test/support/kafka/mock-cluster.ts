/**
 * A real Kafka-protocol cluster on loopback for tests: librdkafka's mock
 * cluster (mock-cluster.c, built by build.sh), N brokers in one process,
 * data in memory. `down()`/`up()` take brokers out and back (an outage
 * without losing what they hold); `consume()` reads a topic with the same
 * client the hub uses.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { KAFKA_CLIENT_PACKAGE, loadKafkaClient } from '../../../src/events/kafka-sink';

const ROOT = path.resolve(__dirname, '../../..');
export const MOCK_CLUSTER = path.join(ROOT, 'node_modules/.cache/kafka-mock-cluster/mock-cluster');

function clientInstalled(): boolean {
  try {
    require.resolve(KAFKA_CLIENT_PACKAGE);
    return true;
  } catch {
    return false;
  }
}

/**
 * `describe` for a Kafka test, or `describe.skip` with a warning naming what
 * is missing (the optional client, the mock cluster's build); under CI=true
 * a missing piece fails instead (.ci/run installs both).
 */
export function describeWithKafka(what: string): jest.Describe {
  const missing = [
    !clientInstalled() && `${KAFKA_CLIENT_PACKAGE} (CKJS_LINKING=dynamic npm ci)`,
    !existsSync(MOCK_CLUSTER) && 'the mock Kafka cluster (npm run build:kafka-mock)',
  ].filter(Boolean);
  if (missing.length && process.env.CI) throw new Error(`${what} needs ${missing.join(', ')}`);
  if (missing.length) console.warn(`${what} skipped: missing ${missing.join(', ')}`);
  return missing.length ? describe.skip : describe;
}

export interface ConsumedMessage {
  key: string | null;
  value: string;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

export class MockKafkaCluster {
  private readonly waiting: { line: string; resolve(): void }[] = [];

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly bootstrap: string,
    lines: AsyncIterable<string>,
  ) {
    void (async () => {
      for await (const line of lines) {
        const index = this.waiting.findIndex((w) => w.line === line);
        if (index >= 0) this.waiting.splice(index, 1)[0].resolve();
      }
    })();
  }

  /** `brokers` brokers; each topic `name:partitions`, replicated on all of them. */
  static async start(brokers: number, topics: string[]): Promise<MockKafkaCluster> {
    const child = spawn(MOCK_CLUSTER, [String(brokers), ...topics], { stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await Promise.race([
      lines.next(),
      new Promise<never>((_, reject) =>
        child.once('exit', (code) => reject(new Error(`mock cluster exited ${code}: ${stderr}`))),
      ),
    ]);
    const match = /^bootstrap (.+)$/.exec(first.value ?? '');
    if (!match) throw new Error(`mock cluster said ${first.value}: ${stderr}`);
    return new MockKafkaCluster(child, match[1], { [Symbol.asyncIterator]: () => lines });
  }

  get brokers(): string[] {
    return this.bootstrap.split(',');
  }

  /** Takes a broker (1..N) or all of them out: connections close, nothing answers. */
  down(which: number | 'all' = 'all'): Promise<void> {
    return this.command(`down ${which}`);
  }

  up(which: number | 'all' = 'all'): Promise<void> {
    return this.command(`up ${which}`);
  }

  private command(line: string): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push({ line: `ok ${line}`, resolve });
      this.child.stdin.write(`${line}\n`);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }

  /**
   * Every message on `topic` from the beginning, with a fresh consumer group,
   * until `enough` (a count, or a test of what arrived) holds, or `timeoutMs`
   * passes: then what arrived.
   */
  async consume(
    topic: string,
    enough: number | ((messages: ConsumedMessage[]) => boolean),
    timeoutMs = 20_000,
  ): Promise<ConsumedMessage[]> {
    const isEnough =
      typeof enough === 'number' ? (m: ConsumedMessage[]) => m.length >= enough : enough;
    const { KafkaJS } = await loadKafkaClient();
    const kafka = new KafkaJS.Kafka({
      kafkaJS: { brokers: this.brokers, logLevel: KafkaJS.logLevel.NOTHING },
    });
    const consumer = (
      kafka as unknown as {
        consumer(config: Record<string, unknown>): {
          connect(): Promise<void>;
          subscribe(s: { topics: string[] }): Promise<void>;
          run(r: { eachMessage(p: EachMessage): Promise<void> }): Promise<void>;
          disconnect(): Promise<void>;
        };
      }
    ).consumer({
      kafkaJS: {
        groupId: `test-${Date.now()}-${Math.random().toString(36).slice(2)}`,
        fromBeginning: true,
        sessionTimeout: 6_000,
      },
    });
    const messages: ConsumedMessage[] = [];
    await consumer.connect();
    try {
      let done!: () => void;
      const enough = new Promise<void>((resolve) => (done = resolve));
      await consumer.subscribe({ topics: [topic] });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) {
            headers[name] = String(Array.isArray(value) ? value[0] : value);
          }
          messages.push({
            key: message.key === null ? null : message.key.toString(),
            value: message.value?.toString() ?? '',
            headers,
            partition,
            offset: message.offset,
          });
          if (isEnough(messages)) done();
        },
      });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([enough, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
    } finally {
      await consumer.disconnect();
    }
    return messages;
  }
}

interface EachMessage {
  partition: number;
  message: {
    key: Buffer | null;
    value: Buffer | null;
    offset: string;
    headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
  };
}
