import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { HubEvent, RunCounters } from '../../src/pubsub/events';
import { toGlobalId } from '../../src/schema/global-id';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '../support/wait';

type Result = {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: any }[];
};

const CREATE_CONNECTOR = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;
const UPDATE_CONNECTOR = `mutation($input: UpdateConnectorInput!) {
  updateConnector(input: $input) { connector { id name } userErrors { code message } }
}`;
const PAUSE = `mutation($id: ID!) { pauseConnector(id: $id) { connector { status } userErrors { code } } }`;
const RESUME = `mutation($id: ID!) { resumeConnector(id: $id) { connector { status } userErrors { code } } }`;
const DELETE = `mutation($id: ID!) { deleteConnector(id: $id) { deletedId } }`;
const CONNECTOR_UPDATED = `subscription($id: ID) {
  connectorUpdated(id: $id) { id name status sourceEntity }
}`;
const RUN_PROGRESS = `subscription($runId: ID, $connectorId: ID) {
  runProgress(runId: $runId, connectorId: $connectorId) {
    run { id status type connector { id } }
    status
    at
    progress { phase recordsProcessed recordsTotal fraction ratePerSecond etaSeconds }
    stats { recordsFetched recordsCreated recordsUpdated recordsSkipped recordsFailed pagesFetched
            skipped { reason count } }
  }
}`;
const RUN_UPDATED = `subscription($connectorId: ID) { runUpdated(connectorId: $connectorId) { id status } }`;

const counters = (over: Partial<RunCounters> = {}): RunCounters => ({
  recordsTotal: null,
  recordsFetched: 0,
  recordsCreated: 0,
  recordsUpdated: 0,
  recordsSkipped: 0,
  recordsFailed: 0,
  pagesFetched: 0,
  ...over,
});

function runEvent(
  runId: number,
  connectorId: number,
  over: Partial<Extract<HubEvent, { type: 'run' }>> = {},
): HubEvent {
  return {
    type: 'run',
    runId,
    connectorId,
    status: 'RUNNING',
    phase: 'PROCESSING',
    statusChanged: false,
    counters: counters(),
    startedAt: null,
    at: new Date().toISOString(),
    ...over,
  };
}

/** The next result, or a failure after `ms`. */
async function next(iterator: AsyncIterator<Result>, ms = 5000): Promise<Result> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      iterator.next(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
      }),
    ]);
    if (result.done) throw new Error('subscription ended');
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}

/** True when nothing arrives within `ms`. */
async function quiet(iterator: AsyncIterator<Result>, ms = 300): Promise<Result | null> {
  return next(iterator, ms).catch(() => null);
}

describe('subscriptions', () => {
  let app: TestApp;
  const clients: Client[] = [];

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await app.close();
  });

  function connect(target: TestApp, token: string | null): Client {
    const client = createClient({
      url: target.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    });
    clients.push(client);
    return client;
  }

  /** Subscribes and waits until the server is listening for it. */
  async function subscribe(
    target: TestApp,
    client: Client,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<AsyncIterableIterator<Result>> {
    const before = target.notifier.subscriberCount;
    const iterator = client.iterate({ query, variables }) as AsyncIterableIterator<Result>;
    await waitFor('the subscriber count', () => target.notifier.subscriberCount > before);
    return iterator;
  }

  let connectorSeq = 0;
  async function createConnector(): Promise<{ id: string; rowId: number }> {
    connectorSeq += 1;
    const res = await app.gql(CREATE_CONNECTOR, {
      input: {
        name: `live ${connectorSeq}`,
        kind: 'PG_API',
        sourceEntity: 'SABPAISA',
        authType: 'NONE',
        config: { baseUrl: 'http://127.0.0.1:1' },
      },
    });
    expect(res.data?.createConnector.userErrors).toEqual([]);
    const id: string = res.data?.createConnector.connector.id;
    const rowId = Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);
    return { id, rowId };
  }

  async function newRun(connectorId: number): Promise<number> {
    const [run] = await app
      .db('runs')
      .insert({
        connectorId,
        type: 'MANUAL',
        status: 'RUNNING',
        phase: 'AUTHENTICATING',
        triggeredBy: 'test',
        startedAt: new Date(),
        heartbeatAt: new Date(),
      })
      .returning('id');
    return (run as { id: number }).id;
  }

  it('closes a connection without a token with 4401', async () => {
    const client = connect(app, null);
    const closed = new Promise<number>((resolve) =>
      client.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    const iterator = client.iterate({ query: CONNECTOR_UPDATED });
    expect(await closed).toBe(4401);
    await expect(iterator.next()).rejects.toMatchObject({ code: 4401 });
  });

  it('streams connectorUpdated on update, pause and resume with the new state', async () => {
    const { id } = await createConnector();
    const client = connect(app, app.adminToken);
    const events = await subscribe(app, client, CONNECTOR_UPDATED, { id });

    await app.gql(UPDATE_CONNECTOR, { input: { id, name: 'renamed live' } });
    expect(await next(events)).toEqual({
      data: {
        connectorUpdated: { id, name: 'renamed live', status: 'ACTIVE', sourceEntity: 'SABPAISA' },
      },
    });
    await app.gql(PAUSE, { id });
    expect((await next(events)).data?.connectorUpdated).toMatchObject({ id, status: 'PAUSED' });
    await app.gql(RESUME, { id });
    expect((await next(events)).data?.connectorUpdated).toMatchObject({ id, status: 'ACTIVE' });
    await events.return?.();
  });

  it('filters connectorUpdated by id and leaves deleted connectors out', async () => {
    const watched = await createConnector();
    const other = await createConnector();
    const doomed = await createConnector();
    const client = connect(app, app.adminToken);
    const one = await subscribe(app, client, CONNECTOR_UPDATED, { id: watched.id });
    const all = await subscribe(app, client, CONNECTOR_UPDATED);

    await app.gql(DELETE, { id: doomed.id });
    await app.gql(PAUSE, { id: other.id });
    await app.gql(PAUSE, { id: watched.id });
    // The deletion is not emitted: the first event `all` sees is the pause.
    expect((await next(all)).data?.connectorUpdated).toMatchObject({ id: other.id });
    expect((await next(all)).data?.connectorUpdated).toMatchObject({ id: watched.id });
    expect((await next(one)).data?.connectorUpdated).toMatchObject({
      id: watched.id,
      status: 'PAUSED',
    });
    expect(await quiet(one)).toBeNull();
    await one.return?.();
    await all.return?.();
  });

  it('lets a VIEWER subscribe', async () => {
    const minted = await app.gql(
      `mutation { createApiToken(input: { name: "live viewer", role: VIEWER }) { token } }`,
    );
    const viewer: string = minted.data?.createApiToken.token;
    const { id } = await createConnector();
    const client = connect(app, viewer);
    const events = await subscribe(app, client, CONNECTOR_UPDATED, { id });
    await app.gql(PAUSE, { id });
    expect((await next(events)).data?.connectorUpdated).toMatchObject({ id, status: 'PAUSED' });
    await events.return?.();
  });

  it('streams runProgress with computed progress and per-reason skips, filtered by run', async () => {
    const connector = await createConnector();
    const runId = await newRun(connector.rowId);
    const otherRunId = await newRun((await createConnector()).rowId);
    await app.db('skipped_records').insert([
      { runId, connectorId: connector.rowId, reason: 'DUPLICATE', message: 'seen' },
      { runId, connectorId: connector.rowId, reason: 'DUPLICATE', message: 'seen' },
      { runId, connectorId: connector.rowId, reason: 'INVALID_RECORD', message: 'bad' },
    ]);
    const client = connect(app, app.adminToken);
    const events = await subscribe(app, client, RUN_PROGRESS, {
      runId: toGlobalId('Run', runId),
    });

    const at = new Date();
    const startedAt = new Date(at.getTime() - 10_000);
    await app.notifier.publish(
      app.db,
      runEvent(otherRunId, 999, { counters: counters({ recordsCreated: 1 }) }),
    );
    await app.notifier.publish(
      app.db,
      runEvent(runId, connector.rowId, {
        at: at.toISOString(),
        startedAt: startedAt.toISOString(),
        counters: counters({
          recordsTotal: 100,
          recordsFetched: 55,
          recordsCreated: 30,
          recordsUpdated: 10,
          recordsSkipped: 5,
          recordsFailed: 5,
          pagesFetched: 2,
        }),
      }),
    );
    const result = await next(events);
    expect(result.errors).toBeUndefined();
    expect(result.data?.runProgress).toEqual({
      run: {
        id: toGlobalId('Run', runId),
        status: 'RUNNING',
        type: 'MANUAL',
        connector: { id: connector.id },
      },
      status: 'RUNNING',
      at: at.toISOString(),
      progress: {
        phase: 'PROCESSING',
        recordsProcessed: 50,
        recordsTotal: 100,
        fraction: 0.5,
        ratePerSecond: 5,
        etaSeconds: 10,
      },
      stats: {
        recordsFetched: 55,
        recordsCreated: 30,
        recordsUpdated: 10,
        recordsSkipped: 5,
        recordsFailed: 5,
        pagesFetched: 2,
        skipped: [
          { reason: 'DUPLICATE', count: 2 },
          { reason: 'INVALID_RECORD', count: 1 },
        ],
      },
    });
    // Later events read skipped_records afresh (no stale per-subscription cache).
    await app.db('skipped_records').insert({
      runId,
      connectorId: connector.rowId,
      reason: 'MAPPING_FAILED',
      message: 'no map',
    });
    await app.notifier.publish(app.db, runEvent(runId, connector.rowId));
    expect((await next(events)).data?.runProgress.stats.skipped).toContainEqual({
      reason: 'MAPPING_FAILED',
      count: 1,
    });
    expect(await quiet(events)).toBeNull();
    await events.return?.();
  });

  it('filters runProgress by connector, and runUpdated fires on status changes only', async () => {
    const a = await createConnector();
    const b = await createConnector();
    const runA = await newRun(a.rowId);
    const runB = await newRun(b.rowId);
    const client = connect(app, app.adminToken);
    const progressOfA = await subscribe(app, client, RUN_PROGRESS, { connectorId: a.id });
    const updatedOfA = await subscribe(app, client, RUN_UPDATED, { connectorId: a.id });
    const updatedAll = await subscribe(app, client, RUN_UPDATED);

    await app.notifier.publish(app.db, runEvent(runB, b.rowId));
    await app.notifier.publish(app.db, runEvent(runA, a.rowId));
    await app.db('runs').where({ id: runB }).update({ status: 'FAILED', phase: 'DONE' });
    await app.notifier.publish(
      app.db,
      runEvent(runB, b.rowId, { status: 'FAILED', phase: 'DONE', statusChanged: true }),
    );
    await app.db('runs').where({ id: runA }).update({ status: 'SUCCESS', phase: 'DONE' });
    await app.notifier.publish(
      app.db,
      runEvent(runA, a.rowId, { status: 'SUCCESS', phase: 'DONE', statusChanged: true }),
    );

    const p1 = await next(progressOfA);
    expect(p1.data?.runProgress.run.id).toBe(toGlobalId('Run', runA));
    expect(p1.data?.runProgress.status).toBe('RUNNING');
    const p2 = await next(progressOfA);
    expect(p2.data?.runProgress).toMatchObject({
      status: 'SUCCESS',
      progress: { phase: 'DONE' },
      run: { id: toGlobalId('Run', runA), status: 'SUCCESS' },
    });
    expect(await quiet(progressOfA)).toBeNull();

    expect((await next(updatedOfA)).data?.runUpdated).toEqual({
      id: toGlobalId('Run', runA),
      status: 'SUCCESS',
    });
    expect(await quiet(updatedOfA)).toBeNull();
    expect((await next(updatedAll)).data?.runUpdated.id).toBe(toGlobalId('Run', runB));
    expect((await next(updatedAll)).data?.runUpdated.id).toBe(toGlobalId('Run', runA));
    await Promise.all([progressOfA, updatedOfA, updatedAll].map((it) => it.return?.()));
  });

  it('publishes nothing from a transaction that rolled back', async () => {
    const connector = await createConnector();
    const runId = await newRun(connector.rowId);
    const client = connect(app, app.adminToken);
    const events = await subscribe(app, client, RUN_UPDATED, { connectorId: connector.id });
    await app.db
      .transaction(async (trx) => {
        await app.notifier.publish(
          trx,
          runEvent(runId, connector.rowId, { status: 'FAILED', statusChanged: true }),
        );
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await app.gql(PAUSE, { id: connector.id }); // a committed change of the same connector, after
    await app.db.transaction(async (trx) => {
      await trx('runs').where({ id: runId }).update({ status: 'CANCELLED' });
      await app.notifier.publish(
        trx,
        runEvent(runId, connector.rowId, { status: 'CANCELLED', statusChanged: true }),
      );
    });
    expect((await next(events)).data?.runUpdated).toEqual({
      id: toGlobalId('Run', runId),
      status: 'CANCELLED',
    });
    expect(await quiet(events)).toBeNull();
    await events.return?.();
  });

  it('delivers events published by another process on the same database', async () => {
    const second = await startTestApp({ database: app.database });
    try {
      const connector = await createConnector();
      const runId = await newRun(connector.rowId);
      // A client of this app hears progress that the second process publishes...
      const mine = await subscribe(app, connect(app, app.adminToken), RUN_PROGRESS, {
        runId: toGlobalId('Run', runId),
      });
      // ...and a client of the second app hears a change made through this one.
      const theirs = await subscribe(
        second,
        connect(second, second.adminToken),
        CONNECTOR_UPDATED,
        {
          id: connector.id,
        },
      );
      await second.notifier.publish(
        second.db,
        runEvent(runId, connector.rowId, { counters: counters({ recordsCreated: 7 }) }),
      );
      await app.gql(PAUSE, { id: connector.id });
      expect((await next(mine)).data?.runProgress.progress.recordsProcessed).toBe(7);
      expect((await next(theirs)).data?.connectorUpdated).toMatchObject({
        id: connector.id,
        status: 'PAUSED',
      });
      await mine.return?.();
      await theirs.return?.();
    } finally {
      await second.close();
    }
  });

  it('sends a result with errors (formatted) and the results around it in order, on one socket', async () => {
    const connector = await createConnector();
    const runId = await newRun(connector.rowId);
    const query = `subscription($connectorId: ID) {
      runProgress(connectorId: $connectorId) { stats { recordsCreated } run { id } }
    }`;
    const client = connect(app, app.adminToken);
    const events = await subscribe(app, client, query, { connectorId: connector.id });
    // A second subscriber on the same socket and operation shares each execution.
    const same = await subscribe(app, client, query, { connectorId: connector.id });
    const published = [
      runEvent(runId, connector.rowId, { counters: counters({ recordsCreated: 1 }) }),
      // A run that does not exist: its `run` field fails.
      runEvent(runId + 1_000_000, connector.rowId, { counters: counters({ recordsCreated: 2 }) }),
      runEvent(runId, connector.rowId, { counters: counters({ recordsCreated: 3 }) }),
    ];
    for (const event of published) await app.notifier.publish(app.db, event);
    for (const iterator of [events, same]) {
      const first = await next(iterator);
      const failed = await next(iterator);
      const third = await next(iterator);
      expect(first).toEqual({
        data: {
          runProgress: { stats: { recordsCreated: 1 }, run: { id: toGlobalId('Run', runId) } },
        },
      });
      expect(failed.data).toBeNull();
      // A fault, formatted as over HTTP: no internal message.
      expect(failed.errors).toEqual([
        expect.objectContaining({ extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
      ]);
      expect(third.data?.runProgress.stats.recordsCreated).toBe(3);
      await iterator.return?.();
    }
  });

  it('rejects an id of the wrong kind', async () => {
    const { id } = await createConnector();
    const client = connect(app, app.adminToken);
    const iterator = client.iterate({ query: RUN_PROGRESS, variables: { runId: id } });
    const result = (await next(iterator as AsyncIterator<Result>)) as Result;
    expect(result.errors?.[0]).toMatchObject({
      message: 'runId is not the id of a Run',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('detaches from the notifier when the client unsubscribes or disconnects', async () => {
    const baseline = app.notifier.subscriberCount;
    const client = connect(app, app.adminToken);
    const a = await subscribe(app, client, RUN_UPDATED);
    const b = await subscribe(app, client, RUN_PROGRESS);
    expect(app.notifier.subscriberCount).toBe(baseline + 2);
    await a.return?.();
    await waitFor('the subscriber count', () => app.notifier.subscriberCount === baseline + 1);
    await client.dispose();
    await waitFor('the subscriber count', () => app.notifier.subscriberCount === baseline);
    await b.return?.();
  });

  it('streams schedulerUpdated when a scheduler starts or stops', async () => {
    const client = connect(app, app.adminToken);
    const events = await subscribe(
      app,
      client,
      `subscription { schedulerUpdated { running instanceId activeRuns queuedRuns } }`,
    );
    await app.services.scheduler.start();
    try {
      expect((await next(events)).data?.schedulerUpdated).toMatchObject({
        running: true,
        instanceId: app.services.scheduler.status().instanceId,
      });
    } finally {
      await app.services.scheduler.stop();
    }
    expect((await next(events)).data?.schedulerUpdated).toMatchObject({ running: false });
    await events.return?.();
  });
});
