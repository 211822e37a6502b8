/**
 * npm run bench:api [-- --duration 10 --connections 32 --connectors 50 --runs 3 --warmup 2]
 *
 * The read path against its floor, in one run: autocannon POSTs each query
 * for --duration seconds over --connections connections, to two hubs on one
 * database, one with the GraphQL response cache off and one with it on
 * (src/server/response-cache.ts):
 *
 *   trivial             `{ __typename }` on the uncached hub (authentication,
 *                       Apollo, JSON: the floor)
 *   connectors          the dashboard's page of connectors (bench/api-queries.ts):
 *                       connectors(first: 50) with stats, lastRun { stats },
 *                       runs(first: 5), schedule { nextRunAt }; uncached hub
 *   history             the run history: runs(first: 20) with stats and connector;
 *                       uncached hub
 *   connectors, cached  the same page on the cached hub: dashboards polling
 *                       a hub whose database does not change meanwhile
 *   history, cached     likewise
 *   trivial, cached hub `{ __typename }` on the cached hub
 *   trivial             again on the uncached hub, so a change in the
 *                       machine's load shows; the floor is the mean of both
 *
 * and prints requests/s, latency p50/p99, SQL statements per request
 * (what the hub's pool sent for one request alone, and on average over the
 * requests the hub received under load), the hub's CPU time per request and,
 * on the cached hub, the share of answers served from the cache. The hubs
 * (bench/hub-server.ts) run in child processes, so the load generator does
 * not share their CPU time; they serve --connectors ISSUER_API connectors
 * with --runs finished runs each (and some skipped records). Postgres is
 * embedded in a temp dir, or the server in DATABASE_URL.
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
    // Seconds of unmeasured load per query and hub before measuring.
    warmup: { type: 'string', default: '2' },
    // Only the queries named (trivial, connectors, history), e.g. to profile one.
    only: { type: 'string' },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const CONNECTORS = Number(args.connectors);
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const ONLY = args.only ? new Set(args.only.split(',')) : null;

const OUTCOMES = ['SUCCESS', 'SUCCESS', 'FAILED', 'PARTIAL_SUCCESS'] as const;

interface HubStats {
  type: string;
  statements: number;
  requests: number;
  cpuMs: number;
  cacheHits: number;
  cacheMisses: number;
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
  /** Answers served from the response cache, of the cacheable ones (null: the cache is off). */
  hitRate: number | null;
  errors: number;
}

async function main(): Promise<void> {
  const database = await benchDatabase('bench-api');
  const db = createDb({ url: database.url, poolMax: 2 });
  const adminToken = `bench-${randomBytes(16).toString('hex')}`;
  let hub: BenchChild | undefined;
  let cachedHub: BenchChild | undefined;
  try {
    await migrateLatest(db);
    const hubEnv = {
      DATABASE_URL: database.url,
      ADMIN_TOKEN: adminToken,
      SECRET_KEY: randomBytes(32).toString('hex'),
      // As deployed: graphql-js's development-mode type checks cost 2x on a big page.
      NODE_ENV: 'production',
      // BENCH_CPU_PROF=dir: a CPU profile of the hub (node --cpu-prof), written as it exits.
      ...(process.env.BENCH_CPU_PROF ? { BENCH_CPU_PROF: process.env.BENCH_CPU_PROF } : {}),
      // The hub at the load generator's priority: the generator stands in for remote
      // clients, and a hub below it (an API replica's default nice 10) would measure
      // the share of the CPU the generator leaves it.
      HUB_NICE: '0',
    };
    hub = await BenchChild.start('hub-server.ts', { ...hubEnv, GRAPHQL_RESPONSE_CACHE: 'false' });
    cachedHub = await BenchChild.start('hub-server.ts', {
      ...hubEnv,
      GRAPHQL_RESPONSE_CACHE: 'true',
    });
    const urlOf = (child: BenchChild) => `http://127.0.0.1:${child.ready.port as number}/graphql`;
    const url = urlOf(hub);
    const gql = async (query: string, variables: Record<string, unknown> = {}, to = url) => {
      const res = await fetch(to, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };

    await seed(db, gql);
    // Autovacuum's analyze of the fresh rows would otherwise run during the first measurement.
    await db.raw('VACUUM ANALYZE');
    /** Requests still in flight after a load: waits until the hub's counts settle. */
    const settle = async (on: BenchChild): Promise<HubStats> => {
      let after = await on.request<HubStats>({ type: 'stats' });
      for (let settled = false; !settled;) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const now = await on.request<HubStats>({ type: 'stats' });
        settled = now.statements === after.statements && now.requests === after.requests;
        after = now;
      }
      return after;
    };
    const measure = async (
      name: string,
      query: string,
      variables = {},
      on: BenchChild = hub!,
    ): Promise<Measured> => {
      const target = urlOf(on);
      await gql(query, variables, target); // fails loudly on a broken query
      // One request alone: exactly what it sends (under load, requests cut off
      // at the end are received but not all executed, which blurs the average).
      const alone = await on.request<HubStats>({ type: 'stats' });
      await gql(query, variables, target);
      const statementsAlone =
        (await on.request<HubStats>({ type: 'stats' })).statements - alone.statements;
      const before = await on.request<HubStats>({ type: 'stats' });
      const result = await autocannon({
        url: target,
        connections: CONNECTIONS,
        duration: DURATION,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query, variables }),
      });
      const after = await settle(on);
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
        hitRate:
          on === hub
            ? null
            : (after.cacheHits - before.cacheHits) /
              Math.max(
                1,
                after.cacheHits + after.cacheMisses - before.cacheHits - before.cacheMisses,
              ),
        errors: result.errors + result.non2xx + result.timeouts,
      };
    };

    console.log(
      `bench:api  ${CONNECTORS} connectors x ${RUNS} runs, ${CONNECTIONS} connections, ${DURATION} s each,` +
        ` ${os.cpus().length} CPUs, Node ${process.version}`,
    );
    const queries = {
      trivial: ['trivial { __typename }', TRIVIAL, {}, hub],
      connectors: ['connectors page (first: 50)', CONNECTORS_PAGE, { first: 50 }, hub],
      history: ['run history (first: 20)', RUN_HISTORY, { first: 20 }, hub],
      'connectors-cached': ['connectors page, cached', CONNECTORS_PAGE, { first: 50 }, cachedHub],
      'history-cached': ['run history, cached', RUN_HISTORY, { first: 20 }, cachedHub],
      'trivial-cached': ['trivial, cached hub', TRIVIAL, {}, cachedHub],
    } as const;
    // Every query on its hub for a moment first, unmeasured: the first
    // measurement would otherwise pay for the JIT's warm-up and read low.
    for (const [, query, variables, on] of Object.values(queries)) {
      await autocannon({
        url: urlOf(on),
        connections: CONNECTIONS,
        duration: WARMUP,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query, variables }),
      });
      await settle(on);
    }
    if (ONLY) {
      for (const [key, [name, query, variables, on]] of Object.entries(queries)) {
        if (ONLY.has(key)) console.table([await measure(name, query, variables, on)]);
      }
      return;
    }
    const run = (key: keyof typeof queries) => {
      const [name, query, variables, on] = queries[key];
      return measure(name, query, variables, on);
    };
    const results = [
      await run('trivial'),
      await run('connectors'),
      await run('history'),
      await run('connectors-cached'),
      await run('history-cached'),
      await run('trivial-cached'),
      { ...(await run('trivial')), name: 'trivial { __typename }, again' },
    ];
    const first = results[0];
    const last = results[results.length - 1];
    const floor = (first.requestsPerSecond + last.requestsPerSecond) / 2;
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
        'from cache': r.hitRate === null ? '-' : `${(r.hitRate * 100).toFixed(1)} %`,
        requests: r.requests,
        errors: r.errors,
      })),
    );
    const [, page, , cachedPage] = results;
    // What every request costs before its query runs: the bearer token's check.
    const auth = (first.statementsPerRequest + last.statementsPerRequest) / 2;
    const floorCpu = (first.cpuMsPerRequest + last.cpuMsPerRequest) / 2;
    const line = (label: string, r: Measured) =>
      `${label}: ${(r.requestsPerSecond / floor).toFixed(2)}x the trivial query (target >= 0.3x),` +
      ` ${r.cpuMsPerRequest.toFixed(2)} ms of hub CPU per request (the trivial query ${floorCpu.toFixed(2)} ms),` +
      ` ${r.statementsPerRequest} statements per request (target <= 6), of which` +
      ` ${auth} authenticate the token (as for { __typename })`;
    console.log(line('connectors page, uncached (cache off)', page));
    console.log(
      line('connectors page, cached (polling an unchanged hub)', cachedPage) +
        `; ${((cachedPage.hitRate ?? 0) * 100).toFixed(1)} % of answers from the cache`,
    );
  } finally {
    await hub?.stop();
    await cachedHub?.stop();
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
