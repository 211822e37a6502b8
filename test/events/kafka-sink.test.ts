/**
 * The Kafka sink against a real Kafka-protocol cluster on loopback (3 mock
 * brokers): messages keyed by the event key, valued by the event JSON, with
 * an `event-type` header, in order per key; a batch sent while every broker
 * is down rejects (the dispatcher keeps it PENDING) and goes through once
 * they are back, nothing lost.
 */
import { Writable } from 'node:stream';
import {
  createKafkaSink,
  KafkaClientMissing,
  loadKafkaClient,
  type KafkaSink,
} from '../../src/events/kafka-sink';
import type { OutboxEventMessage } from '../../src/events/sink';
import { createLogger } from '../../src/logger';
import { describeWithKafka, MockKafkaCluster } from '../support/kafka/mock-cluster';

const TOPIC = 'user-topic';

function eventsFrom(first: number, count: number, keys: string[]): OutboxEventMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(first + i),
    type: 'CREDENTIAL_ISSUED' as const,
    key: keys[i % keys.length],
    timestamp: new Date(Date.UTC(2026, 10, 30, 4, 0, i)).toISOString(),
    data: { courseId: keys[i % keys.length], certificateId: `cert-${first + i}` },
  }));
}

it('says what to install when the client is missing', async () => {
  const missing = loadKafkaClient('@confluentinc/kafka-javascript-not-installed');
  await expect(missing).rejects.toBeInstanceOf(KafkaClientMissing);
  await expect(missing).rejects.toThrow(
    /KAFKA_BROKERS is set, but the Kafka client .* could not be loaded .*CKJS_LINKING=dynamic npm install .*unset KAFKA_BROKERS/,
  );
});

describeWithKafka('the Kafka sink')('the Kafka sink on a 3-broker cluster', () => {
  let cluster: MockKafkaCluster;
  let sink: KafkaSink;
  const logLines: string[] = [];

  beforeAll(async () => {
    cluster = await MockKafkaCluster.start(3, [`${TOPIC}:3`]);
    const logger = createLogger({
      level: 'debug',
      destination: new Writable({
        write(chunk: Buffer, _encoding, callback) {
          logLines.push(chunk.toString('utf8'));
          callback();
        },
      }),
    });
    sink = await createKafkaSink({
      brokers: cluster.brokers,
      topic: TOPIC,
      clientId: 'tributary-test',
      sendTimeoutMs: 2_000,
      logger,
    });
  });
  afterAll(async () => {
    await sink?.close();
    await cluster?.stop();
  });

  it('publishes each event keyed, with its JSON and type header, in order per key, across an outage', async () => {
    expect(sink.name).toBe('kafka:user-topic');
    const keys = ['course-a', 'course-b', 'course-c', 'course-d', 'course-e'];
    const before = eventsFrom(1, 40, keys);
    await sink.send(before);

    // Every broker down: the batch is not acknowledged, and the send says so.
    await cluster.down('all');
    const during = eventsFrom(41, 20, keys);
    const started = Date.now();
    await expect(sink.send(during)).rejects.toThrow(/Kafka did not acknowledge the batch/);
    expect(Date.now() - started).toBeLessThan(15_000);

    // Back up: the dispatcher sends the same batch again (as often as it takes), then more.
    await cluster.up('all');
    let attempts = 0;
    for (const deadline = Date.now() + 30_000; ;) {
      attempts++;
      try {
        await sink.send(during);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
    expect(attempts).toBeLessThanOrEqual(5);
    const after = eventsFrom(61, 20, keys);
    await sink.send(after);

    const sent = [...before, ...during, ...after];
    const messages = await cluster.consume(TOPIC, sent.length);
    const byId = new Map<string, (typeof messages)[number]>();
    for (const message of messages) {
      const event = JSON.parse(message.value) as OutboxEventMessage;
      expect(message.key).toBe(event.key);
      expect(message.headers['event-type']).toBe('CREDENTIAL_ISSUED');
      if (!byId.has(event.id)) byId.set(event.id, message);
    }
    // Nothing lost; each value is the event exactly as sent.
    expect([...byId.keys()].sort((a, b) => Number(a) - Number(b))).toEqual(sent.map((e) => e.id));
    for (const event of sent) expect(JSON.parse(byId.get(event.id)!.value)).toEqual(event);
    // One key, one partition, and its events in the order they were sent.
    for (const key of keys) {
      const ofKey = messages.filter((m) => m.key === key);
      expect(new Set(ofKey.map((m) => m.partition)).size).toBe(1);
      const ids = ofKey
        .sort((a, b) => Number(a.offset) - Number(b.offset))
        .map((m) => Number(JSON.parse(m.value).id));
      const firstSeen = ids.filter((id, i) => ids.indexOf(id) === i);
      expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
      expect(firstSeen).toEqual(sent.filter((e) => e.key === key).map((e) => Number(e.id)));
    }
  }, 60_000);
});
