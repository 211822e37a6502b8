/**
 * A real sync watched live: the run executes in one app (process A's
 * worker), the client subscribes through another app on the same database
 * (process B), and progress reaches it through Postgres LISTEN/NOTIFY.
 */
import type { Client } from 'graphql-ws';
import type { TestApp } from '../support/app';
import { IssuerProvider } from '../support/issuer-provider';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';
import { startSplitApps, type SplitApps } from '../support/split-apps';

interface ProgressEvent {
  status: string;
  run: { id: string };
  progress: {
    phase: string;
    recordsProcessed: number;
    recordsTotal: number | null;
    fraction: number | null;
    ratePerSecond: number;
    etaSeconds: number | null;
  };
  stats: { recordsCreated: number; pagesFetched: number };
}

describe('live progress of a real sync across processes', () => {
  let apps: SplitApps;
  let api: TestApp;
  let issuer: IssuerProvider;
  let client: Client;
  beforeAll(async () => {
    apps = await startSplitApps();
    ({ api, client } = apps);
    issuer = await IssuerProvider.start();
  });
  afterAll(async () => {
    await issuer?.close();
    await apps?.close();
  });

  it('streams phase, counts, rate, ETA and fraction, at most 4 a second, ending with the final status', async () => {
    issuer.seed(400);
    const connectorId = await createIssuerConnector(api, issuer, 'Watched', {
      pageSize: 10,
      verifyPath: null,
    });
    // A little latency per page, so the run lasts long enough to be watched.
    issuer.pageDelayMs = 40;

    const events: ProgressEvent[] = [];
    const arrivals: number[] = [];
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe<{ runProgress: ProgressEvent }>(
        {
          query: `subscription($connectorId: ID) { runProgress(connectorId: $connectorId) {
            status run { id }
            progress { phase recordsProcessed recordsTotal fraction ratePerSecond etaSeconds }
            stats { recordsCreated pagesFetched } } }`,
          variables: { connectorId },
        },
        {
          next: ({ data }) => {
            if (!data) return;
            events.push(data.runProgress);
            arrivals.push(Date.now());
            if (!['QUEUED', 'RUNNING'].includes(data.runProgress.status)) resolve();
          },
          error: reject,
          complete: () => resolve(),
        },
      );
    });
    // Let the subscription reach the server before the run starts.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const runId = await queueRun(api, connectorId);
    await done;

    const final = events.at(-1)!;
    expect(final).toMatchObject({
      status: 'SUCCESS',
      run: { id: runId },
      progress: {
        phase: 'DONE',
        recordsProcessed: 400,
        recordsTotal: 400,
        fraction: 1,
        etaSeconds: 0,
      },
      stats: { recordsCreated: 400, pagesFetched: 40 },
    });
    const running = events.filter(
      (e) => e.status === 'RUNNING' && e.progress.phase === 'PROCESSING',
    );
    expect(running.length).toBeGreaterThanOrEqual(2);
    const middle = running.find(
      (e) => e.progress.recordsProcessed > 0 && e.progress.recordsProcessed < 400,
    );
    expect(middle).toBeDefined();
    expect(middle!.progress.ratePerSecond).toBeGreaterThan(0);
    expect(middle!.progress.etaSeconds).toBeGreaterThan(0);
    expect(middle!.progress.fraction).toBeCloseTo(middle!.progress.recordsProcessed / 400, 5);
    // Counters only grow.
    const processed = running.map((e) => e.progress.recordsProcessed);
    expect([...processed].sort((a, b) => a - b)).toEqual(processed);
    // The throttle: 40 pages in about 2 s, but at most 4 progress events a second.
    // Counted over the whole run rather than per window: NOTIFY delivery can
    // bunch events together on a loaded machine, sending never does.
    // The first RUNNING event is the status change (QUEUED -> RUNNING); the rest are progress.
    const progressArrivals = arrivals.filter((_, i) => events[i].status === 'RUNNING').slice(1);
    const seconds = (arrivals.at(-1)! - arrivals[0]) / 1000;
    expect(progressArrivals.length).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 1);
    // Far fewer events than pages: progress is throttled, not sent per page.
    expect(events.length).toBeLessThan(40);
  });
});
