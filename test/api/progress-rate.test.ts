/**
 * The progress rate a worker is given (RUN_PROGRESS_PER_SECOND, here 1 a
 * second) is what its runs publish: a burst of pages becomes a few progress
 * events, the newest counters always arrive (in the final event), and every
 * status change reaches every subscriber, all of them receiving the same
 * events.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { HubEvent } from '../../src/pubsub/events';
import { startTestApp, type TestApp } from '../support/app';
import { IssuerProvider } from '../support/issuer-provider';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';
import { waitFor } from '../support/wait';

const WATCHERS = 10;
const RECORDS = 300;
const PAGE = 5;

const RUN_PROGRESS = `subscription($connectorId: ID) {
  runProgress(connectorId: $connectorId) {
    status at
    progress { phase recordsProcessed }
    stats { recordsCreated }
  }
}`;

interface Seen {
  status: string;
  at: string;
  progress: { phase: string; recordsProcessed: number };
  stats: { recordsCreated: number };
}

describe('the progress rate', () => {
  let app: TestApp;
  let issuer: IssuerProvider;
  const clients: Client[] = [];

  beforeAll(async () => {
    app = await startTestApp({ worker: { progressPerSecond: 1 } });
    issuer = await IssuerProvider.start();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await issuer.close();
    await app.close();
  });

  it('sends at most one progress event a second per run, the last counters and every status change to all', async () => {
    issuer.seed(RECORDS);
    issuer.pageDelayMs = 10;
    const connectorId = await createIssuerConnector(app, issuer, 'Rated', {
      pageSize: PAGE,
      verifyPath: null,
    });
    const before = app.notifier.subscriberCount;
    const seen: Seen[][] = [];
    for (let i = 0; i < WATCHERS; i += 1) {
      const events: Seen[] = [];
      seen.push(events);
      const client = createClient({
        url: app.wsUrl,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${app.adminToken}` },
      });
      clients.push(client);
      client.subscribe<{ runProgress: Seen }>(
        { query: RUN_PROGRESS, variables: { connectorId } },
        {
          next: ({ data }) => {
            if (data) events.push(data.runProgress);
          },
          error: (error) => {
            throw error;
          },
          complete: () => undefined,
        },
      );
    }
    await waitFor('every subscriber', () => app.notifier.subscriberCount >= before + WATCHERS);

    const published: Extract<HubEvent, { type: 'run' }>[] = [];
    const stop = app.notifier.listen((event) => {
      if (event.type === 'run') published.push(event);
    });
    await queueRun(app, connectorId);
    await waitFor(
      'the end at every subscriber',
      () => seen.every((events) => events.at(-1)?.status === 'SUCCESS'),
      30_000,
    );
    stop();

    const { rows } = await app.db.raw(
      `select extract(epoch from completed_at - started_at)::float8 as seconds, pages_fetched
         from runs order by id desc limit 1`,
    );
    const { seconds, pages_fetched: pages } = rows[0] as { seconds: number; pages_fetched: number };
    expect(pages).toBe(RECORDS / PAGE);

    const statuses = published.filter((e) => e.statusChanged).map((e) => e.status);
    expect(statuses).toEqual(['QUEUED', 'RUNNING', 'SUCCESS']);
    // Between RUNNING and SUCCESS, progress sends are at least a second apart:
    // at most one per started second of the run, and the window's last.
    const progress = published.filter((e) => !e.statusChanged);
    expect(progress.length).toBeLessThanOrEqual(Math.floor(seconds) + 2);
    expect(progress.length).toBeLessThan(pages);
    for (const events of seen) {
      // The same events, in the same order, at every subscriber.
      expect(events.map((e) => e.at)).toEqual(seen[0].map((e) => e.at));
      expect(events).toHaveLength(published.length);
      const changes = events.map((e) => e.status).filter((s, i, all) => s !== all[i - 1]);
      expect(changes).toEqual(['QUEUED', 'RUNNING', 'SUCCESS']);
      // The newest counters: the final event carries every record.
      expect(events.at(-1)).toMatchObject({
        status: 'SUCCESS',
        progress: { phase: 'DONE', recordsProcessed: RECORDS },
        stats: { recordsCreated: RECORDS },
      });
    }
  });
});
