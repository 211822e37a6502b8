/**
 * npm run bench:fanout [-- --subscribers 1000 --records 2000 --rounds 2]
 *
 * Live fan-out against its floor, in one run on one machine:
 *
 *   hubs    two hub processes (bench/hub-server.ts) on one database; the
 *           first runs the worker. An ISSUER_API connector syncs --records
 *           credentials (verification on, the issuer in its own process)
 *           while --subscribers graphql-ws clients (bench/fanout-clients.ts,
 *           a process of their own), half on each hub, watch it with the
 *           dashboard's runProgress subscription (client/src/queries.ts).
 *   alone   the same sync with nobody watching: how much the watchers slow it.
 *   bare    a bare graphql-ws server (bench/fanout-bare.ts) broadcasting the
 *           events the hubs delivered, at the same intervals, to as many
 *           subscribers from the same client process: the floor.
 *
 * Latency is from publication to arrival at a subscriber: for the hubs, from
 * the moment this process (idle, LISTENing on the same channel) receives the
 * NOTIFY; for the bare server, from the event's `at`, stamped as it
 * publishes. The hubs' latency from `at` (when the executor made the event,
 * before the progress throttle held it) is printed too. It prints p50/p99
 * for both, events received per subscriber, and the run's duration
 * (startedAt to completedAt) alone and watched, --rounds times each,
 * alternating, so that a change in the machine's load shows.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDb } from '../src/db/knex';
import { EVENTS_CHANNEL } from '../src/pubsub/events';
import { migrateLatest } from '../src/db/migrate';
import { BenchChild } from './support/child';
import { benchDatabase } from './support/postgres';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    subscribers: { type: 'string', default: '1000' },
    records: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '2' },
  },
});
const SUBSCRIBERS = Number(args.subscribers);
const RECORDS = Number(args.records);
const ROUNDS = Number(args.rounds);

/** The dashboard's subscription (client/src/queries.ts RUN_PROGRESS with ProgressEventFields). */
const RUN_PROGRESS = `subscription RunProgress($runId: ID, $connectorId: ID) {
  runProgress(runId: $runId, connectorId: $connectorId) {
    status
    at
    progress { phase recordsProcessed recordsTotal fraction ratePerSecond etaSeconds }
    stats { recordsFetched recordsCreated recordsUpdated recordsSkipped recordsFailed }
    run { id type status connector { id } }
  }
}`;

interface Report {
  type: string;
  fromAt?: { p50: number; p99: number };
  arrivals: Record<string, number[]>;
  byUrl: Record<string, { p50: number; p99: number }>;
  deliveries: number;
  p50: number;
  p99: number;
  max: number;
  eventsMin: number;
  eventsMedian: number;
  eventsMax: number;
  errors: number;
  statusSequences: Record<string, number>;
  timeline: { at: string; payload: Record<string, unknown> }[];
}

async function main(): Promise<void> {
  const database = await benchDatabase('bench-fanout');
  const db = createDb({ url: database.url, poolMax: 2 });
  const adminToken = `bench-${randomBytes(16).toString('hex')}`;
  const secretKey = randomBytes(32).toString('hex');
  const children: BenchChild[] = [];
  try {
    await migrateLatest(db);
    const hubEnv = {
      DATABASE_URL: database.url,
      ADMIN_TOKEN: adminToken,
      SECRET_KEY: secretKey,
      NODE_ENV: 'production',
    };
    const issuer = await BenchChild.start('issuer-server.ts');
    children.push(issuer);
    const hubA = await BenchChild.start('hub-server.ts', { ...hubEnv, HUB_WORKER: '1' });
    children.push(hubA);
    const hubB = await BenchChild.start('hub-server.ts', {
      ...hubEnv,
      ...(process.env.BENCH_CPU_PROF ? { BENCH_CPU_PROF: process.env.BENCH_CPU_PROF } : {}),
    });
    children.push(hubB);
    const clients = await BenchChild.start('fanout-clients.ts');
    children.push(clients);
    // When each run event was published: heard here, on an idle LISTEN connection.
    const published = new Map<string, number>();
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
    listener.on('notification', (message) => {
      const event = JSON.parse(message.payload ?? '{}') as { type?: string; at?: string };
      if (event.type === 'run' && event.at) published.set(event.at, Date.now());
    });
    const fromPublished = (report: Report) => {
      const latencies: number[] = [];
      for (const [at, times] of Object.entries(report.arrivals)) {
        const sent = published.get(at);
        if (sent !== undefined) for (const time of times) latencies.push(time - sent);
      }
      latencies.sort((a, b) => a - b);
      const pick = (p: number) =>
        latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
      return { p50: pick(0.5), p99: pick(0.99), count: latencies.length };
    };
    const urlA = `http://127.0.0.1:${hubA.ready.port as number}/graphql`;
    const wsUrls = [hubA, hubB].map((hub) => `ws://127.0.0.1:${hub.ready.port as number}/graphql`);
    const issuerUrl = `http://127.0.0.1:${issuer.ready.port as number}/n/${RECORDS}`;

    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(urlA, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query, variables }),
      });
      // The shapes are the queries' own; the bench reads a few fields of each.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };

    // VIEWER tokens for the subscribers: a hub takes 20 sockets per token.
    const viewerTokens: string[] = [];
    for (let i = 0; i * 40 < SUBSCRIBERS; i += 1) {
      const created = await gql(
        `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
        { input: { name: `watchers ${i}`, role: 'VIEWER' } },
      );
      viewerTokens.push(created.createApiToken.token);
    }

    let seq = 0;
    /** A fresh connector (its own issuer), so every run creates --records credentials. */
    const newConnector = async (): Promise<string> => {
      seq += 1;
      const data = await gql(
        `mutation($input: CreateConnectorInput!) {
          createConnector(input: $input) { connector { id } userErrors { message } } }`,
        {
          input: {
            name: `fanout ${seq}`,
            kind: 'ISSUER_API',
            sourceEntity: `FANOUT_${seq}`,
            authType: 'API_KEY',
            config: { baseUrl: issuerUrl, pageSize: 100 },
            credentials: { apiKey: 'bench-issuer-key' },
          },
        },
      );
      if (data.createConnector.userErrors.length) {
        throw new Error(JSON.stringify(data.createConnector.userErrors));
      }
      return data.createConnector.connector.id;
    };

    /** CPU time (ms) each process used so far: hub A, hub B, the clients. */
    const cpu = async () =>
      Promise.all(
        [hubA, hubB, clients].map(
          async (child) =>
            (await child.request<{ type: string; cpuMs: number }>({ type: 'stats' })).cpuMs,
        ),
      );
    /** Queues a run and waits for its end; its duration from startedAt to completedAt. */
    const syncOnce = async (
      connectorId: string,
    ): Promise<{ seconds: number; status: string; cpuMs: number[] }> => {
      const before = await cpu();
      const result = await syncOnly(connectorId);
      const after = await cpu();
      return { ...result, cpuMs: after.map((ms, i) => Math.round(ms - before[i])) };
    };
    const syncOnly = async (connectorId: string): Promise<{ seconds: number; status: string }> => {
      const queued = await gql(
        `mutation($input: RunConnectorInput!) { runConnector(input: $input) { run { id } userErrors { message } } }`,
        { input: { id: connectorId } },
      );
      const runId = queued.runConnector.run.id;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const { run } = await gql(`query($id: ID!) { run(id: $id) { status durationSeconds } }`, {
          id: runId,
        });
        if (run.durationSeconds !== null) {
          if (run.status !== 'SUCCESS') throw new Error(`the run ended ${run.status}`);
          return { seconds: run.durationSeconds, status: run.status };
        }
      }
    };

    const subscribersOf = async (hub: BenchChild) =>
      (await hub.request<{ type: string; subscribers: number }>({ type: 'stats' })).subscribers;

    /** Subscribes --subscribers clients to `urls` and waits until the servers count them. */
    const watch = async (
      urls: string[],
      servers: BenchChild[],
      variables: Record<string, unknown>,
    ) => {
      const before = await Promise.all(servers.map(subscribersOf));
      await clients.request({
        type: 'subscribe',
        urls,
        count: SUBSCRIBERS,
        query: RUN_PROGRESS,
        variables,
        tokens: viewerTokens,
      });
      const deadline = Date.now() + 120_000;
      for (;;) {
        const now = await Promise.all(servers.map(subscribersOf));
        const added = now.reduce((sum, n, i) => sum + n - before[i], 0);
        if (added >= SUBSCRIBERS) break;
        if (Date.now() > deadline) throw new Error(`only ${added} subscribers registered`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    console.log(
      `bench:fanout  ${SUBSCRIBERS} subscribers, ${RECORDS} records per run, ${ROUNDS} rounds,` +
        ` ${os.cpus().length} CPUs (load average ${os.loadavg()[0].toFixed(1)}), Node ${process.version}`,
    );
    const alone: number[] = [];
    const watched: number[] = [];
    const hubReports: Report[] = [];
    const bareReports: Report[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const quiet = await syncOnce(await newConnector());
      alone.push(quiet.seconds);
      console.log(
        `round ${round}: alone   ${quiet.seconds.toFixed(2)} s (${quiet.status});` +
          ` CPU ms hub A, hub B, clients: ${quiet.cpuMs.join(', ')}`,
      );

      const connectorId = await newConnector();
      await watch(wsUrls, [hubA, hubB], { connectorId });
      const busy = await syncOnce(connectorId);
      watched.push(busy.seconds);
      // Let the last deliveries land.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const hub = await clients.request<Report>({ type: 'report' });
      await clients.request({ type: 'close' });
      const sent = fromPublished(hub);
      hubReports.push({
        ...hub,
        p50: sent.p50,
        p99: sent.p99,
        fromAt: { p50: hub.p50, p99: hub.p99 },
      });
      console.log(
        `round ${round}: watched ${busy.seconds.toFixed(2)} s (${busy.status});` +
          ` CPU ms hub A, hub B, clients: ${busy.cpuMs.join(', ')}; hubs: p50 ${sent.p50} ms,` +
          ` p99 ${sent.p99} ms from NOTIFY (${sent.count} deliveries; from the event's at: p50 ${hub.p50},` +
          ` p99 ${hub.p99}), events per subscriber ${hub.eventsMin}..${hub.eventsMax},` +
          ` status sequences ${JSON.stringify(hub.statusSequences)}, errors ${hub.errors};` +
          ` per hub (worker first) ${JSON.stringify(Object.values(hub.byUrl))}`,
      );

      // The floor: the same events, at the same intervals, from a bare server.
      const bare = await BenchChild.start('fanout-bare.ts', { NODE_ENV: 'production' });
      try {
        await watch([`ws://127.0.0.1:${bare.ready.port as number}/graphql`], [bare], {
          connectorId,
        });
        const first = Date.parse(hub.timeline[0]?.at ?? new Date().toISOString());
        const cpuOf = async (child: BenchChild) =>
          (await child.request<{ type: string; cpuMs: number }>({ type: 'stats' })).cpuMs;
        const cpuBefore = [await cpuOf(bare), await cpuOf(clients)];
        await bare.request({
          type: 'broadcast',
          events: hub.timeline.map((entry) => ({
            offsetMs: Date.parse(entry.at) - first,
            payload: entry.payload,
          })),
        });
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const bareCpu = [await cpuOf(bare), await cpuOf(clients)].map((ms, i) =>
          Math.round(ms - cpuBefore[i]),
        );
        const floor = await clients.request<Report>({ type: 'report' });
        await clients.request({ type: 'close' });
        bareReports.push(floor);
        console.log(
          `round ${round}: bare    CPU ms bare server, clients: ${bareCpu.join(', ')};` +
            ` p50 ${floor.p50} ms, p99 ${floor.p99} ms,` +
            ` events per subscriber ${floor.eventsMin}..${floor.eventsMax}, errors ${floor.errors}`,
        );
      } finally {
        await bare.stop();
      }
    }

    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const hubP50 = mean(hubReports.map((r) => r.p50));
    const hubP99 = mean(hubReports.map((r) => r.p99));
    const bareP50 = mean(bareReports.map((r) => r.p50));
    const bareP99 = mean(bareReports.map((r) => r.p99));
    console.table([
      {
        server: `2 hubs (${SUBSCRIBERS / 2} subscribers each)`,
        'p50 ms': hubP50,
        'p99 ms': hubP99,
        'events/subscriber': hubReports.map((r) => `${r.eventsMin}..${r.eventsMax}`).join(', '),
      },
      {
        server: "2 hubs, from the event's at (+ throttle hold)",
        'p50 ms': mean(hubReports.map((r) => r.fromAt!.p50)),
        'p99 ms': mean(hubReports.map((r) => r.fromAt!.p99)),
        'events/subscriber': '',
      },
      {
        server: `bare graphql-ws (${SUBSCRIBERS} subscribers)`,
        'p50 ms': bareP50,
        'p99 ms': bareP99,
        'events/subscriber': bareReports.map((r) => `${r.eventsMin}..${r.eventsMax}`).join(', '),
      },
    ]);
    const slowdown = mean(watched) / mean(alone) - 1;
    const fastest = Math.min(...watched) / Math.min(...alone) - 1;
    console.log(
      `run of ${RECORDS} records: alone ${mean(alone).toFixed(2)} s, watched ${mean(watched).toFixed(2)} s` +
        ` (${(slowdown * 100).toFixed(1)} % slower; target < 10 %); fastest of each:` +
        ` ${Math.min(...alone).toFixed(2)} s and ${Math.min(...watched).toFixed(2)} s (${(fastest * 100).toFixed(1)} %)`,
    );
    console.log(
      `delivery vs bare: p50 ${(hubP50 / bareP50).toFixed(2)}x, p99 ${(hubP99 / bareP99).toFixed(2)}x (target <= 1.5x)`,
    );
    await listener.end();
  } finally {
    for (const child of children.reverse()) await child.stop();
    await db.destroy();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
