/**
 * npm run bench:api [-- --duration 10 --connections 32 --connectors 50 --runs 3]
 *
 * The read path against its floor, on one hub, in one run: autocannon POSTs
 * each query for --duration seconds over --connections connections:
 *
 *   trivial     `{ __typename }` (authentication, Apollo, JSON: the floor)
 *   connectors  the dashboard's page of connectors (bench/api-queries.ts):
 *               connectors(first: 50) with stats, lastRun { stats }, runs(first: 5),
 *               schedule { nextRunAt }
 *   history     the run history: runs(first: 20) with stats and connector
 *   trivial     again, so a change in the machine's load shows
 *
 * and prints requests/s, latency p50/p99, SQL statements per request
 * (what the hub's pool sent for one request alone, and on average over the
 * requests the hub received under load) and the hub's CPU time per request. The hub (bench/hub-server.ts) runs in a child process,
 * so the load generator does not share its CPU time; it serves --connectors
 * ISSUER_API connectors with --runs finished runs each (and some skipped
 * records). Postgres is embedded in a temp dir, or the server in DATABASE_URL.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createDb } from '../src/db/knex';
import { migrateLatest } from '../src/db/migrate';
import { CONNECTORS_PAGE, RUN_HISTORY, TRIVIAL } from './api-queries';
import { BenchChild } from './support/child';
import { benchDatabase } from './support/postgres';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    connectors: { type: 'string', default: '50' },
    runs: { type: 'string', default: '3' },
    // Only the queries named (trivial, connectors, history), e.g. to profile one.
    only: { type: 'string' },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const CONNECTORS = Number(args.connectors);
const RUNS = Number(args.runs);
const ONLY = args.only ? new Set(args.only.split(',')) : null;

const OUTCOMES = ['SUCCESS', 'SUCCESS', 'FAILED', 'PARTIAL_SUCCESS'] as const;

interface HubStats {
  type: string;
  statements: number;
  requests: number;
  cpuMs: number;
}

interface Measured {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  statementsPerRequest: number;
  statementsUnderLoad: number;
  /** The hub's CPU time per request served under load (less sensitive to other load than req/s). */
  cpuMsPerRequest: number;
  errors: number;
}

async function main(): Promise<void> {
  const database = await benchDatabase('bench-api');
  const db = createDb({ url: database.url, poolMax: 2 });
  const adminToken = `bench-${randomBytes(16).toString('hex')}`;
  let hub: BenchChild | undefined;
  try {
    await migrateLatest(db);
    hub = await BenchChild.start('hub-server.ts', {
      DATABASE_URL: database.url,
      ADMIN_TOKEN: adminToken,
      SECRET_KEY: randomBytes(32).toString('hex'),
      // As deployed: graphql-js's development-mode type checks cost 2x on a big page.
      NODE_ENV: 'production',
      // BENCH_CPU_PROF=dir: a CPU profile of the hub (node --cpu-prof), written as it exits.
      ...(process.env.BENCH_CPU_PROF ? { BENCH_CPU_PROF: process.env.BENCH_CPU_PROF } : {}),
    });
    const url = `http://127.0.0.1:${hub.ready.port as number}/graphql`;
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };

    await seed(db, gql);
    const measure = async (name: string, query: string, variables = {}): Promise<Measured> => {
      await gql(query, variables); // fails loudly on a broken query
      // One request alone: exactly what it sends (under load, requests cut off
      // at the end are received but not all executed, which blurs the average).
      const alone = await hub!.request<HubStats>({ type: 'stats' });
      await gql(query, variables);
      const statementsAlone =
        (await hub!.request<HubStats>({ type: 'stats' })).statements - alone.statements;
      const before = await hub!.request<HubStats>({ type: 'stats' });
      const result = await autocannon({
        url,
        connections: CONNECTIONS,
        duration: DURATION,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query, variables }),
      });
      // Requests still in flight at the end: wait until the hub's count settles.
      let after = await hub!.request<HubStats>({ type: 'stats' });
      for (let settled = false; !settled;) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const now = await hub!.request<HubStats>({ type: 'stats' });
        settled = now.statements === after.statements;
        after = now;
      }
      const requests = result.requests.total;
      // Every request the hub received, those cut off at the end included.
      const served = after.requests - before.requests;
      return {
        name,
        requestsPerSecond: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        requests,
        statementsPerRequest: statementsAlone,
        statementsUnderLoad: (after.statements - before.statements) / Math.max(1, served),
        cpuMsPerRequest: (after.cpuMs - before.cpuMs) / Math.max(1, served),
        errors: result.errors + result.non2xx + result.timeouts,
      };
    };

    console.log(
      `bench:api  ${CONNECTORS} connectors x ${RUNS} runs, ${CONNECTIONS} connections, ${DURATION} s each,` +
        ` ${os.cpus().length} CPUs, Node ${process.version}`,
    );
    if (ONLY) {
      for (const [name, query, variables] of [
        ['trivial', TRIVIAL, {}],
        ['connectors', CONNECTORS_PAGE, { first: 50 }],
        ['history', RUN_HISTORY, { first: 20 }],
      ] as const) {
        if (ONLY.has(name)) console.table([await measure(name, query, variables)]);
      }
      return;
    }
    const results = [
      await measure('trivial { __typename }', TRIVIAL),
      await measure('connectors page (first: 50)', CONNECTORS_PAGE, { first: 50 }),
      await measure('run history (first: 20)', RUN_HISTORY, { first: 20 }),
      await measure('trivial { __typename }, again', TRIVIAL),
    ];
    const floor = (results[0].requestsPerSecond + results[3].requestsPerSecond) / 2;
    console.table(
      results.map((r) => ({
        query: r.name,
        'req/s': Math.round(r.requestsPerSecond),
        'x trivial': (r.requestsPerSecond / floor).toFixed(2),
        'p50 ms': r.p50,
        'p99 ms': r.p99,
        'SQL/req': r.statementsPerRequest,
        'SQL/req under load': r.statementsUnderLoad.toFixed(2),
        'hub CPU ms/req': r.cpuMsPerRequest.toFixed(2),
        requests: r.requests,
        errors: r.errors,
      })),
    );
    const page = results[1];
    // What every request costs before its query runs: the bearer token's check.
    const auth = (results[0].statementsPerRequest + results[3].statementsPerRequest) / 2;
    const floorCpu = (results[0].cpuMsPerRequest + results[3].cpuMsPerRequest) / 2;
    console.log(
      `connectors page: ${(page.requestsPerSecond / floor).toFixed(2)}x the trivial query (target >= 0.3x),` +
        ` ${page.cpuMsPerRequest.toFixed(1)} ms of hub CPU per request (the trivial query ${floorCpu.toFixed(2)} ms:` +
        ` ${(floorCpu / page.cpuMsPerRequest).toFixed(2)}x),` +
        ` ${page.statementsPerRequest} statements per request (target <= 6), of which` +
        ` ${auth} authenticate the token (as for { __typename }): the query's own` +
        ` ${page.statementsPerRequest - auth}`,
    );
  } finally {
    await hub?.stop();
    await db.destroy();
    await database.drop();
  }
}

/** --connectors ISSUER_API connectors through GraphQL, each with --runs finished runs. */
async function seed(
  db: ReturnType<typeof createDb>,
  gql: (query: string, variables?: Record<string, unknown>) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < CONNECTORS; i += 1) {
    await gql(
      `mutation($input: CreateConnectorInput!) { createConnector(input: $input) { userErrors { message } } }`,
      {
        input: {
          name: `issuer ${i}`,
          kind: 'ISSUER_API',
          sourceEntity: `ISSUER_${i}`,
          authType: 'API_KEY',
          config: { baseUrl: 'http://127.0.0.1:9', issuerName: `Issuer ${i}` },
          credentials: { apiKey: `key-${i}` },
          schedule: i % 2 ? { enabled: true, cron: '0 */6 * * *', timezone: 'Asia/Kolkata' } : null,
        },
      },
    );
  }
  const connectors: { id: number }[] = await db('connectors').select('id');
  const day = Date.UTC(2026, 10, 1);
  for (const { id: connectorId } of connectors) {
    const runs = Array.from({ length: RUNS }, (_, n) => ({
      connectorId,
      type: n === 0 ? 'MANUAL' : 'SCHEDULED',
      status: OUTCOMES[(connectorId + n) % OUTCOMES.length],
      phase: 'DONE',
      triggeredBy: 'bench',
      recordsTotal: 2000,
      recordsFetched: 2000,
      recordsCreated: n === 0 ? 1990 : 0,
      recordsUpdated: n === 0 ? 0 : 5,
      recordsSkipped: 10,
      pagesFetched: 20,
      createdAt: new Date(day + n * 3_600_000),
      startedAt: new Date(day + n * 3_600_000),
      completedAt: new Date(day + n * 3_600_000 + 4_000),
    }));
    const inserted: { id: number }[] = await db('runs').insert(runs).returning('id');
    await db('skippedRecords').insert(
      inserted.flatMap(({ id: runId }) =>
        Array.from({ length: 10 }, (_, k) => ({
          runId,
          connectorId,
          externalId: `skip-${runId}-${k}`,
          reason: k % 2 ? 'DUPLICATE' : 'INVALID_RECORD',
          message: 'bench',
        })),
      ),
    );
    const ok = runs.filter((run) => run.status !== 'FAILED').length;
    await db('connectors')
      .where({ id: connectorId })
      .update({ totalRuns: RUNS, successCount: ok, failureCount: RUNS - ok });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
