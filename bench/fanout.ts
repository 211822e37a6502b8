/**
 * npm run bench:fanout [-- --subscribers 1000 --records 2000 --rounds 3 --warmup 1 --spread
 *                         --progress-per-second N --hub-nice N --clients-nice N --profile DIR]
 *
 * Live fan-out against its floor, in one run on one machine:
 *
 *   hubs    two hub processes (bench/hub-server.ts) on one database: the
 *           worker hub (hub A) runs the run, the API hub (hub B, no worker,
 *           as an API replica with WORKER_CONCURRENCY=0) serves the
 *           subscribers. An ISSUER_API connector syncs --records credentials
 *           (verification on, the issuer in its own process) while
 *           --subscribers graphql-ws clients (bench/fanout-clients.ts, a
 *           process of their own) watch it with the dashboard's runProgress
 *           subscription (client/src/queries.ts). --spread puts half of
 *           them on each hub instead (the worker's too).
 *   alone   the same sync with nobody watching: how much the watchers slow it.
 *   bare    a bare graphql-ws server (bench/fanout-bare.ts) broadcasting the
 *           events the hubs delivered, at the same intervals, to as many
 *           subscribers from the same client process: the floor.
 *
 * After --warmup pairs of warm-up runs, one alone and one watched (not
 * counted: JIT and caches, the delivery path's included), --rounds rounds
 * each run once alone and once watched, alternating in ABBA order. Each run
 * prints its duration (startedAt to completedAt), the load average, and the
 * CPU seconds (from /proc) the worker hub, Postgres, the API hub, the
 * subscribers' process and the issuer spent from queueing to its end; the
 * summary gives the medians, alone against watched, and their spread: each
 * side's range, each round's watched run against its alone one, and a 95 %
 * bootstrap interval of the slowdown (the rounds drawn again with
 * replacement, 2,000 times). The driver waits for a
 * run's end on its own LISTEN connection, so it sends the hubs nothing
 * while a run runs.
 *
 * Latency is from publication to arrival at a subscriber: for the hubs, from
 * the moment this process (idle, LISTENing on the same channel) receives the
 * NOTIFY; for the bare server, from the event's `at`, stamped as it
 * publishes. The hubs' latency from `at` (when the executor made the event,
 * before the progress throttle held it) is printed too, and the CPU per
 * event per 1,000 subscribers in the API hub and in the subscribers' process.
 *
 * CPU priorities: the hubs run as src/main.ts runs them (HUB_NICE's defaults:
 * the worker hub at nice 0, the API hub, an API replica, at 10; --hub-nice N
 * sets the API hub's, and the bare server runs at the API hub's). The
 * subscribers' process runs at nice 19 (--clients-nice): it stands in for
 * clients on other machines, and at the hubs' priority its 1,000 WebSockets'
 * work would take the worker's CPU as no remote client's can.
 *
 * --profile DIR writes a CPU profile of the worker hub, the API hub and the
 * subscribers' process over each counted run (queueing to the end, and for a
 * watched run until the last delivery), DIR/round-N-{alone,watched}-
 * {worker,api,subscribers}.cpuprofile; profiling slows the runs it covers.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDb } from '../src/db/knex';
import { EVENTS_CHANNEL } from '../src/pubsub/events';
import { idOf } from '../src/schema/global-id';
import { migrateLatest } from '../src/db/migrate';
import { BenchChild } from './support/child';
import { machineCpu, processCpu, treeCpu } from './support/cpu';
import { benchDatabase } from './support/postgres';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    subscribers: { type: 'string', default: '1000' },
    records: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    spread: { type: 'boolean', default: false },
    'progress-per-second': { type: 'string' },
    'hub-nice': { type: 'string' },
    'clients-nice': { type: 'string', default: '19' },
    profile: { type: 'string' },
  },
});
const SUBSCRIBERS = Number(args.subscribers);
const RECORDS = Number(args.records);
const ROUNDS = Number(args.rounds);
const WARMUP = Number(args.warmup);
/** Half the subscribers on each hub (the worker's too), instead of all on the API hub. */
const SPREAD = args.spread;
/** The worker hub's RUN_PROGRESS_PER_SECOND (default: the hub's own default). */
const PROGRESS_RATE = args['progress-per-second'];
/** The API hub's HUB_NICE (default: the hub's own default for an API replica, 10). */
const HUB_NICE = args['hub-nice'];
/** The subscribers' process's nice. */
const CLIENTS_NICE = args['clients-nice'];
/** Where to write a CPU profile of each counted run (none when unset). */
const PROFILE_DIR = args.profile;
if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });

/** CPU seconds of each process of the benchmark (null where /proc cannot tell). */
interface CpuReading {
  worker: number | null;
  api: number | null;
  clients: number | null;
  issuer: number | null;
  postgres: number | null;
  /** Every CPU of the machine, busy (any process, the kernel's softirq included). */
  machine: number | null;
  /** Of which softirq (network processing no process is charged with). */
  softirq: number | null;
}

/** The benchmark's own processes, Postgres included (not the machine-wide figures). */
const PROCESSES = ['worker', 'api', 'clients', 'issuer', 'postgres'] as const;

interface RunResult {
  seconds: number;
  status: string;
  /** ms waited for the processes to be idle before the run was queued. */
  waited: number;
  /** 1-minute load average as the run was queued. */
  load: number;
  /** CPU seconds from queueing to the run's end. */
  cpu: CpuReading;
  /** The same, until a second after the end (the last deliveries). */
  settled: CpuReading;
  /** SQL statements the worker hub sent, and events it published, from queueing to the end. */
  workerStatements: number;
  workerEvents: number;
}

function cpuSince(before: CpuReading, after: CpuReading): CpuReading {
  const diff = (key: keyof CpuReading) =>
    before[key] === null || after[key] === null ? null : after[key]! - before[key]!;
  return {
    worker: diff('worker'),
    api: diff('api'),
    clients: diff('clients'),
    issuer: diff('issuer'),
    postgres: diff('postgres'),
    machine: diff('machine'),
    softirq: diff('softirq'),
  };
}

const TERMINAL = new Set(['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED', 'CANCELLED']);

const fmt = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
const sum = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

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

/**
 * The 2.5th and 97.5th percentiles of median(watched) / median(alone) - 1
 * over 2,000 resamplings of the rounds (pairs kept together), with a fixed
 * seed so that the same rounds give the same interval.
 */
function bootstrapInterval(alone: number[], watched: number[]): [number, number] {
  let seed = 0x2f6b1d;
  const random = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const draws: number[] = [];
  for (let draw = 0; draw < 2_000; draw += 1) {
    const picked = alone.map(() => Math.floor(random() * alone.length));
    draws.push(median(picked.map((i) => watched[i])) / median(picked.map((i) => alone[i])) - 1);
  }
  draws.sort((a, b) => a - b);
  return [draws[Math.floor(0.025 * draws.length)], draws[Math.floor(0.975 * draws.length)]];
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
    const hubA = await BenchChild.start('hub-server.ts', {
      ...hubEnv,
      HUB_WORKER: '1',
      ...(PROGRESS_RATE ? { RUN_PROGRESS_PER_SECOND: PROGRESS_RATE } : {}),
    });
    children.push(hubA);
    const hubB = await BenchChild.start('hub-server.ts', {
      ...hubEnv,
      ...(HUB_NICE !== undefined ? { HUB_NICE } : {}),
      ...(process.env.BENCH_CPU_PROF ? { BENCH_CPU_PROF: process.env.BENCH_CPU_PROF } : {}),
    });
    children.push(hubB);
    const clients = await BenchChild.start('fanout-clients.ts', { NICE: CLIENTS_NICE });
    children.push(clients);
    // When each run event was published: heard here, on an idle LISTEN connection.
    const published = new Map<string, number>();
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
    // Postgres stops before this process exits when a round failed: not an error of its own.
    listener.on('error', () => undefined);
    /** Called with a run's id when its final status event is heard. */
    const ended = new Map<number, () => void>();
    listener.on('notification', (message) => {
      const event = JSON.parse(message.payload ?? '{}') as {
        type?: string;
        at?: string;
        runId?: number;
        status?: string;
        statusChanged?: boolean;
      };
      if (event.type === 'run' && event.at) published.set(event.at, Date.now());
      if (event.type === 'run' && event.statusChanged && TERMINAL.has(event.status ?? '')) {
        ended.get(event.runId!)?.();
      }
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
    for (let i = 0; i * 20 < SUBSCRIBERS; i += 1) {
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

    const machineNow = () => {
      const machine = machineCpu();
      return { machine: machine?.busy ?? null, softirq: machine?.softirq ?? null };
    };
    /** What the worker hub has done so far: SQL statements sent, events published. */
    const workerWork = () =>
      hubA.request<{ type: string; statements: number; published: number }>({ type: 'stats' });
    /** CPU seconds so far, from /proc: each process of the benchmark, and Postgres (its whole tree). */
    const cpuNow = (): CpuReading => ({
      worker: processCpu(hubA.process.pid),
      api: processCpu(hubB.process.pid),
      clients: processCpu(clients.process.pid),
      issuer: processCpu(issuer.process.pid),
      postgres: treeCpu()?.postgres ?? null,
      ...machineNow(),
    });
    /** `run`, profiled in the worker hub, the API hub and the subscribers' process with --profile. */
    const profiled = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
      if (!PROFILE_DIR) return run();
      const processes = { worker: hubA, api: hubB, subscribers: clients };
      await Promise.all(Object.values(processes).map((p) => p.request({ type: 'profile-start' })));
      const result = await run();
      await Promise.all(
        Object.entries(processes).map(([name, p]) =>
          p.request({
            type: 'profile-stop',
            file: path.join(PROFILE_DIR, `${label}-${name}.cpuprofile`),
          }),
        ),
      );
      return result;
    };
    /**
     * Waits (at most 10 s) until the benchmark's processes, Postgres included,
     * used under 20 ms of CPU together in the last 250 ms, so that what the
     * step before left running (1,000 sockets opened or closed and their
     * garbage, the bare server, an autovacuum of the growing tables) is not
     * counted in the next run, alone or watched alike. Returns the ms waited.
     */
    const quiet = async (): Promise<number> => {
      const start = Date.now();
      let before = cpuNow();
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const now = cpuNow();
        const since = cpuSince(before, now);
        const used = PROCESSES.reduce((total, key) => total + (since[key] ?? 0), 0);
        if (used < 0.02 || Date.now() - start > 10_000) return Date.now() - start;
        before = now;
      }
    };
    /**
     * Queues a run and waits for its end, heard on this process's LISTEN
     * connection (no polling of the hubs while it runs); its duration from
     * startedAt to completedAt.
     */
    const syncOnly = async (connectorId: string): Promise<{ seconds: number; status: string }> => {
      const queued = await gql(
        `mutation($input: RunConnectorInput!) { runConnector(input: $input) { run { id } userErrors { message } } }`,
        { input: { id: connectorId } },
      );
      const runId: string = queued.runConnector.run.id;
      const rowId = idOf('Run', runId)!;
      const end = new Promise<void>((resolve) => ended.set(rowId, resolve));
      // A run that ended before the map entry was set is found by the first check.
      for (let wait = 0; ; wait = 5_000) {
        await Promise.race([end, new Promise((resolve) => setTimeout(resolve, wait))]);
        const { run } = await gql(`query($id: ID!) { run(id: $id) { status durationSeconds } }`, {
          id: runId,
        });
        if (run.durationSeconds !== null) {
          ended.delete(rowId);
          if (run.status !== 'SUCCESS') throw new Error(`the run ended ${run.status}`);
          return { seconds: run.durationSeconds, status: run.status };
        }
      }
    };
    /**
     * One run: its duration, the CPU each process spent from queueing to its
     * end (`cpu`) and until `settle` (default a second) after it (`settled`:
     * the last deliveries).
     */
    const syncOnce = async (
      connectorId: string,
      settle: () => Promise<unknown> = () => new Promise((resolve) => setTimeout(resolve, 1_000)),
    ): Promise<RunResult> => {
      const waited = await quiet();
      const load = os.loadavg()[0];
      const workBefore = await workerWork();
      const before = cpuNow();
      const result = await syncOnly(connectorId);
      const cpu = cpuSince(before, cpuNow());
      const workAfter = await workerWork();
      await settle();
      return {
        ...result,
        waited,
        load,
        cpu,
        settled: cpuSince(before, cpuNow()),
        // The driver's own two requests (queue, read the result) are not the run's.
        workerStatements: workAfter.statements - workBefore.statements,
        workerEvents: workAfter.published - workBefore.published,
      };
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

    /** Waits (up to a minute) until every subscriber has received the run's end. */
    const everySubscriberFinished = async () => {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const { finished } = await clients.request<{ type: string; finished: number }>({
          type: 'finished',
        });
        if (finished >= SUBSCRIBERS) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const layout =
      (SPREAD ? 'half on each hub' : 'all on the API hub (hub B)') +
      (PROGRESS_RATE ? `, RUN_PROGRESS_PER_SECOND=${PROGRESS_RATE}` : '') +
      `; nice: worker hub ${hubA.ready.nice as number}, API hub ${hubB.ready.nice as number},` +
      ` subscribers ${CLIENTS_NICE}`;
    console.log(
      `bench:fanout  ${SUBSCRIBERS} subscribers (${layout}), ${RECORDS} records per run,` +
        ` ${ROUNDS} rounds alternating, ${os.cpus().length} CPUs (load average` +
        ` ${os
          .loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')}), Node ${process.version}`,
    );
    const alone: RunResult[] = [];
    const watched: RunResult[] = [];
    const hubReports: Report[] = [];
    const bareReports: Report[] = [];
    const runLine = (label: string, round: number, run: RunResult) =>
      `round ${round}: ${label} ${run.seconds.toFixed(2)} s (${run.status}, load ${run.load.toFixed(1)}, idle after ${run.waited} ms);` +
      ` CPU s worker hub ${fmt(run.cpu.worker)}, Postgres ${fmt(run.cpu.postgres)},` +
      ` API hub ${fmt(run.cpu.api)}, subscribers ${fmt(run.cpu.clients)}, issuer ${fmt(run.cpu.issuer)};` +
      ` worker hub sent ${run.workerStatements} statements, published ${run.workerEvents} events`;

    const runAlone = async (round: number) => {
      const connectorId = await newConnector();
      const quiet = await profiled(`round-${round}-alone`, () => syncOnce(connectorId));
      alone.push(quiet);
      console.log(runLine('alone  ', round, quiet));
    };
    const runWatched = async (round: number) => {
      const connectorId = await newConnector();
      await watch(SPREAD ? wsUrls : [wsUrls[1]], SPREAD ? [hubA, hubB] : [hubB], { connectorId });
      const busy = await profiled(`round-${round}-watched`, () =>
        syncOnce(connectorId, everySubscriberFinished),
      );
      watched.push(busy);
      const hub = await clients.request<Report>({ type: 'report' });
      await clients.request({ type: 'close' });
      const sent = fromPublished(hub);
      hubReports.push({
        ...hub,
        p50: sent.p50,
        p99: sent.p99,
        fromAt: { p50: hub.p50, p99: hub.p99 },
      });
      // CPU per event delivered, per 1,000 subscribers, until the last delivery landed.
      const perEvent = (seconds: number | null) =>
        seconds === null || hub.eventsMedian === 0
          ? 'n/a'
          : `${((seconds * 1000) / hub.eventsMedian / (SUBSCRIBERS / 1000)).toFixed(1)} ms`;
      console.log(
        runLine('watched', round, busy) +
          `\n         delivery: p50 ${sent.p50} ms, p99 ${sent.p99} ms from NOTIFY (${sent.count} deliveries;` +
          ` from the event's at: p50 ${hub.p50}, p99 ${hub.p99}), events per subscriber` +
          ` ${hub.eventsMin}..${hub.eventsMax}, status sequences ${JSON.stringify(hub.statusSequences)},` +
          ` errors ${hub.errors}; per hub ${JSON.stringify(hub.byUrl)}` +
          `\n         CPU per event per 1,000 subscribers (to the last delivery): API hub` +
          ` ${perEvent(busy.settled.api)},` +
          ` subscribers ${perEvent(busy.settled.clients)}`,
      );

      // The floor: the same events, at the same intervals, from a bare server.
      const bare = await BenchChild.start('fanout-bare.ts', {
        NODE_ENV: 'production',
        NICE: String(hubB.ready.nice),
      });
      try {
        await watch([`ws://127.0.0.1:${bare.ready.port as number}/graphql`], [bare], {
          connectorId,
        });
        const first = Date.parse(hub.timeline[0]?.at ?? new Date().toISOString());
        const cpuBefore = [processCpu(bare.process.pid), processCpu(clients.process.pid)];
        await bare.request({
          type: 'broadcast',
          events: hub.timeline.map((entry) => ({
            offsetMs: Date.parse(entry.at) - first,
            payload: entry.payload,
          })),
        });
        await everySubscriberFinished();
        const bareCpu = [processCpu(bare.process.pid), processCpu(clients.process.pid)].map(
          (seconds, i) =>
            seconds === null || cpuBefore[i] === null ? null : seconds - cpuBefore[i]!,
        );
        const floor = await clients.request<Report>({ type: 'report' });
        await clients.request({ type: 'close' });
        bareReports.push(floor);
        console.log(
          `round ${round}: bare    CPU s bare server ${fmt(bareCpu[0])}, subscribers ${fmt(bareCpu[1])};` +
            ` p50 ${floor.p50} ms, p99 ${floor.p99} ms,` +
            ` events per subscriber ${floor.eventsMin}..${floor.eventsMax}, errors ${floor.errors}`,
        );
      } finally {
        await bare.stop();
      }
    };

    // Warm-up (not counted): the first run of a process pays for JIT and
    // caches, and the first watched one for the API hub's and the
    // subscribers' delivery path (otherwise paid by round 1's watched run).
    for (let i = 0; i < WARMUP; i += 1) {
      const warm = await syncOnce(await newConnector());
      console.log(runLine('warm-up', 0, warm));
      const connectorId = await newConnector();
      await watch(SPREAD ? wsUrls : [wsUrls[1]], SPREAD ? [hubA, hubB] : [hubB], { connectorId });
      const warmWatched = await syncOnce(connectorId, everySubscriberFinished);
      await clients.request({ type: 'close' });
      console.log(runLine('warm-up', 0, warmWatched) + ' (watched)');
    }
    // Alternating, in ABBA order, so that a drift in the machine's load or the
    // tables' growth weighs on both sides alike.
    for (let round = 1; round <= ROUNDS; round += 1) {
      if (round % 2 === 1) {
        await runAlone(round);
        await runWatched(round);
      } else {
        await runWatched(round);
        await runAlone(round);
      }
    }

    const hubP50 = median(hubReports.map((r) => r.p50));
    const hubP99 = median(hubReports.map((r) => r.p99));
    const bareP50 = median(bareReports.map((r) => r.p50));
    const bareP99 = median(bareReports.map((r) => r.p99));
    console.table([
      {
        server: SPREAD
          ? `2 hubs (${SUBSCRIBERS / 2} subscribers each)`
          : `API hub (${SUBSCRIBERS} subscribers)`,
        'p50 ms': hubP50,
        'p99 ms': hubP99,
        'events/subscriber': hubReports.map((r) => `${r.eventsMin}..${r.eventsMax}`).join(', '),
      },
      {
        server: "hubs, from the event's at (+ throttle hold)",
        'p50 ms': median(hubReports.map((r) => r.fromAt!.p50)),
        'p99 ms': median(hubReports.map((r) => r.fromAt!.p99)),
        'events/subscriber': '',
      },
      {
        server: `bare graphql-ws (${SUBSCRIBERS} subscribers)`,
        'p50 ms': bareP50,
        'p99 ms': bareP99,
        'events/subscriber': bareReports.map((r) => `${r.eventsMin}..${r.eventsMax}`).join(', '),
      },
    ]);
    const medianOf = (runs: RunResult[], pick: (run: RunResult) => number | null) => {
      const values = runs.map(pick).filter((v): v is number => v !== null);
      return values.length === runs.length ? median(values) : null;
    };
    const change = (a: number | null, b: number | null) =>
      a === null || b === null ? 'n/a' : `${(((b - a) / a) * 100).toFixed(1)} %`;
    const rows: [string, (run: RunResult) => number | null][] = [
      ['run wall s (startedAt..completedAt)', (run) => run.seconds],
      ['worker hub CPU s', (run) => run.cpu.worker],
      ['Postgres CPU s', (run) => run.cpu.postgres],
      ['worker hub SQL statements', (run) => run.workerStatements],
      ['events the run published', (run) => run.workerEvents],
      ['API hub CPU s', (run) => run.cpu.api],
      ['subscribers CPU s', (run) => run.cpu.clients],
      ['machine CPU s (all CPUs, /proc/stat)', (run) => run.cpu.machine],
      ['  of which softirq', (run) => run.cpu.softirq],
      ['load average (1 min)', (run) => run.load],
    ];
    console.table(
      rows.map(([what, pick]) => {
        const a = medianOf(alone, pick);
        const w = medianOf(watched, pick);
        return {
          'median of rounds': what,
          alone: a === null ? 'n/a' : Number(a.toFixed(2)),
          watched: w === null ? 'n/a' : Number(w.toFixed(2)),
          change: change(a, w),
          'each alone': alone.map((run) => fmt(pick(run))).join(' '),
          'each watched': watched.map((run) => fmt(pick(run))).join(' '),
        };
      }),
    );
    const slowdown =
      median(watched.map((r) => r.seconds)) / median(alone.map((r) => r.seconds)) - 1;
    console.log(
      `run of ${RECORDS} records, medians of ${ROUNDS} alternating rounds: watched ${(slowdown * 100).toFixed(1)} %` +
        ` slower (target < 10 %); worker hub + Postgres CPU ${change(
          medianOf(alone, (r) => sum(r.cpu.worker, r.cpu.postgres)),
          medianOf(watched, (r) => sum(r.cpu.worker, r.cpu.postgres)),
        )}`,
    );
    // The spread: the range of each side, each round's own pair (alone and
    // watched run next to each other), and how far the slowdown moves when
    // the rounds are drawn again with replacement (a bootstrap, 2,000 draws,
    // a fixed seed): on a shared 2-core machine the run alone moves by
    // tens of per cent from one round to the next.
    const aloneSeconds = alone.map((r) => r.seconds);
    const watchedSeconds = watched.map((r) => r.seconds);
    const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
    const perRound = aloneSeconds.map((a, i) => watchedSeconds[i] / a - 1);
    const [low, high] = bootstrapInterval(aloneSeconds, watchedSeconds);
    console.log(
      `spread: alone ${Math.min(...aloneSeconds).toFixed(2)}..${Math.max(...aloneSeconds).toFixed(2)} s,` +
        ` watched ${Math.min(...watchedSeconds).toFixed(2)}..${Math.max(...watchedSeconds).toFixed(2)} s;` +
        ` each round watched vs alone ${perRound.map(pct).join(', ')} (median ${pct(median(perRound))});` +
        ` 95 % bootstrap interval of the slowdown ${pct(low)} .. ${pct(high)}`,
    );
    console.log(
      `delivery vs bare (medians): p50 ${(hubP50 / bareP50).toFixed(2)}x, p99 ${(hubP99 / bareP99).toFixed(2)}x (target <= 1.5x)`,
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
