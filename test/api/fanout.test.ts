/**
 * Many real graphql-ws clients watching one real sync: every one receives
 * every status change of the run, and however many watch, the database is
 * read once per event, not once per subscriber.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { HubEvent } from '../../src/pubsub/events';
import { startTestApp, type TestApp } from '../support/app';
import { IssuerProvider } from '../support/issuer-provider';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';
import { waitFor } from '../support/wait';

const WATCHERS = 120;
const STATUS_WATCHERS = 40;

/** The dashboard's selection (client/src/queries.ts): run and its connector need the database. */
const RUN_PROGRESS = `subscription($connectorId: ID) {
  runProgress(connectorId: $connectorId) {
    status at
    progress { phase recordsProcessed recordsTotal }
    stats { recordsCreated recordsSkipped skipped { reason count } }
    run { id type status connector { id } }
  }
}`;
const RUN_UPDATED = `subscription($connectorId: ID) { runUpdated(connectorId: $connectorId) { id status } }`;

interface Watcher {
  statuses: string[];
  events: number;
  errors: unknown[];
  runIds: Set<string>;
}

describe('fan-out to many subscribers', () => {
  let app: TestApp;
  let issuer: IssuerProvider;
  const clients: Client[] = [];

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    issuer = await IssuerProvider.start();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await issuer.close();
    await app.close();
  });

  /** VIEWER tokens, 20 sockets each (the per-token cap): one per 20 watchers. */
  const tokens: string[] = [];
  let watchers = 0;

  function watch(query: string, variables: Record<string, unknown>, pick: (data: any) => any) {
    const watcher: Watcher = { statuses: [], events: 0, errors: [], runIds: new Set() };
    const token = tokens[Math.floor(watchers / 20)];
    watchers += 1;
    const client = createClient({
      url: app.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    clients.push(client);
    client.subscribe(
      { query, variables },
      {
        next: ({ data, errors }) => {
          if (errors) watcher.errors.push(errors);
          const event = pick(data);
          if (!event) return;
          watcher.events += 1;
          watcher.runIds.add(event.run?.id ?? event.id);
          if (watcher.statuses.at(-1) !== event.status) watcher.statuses.push(event.status);
        },
        error: (error) => watcher.errors.push(error),
        complete: () => undefined,
      },
    );
    return watcher;
  }

  it(`delivers every status change to each of ${WATCHERS + STATUS_WATCHERS} clients, reading the database once per event`, async () => {
    issuer.seed(300);
    issuer.pageDelayMs = 30;
    const connectorId = await createIssuerConnector(app, issuer, 'Watched by many', {
      pageSize: 20,
      verifyPath: null,
    });
    for (let i = 0; i * 20 < WATCHERS + STATUS_WATCHERS; i += 1) {
      const created = await app.gql(
        `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
        { input: { name: `watchers ${i}`, role: 'VIEWER' } },
      );
      tokens.push(created.data!.createApiToken.token);
    }
    const before = app.notifier.subscriberCount;
    const progress = Array.from({ length: WATCHERS }, () =>
      watch(RUN_PROGRESS, { connectorId }, (data) => data?.runProgress),
    );
    const updates = Array.from({ length: STATUS_WATCHERS }, () =>
      watch(RUN_UPDATED, { connectorId }, (data) => data?.runUpdated),
    );
    await waitFor(
      'every subscriber',
      () => app.notifier.subscriberCount >= before + WATCHERS + STATUS_WATCHERS,
      20_000,
    );

    // What the hub published for the run, heard directly, and the reads it made.
    const published: Extract<HubEvent, { type: 'run' }>[] = [];
    const stopListening = app.notifier.listen((event) => {
      if (event.type === 'run') published.push(event);
    });
    // The subscriptions' own reads (spied, still reading Postgres): the run row,
    // its connector, its skipped-record counts.
    const runReads = jest.spyOn(app.services.runBatches, 'getMany');
    const connectorReads = jest.spyOn(app.services.connectors, 'getMany');
    const skipReads = jest.spyOn(app.services.runs, 'skipCounts');

    const runId = await queueRun(app, connectorId);
    await waitFor(
      'the last event at every subscriber',
      () =>
        progress.every((w) => w.statuses.at(-1) === 'SUCCESS') &&
        updates.every((w) => w.statuses.at(-1) === 'SUCCESS'),
      30_000,
    );
    stopListening();

    const statusChanges = published.filter((e) => e.statusChanged).map((e) => e.status);
    expect(statusChanges).toEqual(['QUEUED', 'RUNNING', 'SUCCESS']);
    expect(published.length).toBeGreaterThan(statusChanges.length);
    for (const watcher of progress) {
      expect(watcher.errors).toEqual([]);
      expect([...watcher.runIds]).toEqual([runId]);
      // Every status the run went through, in order, and every event published.
      expect(watcher.statuses).toEqual(statusChanges);
      expect(watcher.events).toBe(published.length);
    }
    for (const watcher of updates) {
      expect(watcher.errors).toEqual([]);
      expect(watcher.statuses).toEqual(statusChanges);
      expect(watcher.events).toBe(statusChanges.length);
    }
    // Each is read once per event for all 160 subscribers, not once per subscriber.
    for (const reads of [runReads, connectorReads, skipReads]) {
      expect(reads.mock.calls.length).toBeGreaterThan(0);
      expect(reads.mock.calls.length).toBeLessThanOrEqual(published.length);
      reads.mockRestore();
    }
  });
});
