/**
 * Events to Kafka end to end: a sync issues credentials through the real
 * worker, the dispatcher sends their CREDENTIAL_ISSUED (and RUN_COMPLETED)
 * events to a 3-broker Kafka cluster on loopback, and a consumer finds every
 * one, keyed by its course id, in order per key. During an outage of every
 * broker the Kafka deliveries stay PENDING (seen through the GraphQL API),
 * through a restart of the hub too, and once the brokers are back nothing is
 * missing.
 */
import { randomBytes } from 'node:crypto';
import { createKafkaSink, type KafkaSink } from '../../src/events/kafka-sink';
import type { OutboxEventMessage } from '../../src/events/sink';
import { createLogger } from '../../src/logger';
import { toGlobalId } from '../../src/schema/global-id';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';
import { IssuerProvider } from '../support/issuer-provider';
import { describeWithKafka, MockKafkaCluster } from '../support/kafka/mock-cluster';
import { sleep, waitFor } from '../support/wait';

const TOPIC = 'user-topic';
const SINK = `kafka:${TOPIC}`;
const COURSES = ['course-101', 'course-202', 'course-303', 'course-404'];

const EVENTS = `query($after: String) {
  events(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id type key deliveries { sink status attempts lastError } } }
  }
}`;

interface EventRow {
  id: string;
  type: string;
  key: string | null;
  deliveries: { sink: string; status: string; attempts: number; lastError: string | null }[];
}

describeWithKafka('the Kafka end-to-end test')('events to Kafka, end to end', () => {
  let cluster: MockKafkaCluster;
  let database: TestDatabase;
  let issuer: IssuerProvider;
  let app: TestApp;
  let sink: KafkaSink;
  const secretKey = randomBytes(32);

  async function startHub(): Promise<void> {
    sink = await createKafkaSink({
      brokers: cluster.brokers,
      topic: TOPIC,
      clientId: 'tributary-e2e',
      // Short, so attempts during the outage fail (and are retried) quickly.
      sendTimeoutMs: 1_500,
      logger: createLogger({ level: 'silent' }),
    });
    app = await startTestApp({
      database,
      secretKey,
      worker: { heartbeatMs: 100 },
      dispatcher: { pollMs: 100, backoffBaseMs: 300, backoffMaxMs: 1_500 },
      sinks: [sink],
    });
  }

  async function stopHub(): Promise<void> {
    await app.close();
    await sink.close();
  }

  beforeAll(async () => {
    cluster = await MockKafkaCluster.start(3, [`${TOPIC}:3`]);
    database = await createTestDatabase();
    issuer = await IssuerProvider.start();
    await startHub();
  });
  afterAll(async () => {
    await app?.close();
    await sink?.close();
    await issuer?.close();
    await cluster?.stop();
    await database?.drop();
  });

  /** Every event through the API, oldest first. */
  async function events(): Promise<EventRow[]> {
    const all: EventRow[] = [];
    let after: string | null = null;
    do {
      const page: any = (await app.gql(EVENTS, { after })).data!.events;
      all.push(...page.edges.map((edge: { node: EventRow }) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return all.reverse();
  }

  /** The event's Kafka delivery; undefined until the dispatcher has fanned the event out. */
  const kafkaDelivery = (event: EventRow) => event.deliveries.find((d) => d.sink === SINK);

  /** Issues `count` credentials over the courses through a sync, and waits for it to end. */
  async function syncCredentials(connectorId: string, count: number, from: number) {
    const records = issuer.seed(count, Date.UTC(2026, 0, 1) + from * 60_000, `cert-${from}-`);
    records.forEach((record, i) => {
      record.courseId = COURSES[i % COURSES.length];
      record.courseName = `Course ${COURSES[i % COURSES.length]}`;
    });
    issuer.serveVerification();
    const runId = await queueRun(app, connectorId);
    const run = await waitFor(
      'the sync to end',
      async () => {
        const found = (await app.gql(`query($id: ID!) { run(id: $id) { status } }`, { id: runId }))
          .data?.run;
        return found && !['QUEUED', 'RUNNING'].includes(found.status) ? found : null;
      },
      30_000,
    );
    expect(run.status).toBe('SUCCESS');
    return records;
  }

  it('delivers every event keyed by course, in order per key, across a broker outage and a hub restart', async () => {
    const connectorId = await createIssuerConnector(app, issuer, 'Nsdc');

    // 1. All brokers up: the first sync's events are acknowledged.
    const first = await syncCredentials(connectorId, 24, 0);
    await waitFor(
      'the first sync to reach Kafka',
      async () => {
        const all = await events();
        return all.length >= 25 && all.every((e) => kafkaDelivery(e)?.status === 'DELIVERED');
      },
      30_000,
    );

    // 2. Every broker down: the second sync still succeeds; its events wait, PENDING.
    await cluster.down('all');
    const second = await syncCredentials(connectorId, 24, 100);
    const failing = await waitFor(
      'failed attempts during the outage',
      async () => {
        // An event the dispatcher has not fanned out yet has no delivery: it is waiting too.
        const waiting = (await events()).filter((e) => kafkaDelivery(e)?.status !== 'DELIVERED');
        return waiting.length === 25 && waiting.every((e) => (kafkaDelivery(e)?.attempts ?? 0) >= 1)
          ? waiting
          : null;
      },
      30_000,
    );
    for (const event of failing) {
      expect(kafkaDelivery(event)).toMatchObject({
        status: 'PENDING',
        lastError: expect.stringMatching(/^Kafka did not acknowledge the batch/),
      });
    }

    // 3. The hub restarts while the brokers are still down: the deliveries are rows, kept.
    await stopHub();
    await startHub();
    await sleep(1_000);
    const afterRestart = (await events()).filter((e) => kafkaDelivery(e)?.status !== 'DELIVERED');
    expect(afterRestart.map((e) => e.id)).toEqual(failing.map((e) => e.id));
    expect(afterRestart.every((e) => kafkaDelivery(e)?.status === 'PENDING')).toBe(true);

    // 4. The brokers come back: everything is delivered, nothing DEAD.
    await cluster.up('all');
    const all = await waitFor(
      'every event to reach Kafka',
      async () => {
        const found = await events();
        return found.every((e) => kafkaDelivery(e)?.status === 'DELIVERED') ? found : null;
      },
      60_000,
    );
    expect(all.filter((e) => e.type === 'CREDENTIAL_ISSUED')).toHaveLength(48);
    expect(all.filter((e) => e.type === 'RUN_COMPLETED')).toHaveLength(2);

    // 5. On the topic: every event, its key, its JSON, its type header, in order per key.
    const ids = new Set(all.map((e) => e.id));
    const messages = await cluster.consume(
      TOPIC,
      (arrived) => new Set(arrived.map((m) => JSON.parse(m.value).id)).size >= ids.size,
    );
    const seen = new Map<string, OutboxEventMessage>();
    for (const message of messages) {
      const event = JSON.parse(message.value) as OutboxEventMessage;
      expect(message.key).toBe(event.key);
      expect(message.headers['event-type']).toBe(event.type);
      if (!seen.has(event.id)) seen.set(event.id, event);
    }
    expect([...seen.keys()].sort()).toEqual(all.map((e) => e.id).sort());
    const issued = [...seen.values()].filter((e) => e.type === 'CREDENTIAL_ISSUED');
    // Keyed by the course id the issuer sent, with the seed's fields.
    for (const record of [...first, ...second]) {
      const event = issued.find((e) => e.data.externalId === record.id);
      expect(event).toMatchObject({
        key: record.courseId,
        data: { courseId: record.courseId, courseName: record.courseName },
      });
    }
    const position = new Map(all.map((e, i) => [e.id, i]));
    for (const key of new Set(all.map((e) => e.key))) {
      const ofKey = messages
        .filter((m) => m.key === key)
        .sort((a, b) => Number(a.offset) - Number(b.offset))
        .map((m) => (JSON.parse(m.value) as OutboxEventMessage).id);
      const firstSeen = ofKey.filter((id, i) => ofKey.indexOf(id) === i);
      const expected = all.filter((e) => e.key === key).map((e) => e.id);
      expect(firstSeen).toEqual(expected);
      expect(firstSeen.map((id) => position.get(id)!)).toEqual(
        [...firstSeen.map((id) => position.get(id)!)].sort((a, b) => a - b),
      );
    }
    expect(toGlobalId('OutboxEvent', 1)).toBe(all[0].id);
  }, 180_000);
});
