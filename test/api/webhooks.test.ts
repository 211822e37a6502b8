/**
 * Events out through the API: webhooks created and deleted, every credential
 * a sync issues arriving signed at a real receiver on loopback, retries with
 * backoff (exact attempts), a receiver that hangs past the timeout or goes
 * away, DEAD after 8 attempts and replayEvent, order per key, syncHealth,
 * and the webhook secret nowhere in plain text.
 */
import { recordEvents, type OutboxEventInput } from '../../src/events/outbox';
import { setOutboundPolicy } from '../../src/security/outbound';
import { startTestApp, type TestApp } from '../support/app';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';
import { IssuerProvider } from '../support/issuer-provider';
import { startReceiver, type Receiver } from '../support/webhook-receiver';
import { waitFor } from '../support/wait';

const CREATE = `mutation($input: CreateWebhookInput!) {
  createWebhook(input: $input) { webhook { id url events active createdAt } secret userErrors { code field message } } }`;
const DELETE = `mutation($id: ID!) { deleteWebhook(id: $id) { deletedId userErrors { code message } } }`;
const EVENTS = `query($type: EventType, $status: DeliveryStatus) {
  events(first: 100, type: $type, deliveryStatus: $status) { totalCount edges { node {
    id type key payload createdAt
    deliveries { sink status attempts lastError nextAttemptAt deliveredAt webhook { id url active } } } } } }`;
const REPLAY = `mutation($id: ID!) { replayEvent(id: $id) { event { id deliveries { status attempts } } userErrors { code message } } }`;
const HEALTH = `{ syncHealth { healthy failureRate failedConnectors { id } pendingDeliveries deadDeliveries message } }`;

/** 20 ms doubling to 80 ms, a 2 s timeout: the real schedule's shape, fast. */
const TIMING = { backoffBaseMs: 20, backoffMaxMs: 80, timeoutMs: 2_000, pollMs: 30 };

describe('webhooks and outbound events', () => {
  let app: TestApp;
  const secrets: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ worker: true, dispatcher: TIMING });
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A webhook for `events` at `receiver`, created through the API; its secret kept for the leak scan. */
  async function webhookFor(
    receiver: Receiver,
    events: string[],
    secret?: string,
  ): Promise<{ id: string; secret: string }> {
    const res = await app.gql(CREATE, { input: { url: receiver.url, events, secret } });
    const payload = res.data!.createWebhook;
    expect(payload.userErrors).toEqual([]);
    secrets.push(payload.secret);
    return { id: payload.webhook.id, secret: payload.secret };
  }

  async function record(events: OutboxEventInput[]): Promise<string[]> {
    const ids = await app.db.transaction((trx) => recordEvents(trx, events));
    return ids.map((id) => Buffer.from(`OutboxEvent:${id}`).toString('base64url'));
  }

  async function deliveriesOf(eventId: string) {
    const res = await app.gql(
      `query($id: ID!) { node(id: $id) { ... on OutboxEvent {
      deliveries { sink status attempts lastError nextAttemptAt deliveredAt webhook { id } } } } }`,
      {
        id: eventId,
      },
    );
    return res.data!.node.deliveries as {
      status: string;
      attempts: number;
      lastError: string | null;
      nextAttemptAt: string | null;
      deliveredAt: string | null;
      webhook: { id: string } | null;
    }[];
  }

  async function settled(eventId: string, status: string) {
    return waitFor(`event delivery ${status}`, async () => {
      const [delivery] = await deliveriesOf(eventId);
      return delivery?.status === status && delivery;
    });
  }

  it('creates a webhook with a generated secret, once, and refuses bad ones', async () => {
    let secret = '';
    const receiver = await startReceiver(() => secret);
    const res = await app.gql(CREATE, {
      input: { url: receiver.url, events: ['RUN_FAILED', 'RUN_FAILED'] },
    });
    const payload = res.data!.createWebhook;
    expect(payload.userErrors).toEqual([]);
    expect(payload.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    secret = payload.secret;
    secrets.push(secret);
    expect(payload.webhook).toMatchObject({
      url: receiver.url,
      events: ['RUN_FAILED'],
      active: true,
    });
    const listed = (await app.gql(`{ webhooks { id url events active } }`)).data!.webhooks;
    expect(listed).toEqual([payload.webhook].map(({ createdAt: _c, ...w }) => w));
    expect(JSON.stringify(listed)).not.toContain(secret);

    const refused = async (input: Record<string, unknown>) =>
      (await app.gql(CREATE, { input: { url: receiver.url, events: ['RUN_FAILED'], ...input } }))
        .data!.createWebhook.userErrors;
    expect(await refused({ url: 'ftp://127.0.0.1/x' })).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'url'], message: 'must be an http or https URL' },
    ]);
    expect((await refused({ url: 'http://169.254.169.254/latest' }))[0]).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/link-local or cloud metadata/),
    });
    expect((await refused({ url: 'not a url' }))[0].code).toBe('INVALID_INPUT');
    expect((await refused({ events: [] }))[0].field).toEqual(['input', 'events']);
    expect((await refused({ secret: 'short' }))[0].field).toEqual(['input', 'secret']);
    setOutboundPolicy({ allowPrivateTargets: false });
    try {
      expect((await refused({}))[0].message).toMatch(/ALLOW_PRIVATE_TARGETS/);
    } finally {
      setOutboundPolicy({ allowPrivateTargets: true });
    }
    expect((await app.gql(`{ webhooks { id } }`)).data!.webhooks).toHaveLength(1);

    expect((await app.gql(DELETE, { id: payload.webhook.id })).data!.deleteWebhook).toEqual({
      deletedId: payload.webhook.id,
      userErrors: [],
    });
    expect(
      (await app.gql(DELETE, { id: payload.webhook.id })).data!.deleteWebhook.userErrors[0].code,
    ).toBe('NOT_FOUND');
    expect((await app.gql(`{ webhooks { id } }`)).data!.webhooks).toEqual([]);
    await receiver.close();
  });

  it('sends every credential a sync issues, signed, keyed by course, with the run', async () => {
    const secret = 'a-shared-secret-of-the-receiver';
    const receiver = await startReceiver(() => secret);
    const hook = await webhookFor(receiver, ['CREDENTIAL_ISSUED', 'RUN_COMPLETED'], secret);
    const issuer = await IssuerProvider.start();
    try {
      const records = issuer.seed(5);
      records[0].courseId = 'do_2143';
      records[0].courseName = 'Introduction to Programming';
      records[0].firstName = 'John';
      records[0].lastName = 'Doe';
      records[0].expirationDate = '2027-10-13T00:00:00.000Z';
      const connectorId = await createIssuerConnector(app, issuer, 'Udemy', { verifyPath: null });
      await queueRun(app, connectorId);
      await waitFor(
        '5 credentials and the run at the receiver',
        () => receiver.received.length >= 6,
      );
      const issued = receiver.received.filter((r) => r.type === 'CREDENTIAL_ISSUED');
      expect(issued).toHaveLength(5);
      expect(receiver.received.every((r) => r.signed)).toBe(true);
      expect(new Set(issued.map((r) => r.data.externalId))).toEqual(
        new Set(['c0', 'c1', 'c2', 'c3', 'c4']),
      );
      const first = issued.find((r) => r.data.externalId === 'c0')!;
      expect(first.key).toBe('do_2143');
      expect(first.data).toEqual({
        userId: 'learner0@example.org',
        learner: 'learner0@example.org',
        courseId: 'do_2143',
        courseName: 'Introduction to Programming',
        certificateId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
        externalId: 'c0',
        firstName: 'John',
        lastName: 'Doe',
        issuanceDate: '2026-01-01T00:00:00.000Z',
        completionDate: '2026-01-01T00:00:00.000Z',
        expirationDate: '2027-10-13T00:00:00.000Z',
        status: 'UNCLAIMED',
      });
      expect(issued.find((r) => r.data.externalId === 'c1')!.key).toBe('c1');
      const run = receiver.received.find((r) => r.type === 'RUN_COMPLETED')!;
      expect(run.data).toMatchObject({ status: 'SUCCESS', recordsCreated: 5 });

      const events = (await app.gql(EVENTS, { type: 'CREDENTIAL_ISSUED' })).data!.events;
      expect(events.totalCount).toBe(5);
      for (const { node } of events.edges) {
        expect(receiver.countOf(node.id)).toBe(1);
        await settled(node.id, 'DELIVERED');
      }
      const again = (await app.gql(EVENTS, { type: 'CREDENTIAL_ISSUED' })).data!.events;
      expect(again.edges[0].node.deliveries).toEqual([
        {
          sink: 'webhook',
          status: 'DELIVERED',
          attempts: 1,
          lastError: null,
          nextAttemptAt: null,
          deliveredAt: expect.any(String),
          webhook: { id: hook.id, url: receiver.url, active: true },
        },
      ]);

      // A learner's registration claims their credential: CREDENTIAL_CLAIMED, in its transaction.
      await app.gql(
        `mutation { registerLearner(email: "learner2@example.org") { learner { id } } }`,
      );
      const claimed = (await app.gql(EVENTS, { type: 'CREDENTIAL_CLAIMED' })).data!.events;
      expect(claimed.edges.map((e: any) => e.node.payload)).toEqual([
        expect.objectContaining({
          externalId: 'c2',
          learner: 'learner2@example.org',
          status: 'ISSUED',
        }),
      ]);
      // The webhook does not take CREDENTIAL_CLAIMED: no delivery was made for it.
      expect(claimed.edges[0].node.deliveries).toEqual([]);
    } finally {
      await app.gql(DELETE, { id: hook.id });
      await issuer.close();
      await receiver.close();
    }
  });

  it('retries a failing receiver with backoff and counts every attempt', async () => {
    const receiver = await startReceiver(
      () => hook.secret,
      (_body, nth) => (nth <= 3 ? 500 : 204),
    );
    const hook = await webhookFor(receiver, ['RUN_FAILED']);
    try {
      const [eventId] = await record([{ type: 'RUN_FAILED', key: 'k', payload: { n: 1 } }]);
      const delivery = await settled(eventId, 'DELIVERED');
      expect(receiver.countOf(eventId)).toBe(4);
      expect(delivery).toMatchObject({ attempts: 4, lastError: 'HTTP 500', nextAttemptAt: null });
      expect(receiver.received.map((r) => r.answer)).toEqual([500, 500, 500, 204]);
      // 20, 40, 80 ms apart at least: the backoff doubles.
      const at = receiver.received.map((r) => r.at);
      expect(at[1] - at[0]).toBeGreaterThanOrEqual(15);
      expect(at[2] - at[1]).toBeGreaterThanOrEqual(35);
      expect(at[3] - at[2]).toBeGreaterThanOrEqual(75);
    } finally {
      await app.gql(DELETE, { id: hook.id });
      await receiver.close();
    }
  });

  it('gives up on an answer that does not come within the timeout, and tries again', async () => {
    const receiver = await startReceiver(
      () => hook.secret,
      (_body, nth) => (nth === 1 ? 'hang' : 200),
    );
    const hook = await webhookFor(receiver, ['RUN_FAILED']);
    try {
      const [eventId] = await record([{ type: 'RUN_FAILED', key: null, payload: {} }]);
      const delivery = await settled(eventId, 'DELIVERED');
      expect(receiver.countOf(eventId)).toBe(2);
      expect(delivery).toMatchObject({ attempts: 2, lastError: 'no answer within 2 s' });
    } finally {
      await app.gql(DELETE, { id: hook.id });
      await receiver.close();
    }
  });

  it('ends DEAD after 8 attempts, shows in syncHealth, and replayEvent delivers it', async () => {
    let answer = 503;
    const receiver = await startReceiver(
      () => hook.secret,
      () => answer,
    );
    const hook = await webhookFor(receiver, ['RUN_FAILED']);
    try {
      const [eventId] = await record([{ type: 'RUN_FAILED', key: 'dead', payload: {} }]);
      const dead = await settled(eventId, 'DEAD');
      expect(dead).toMatchObject({ attempts: 8, lastError: 'HTTP 503', nextAttemptAt: null });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.countOf(eventId)).toBe(8);

      const dying = (await app.gql(EVENTS, { status: 'DEAD' })).data!.events;
      expect(dying.edges.map((e: any) => e.node.id)).toEqual([eventId]);
      const sick = (await app.gql(HEALTH)).data!.syncHealth;
      expect(sick).toMatchObject({ healthy: false, deadDeliveries: 1 });
      expect(sick.message).toMatch(/1 dead delivery/);

      answer = 200;
      const replayed = (await app.gql(REPLAY, { id: eventId })).data!.replayEvent;
      expect(replayed.userErrors).toEqual([]);
      expect(replayed.event.deliveries).toEqual([{ status: 'PENDING', attempts: 0 }]);
      const delivered = await settled(eventId, 'DELIVERED');
      expect(delivered.attempts).toBe(1);
      expect(receiver.countOf(eventId)).toBe(9);
      const well = (await app.gql(HEALTH)).data!.syncHealth;
      expect(well).toMatchObject({ deadDeliveries: 0, pendingDeliveries: 0 });

      expect(
        (await app.gql(REPLAY, { id: Buffer.from('OutboxEvent:999999').toString('base64url') }))
          .data!.replayEvent.userErrors[0].code,
      ).toBe('NOT_FOUND');
    } finally {
      await app.gql(DELETE, { id: hook.id });
      await receiver.close();
    }
  });

  it('keeps trying a receiver that went away, and delivers once it is back', async () => {
    let receiver = await startReceiver(() => hook.secret);
    const port = Number(new URL(receiver.url).port);
    const hook = await webhookFor(receiver, ['RUN_FAILED']);
    await receiver.close();
    try {
      const [eventId] = await record([{ type: 'RUN_FAILED', key: null, payload: {} }]);
      const dead = await settled(eventId, 'DEAD');
      expect(dead).toMatchObject({ attempts: 8, lastError: 'request failed: ECONNREFUSED' });
      receiver = await startReceiver(
        () => hook.secret,
        () => 200,
        port,
      );
      await app.gql(REPLAY, { id: eventId });
      await settled(eventId, 'DELIVERED');
      expect(receiver.countOf(eventId)).toBe(1);
      expect(receiver.received[0].signed).toBe(true);
    } finally {
      await app.gql(DELETE, { id: hook.id });
      await receiver.close();
    }
  });

  it('delivers events with one key in order, even when the first must be retried', async () => {
    const receiver = await startReceiver(
      () => hook.secret,
      (body, nth) => (body.data.n === 0 && nth <= 2 ? 500 : 200),
    );
    const hook = await webhookFor(receiver, ['RUN_FAILED']);
    try {
      const ids = await record(
        Array.from({ length: 6 }, (_, n) => ({
          type: 'RUN_FAILED' as const,
          key: n % 2 === 0 ? 'even' : 'odd',
          payload: { n },
        })),
      );
      for (const id of ids) await settled(id, 'DELIVERED');
      const even = receiver.received.filter((r) => r.key === 'even').map((r) => r.data.n);
      expect(even).toEqual([0, 0, 0, 2, 4]);
      const odd = receiver.received.filter((r) => r.key === 'odd').map((r) => r.data.n);
      expect(odd).toEqual([1, 3, 5]);
    } finally {
      await app.gql(DELETE, { id: hook.id });
      await receiver.close();
    }
  });

  it('ends the undelivered deliveries of a deleted webhook FAILED', async () => {
    const receiver = await startReceiver(
      () => hook.secret,
      () => 500,
    );
    const hook = await webhookFor(receiver, ['RUN_FAILED']);
    const [eventId] = await record([{ type: 'RUN_FAILED', key: null, payload: {} }]);
    await waitFor('a first attempt', () => receiver.countOf(eventId) >= 1);
    await app.gql(DELETE, { id: hook.id });
    const [delivery] = await deliveriesOf(eventId);
    expect(delivery).toMatchObject({
      status: 'FAILED',
      lastError: 'webhook deleted before delivery',
    });
    const count = receiver.countOf(eventId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.countOf(eventId)).toBe(count);
    await receiver.close();
  });

  it('keeps webhook secrets out of responses, logs and every table', async () => {
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const creates = app.responses.filter((text) => text.includes('"createWebhook"'));
    for (const secret of secrets) {
      const shownIn = app.responses.filter((text) => text.includes(secret));
      expect(shownIn.length).toBe(1);
      expect(creates).toContain(shownIn[0]);
      expect(app.logLines.filter((line) => line.includes(secret))).toEqual([]);
    }
    const tables = (
      await app.db.raw<{ rows: { tablename: string }[] }>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
      )
    ).rows.map((row) => row.tablename);
    for (const table of tables) {
      for (const secret of secrets) {
        const [{ count }] = (
          await app.db.raw(`SELECT count(*)::int AS count FROM ?? t WHERE t::text LIKE ?`, [
            table,
            `%${secret}%`,
          ])
        ).rows;
        expect({ table, count }).toEqual({ table, count: 0 });
      }
    }
  });
});
