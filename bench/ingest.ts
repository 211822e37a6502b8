/**
 * npm run bench:ingest [-- --records 100000 --page-size 1000 --verify-records 20000
 *                         --verify-latency-ms 5 --skip-baseline --skip-verify
 *                         --skip-transactions --profile --events [--events-rounds 1]
 *                         --cpu-profile <dir>]
 *
 * Ingest throughput of the real sync pipeline against what Postgres can take:
 *
 *  1. baseline  the records upserted straight into one table with pg, one
 *               INSERT ... SELECT FROM unnest(...) ON CONFLICT per batch;
 *  2. floor     the schema floor (bench/floor.ts): the same records by bare SQL
 *               into the pipeline's own tables (credentials and
 *               external_references, every index and constraint), one
 *               statement pair per page: pipeline / floor is the engine's
 *               own overhead, floor / baseline the schema's;
 *  3. pipeline  an ISSUER_API connector (verifyPath: null) created through
 *               ConnectorService, a MANUAL run queued with RunCommands and
 *               executed by the worker; timed from queue to SUCCESS;
 *  4. transactions  the same pair for gateway transactions: the schema floor
 *               into transactions and external_references, then a PG_API
 *               connector's run over one cycle date (the same records, served
 *               page by page by the child process);
 *  5. verify    the same with verification on: one GET .../verify per record,
 *               answered after --verify-latency-ms by the provider, which
 *               counts how many it holds at once.
 *
 *  7. analyzed  (--analyzed) after each pipeline, ANALYZE, then the same run
 *               for a new connector (a new issuer): a first import into a
 *               database whose statistics have not seen it, as in production
 *               once autovacuum has analyzed the tables, against the first
 *               run on tables without statistics.
 *
 *  6. events    (--events) the pipeline with the outbox's CREDENTIAL_ISSUED
 *               insert made a no-op, then on, on emptied tables: the cost of
 *               writing one event per credential (bench/events-overhead.ts).
 *
 * The issuer runs in a child process (bench/issuer-server.ts) and generates
 * each page from its offset, so this process's RSS is the hub's alone.
 * Postgres is embedded in a temp dir, or the server in DATABASE_URL (a fresh
 * database is created there and dropped at the end).
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import pino from 'pino';
import { createDb } from '../src/db/knex';
import { migrateLatest } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { PgNotifier } from '../src/pubsub/notifier';
import { SecretBox } from '../src/security/secret-box';
import { createServices, type Services } from '../src/services';
import { setOutboundPolicy } from '../src/security/outbound';
import { runBaseline } from './baseline';
import { credentialFloor, runFloor, transactionFloor, type FloorResult } from './floor';
import { TRANSACTION_DATE } from './records';
import { cpuSince, treeCpu, type CpuSeconds } from './support/cpu';
import { benchDatabase } from './support/postgres';
import type { ProviderCommand, ProviderMessage, ProviderStats } from './issuer-server';
import { API_KEY } from './issuer-server';
import { runMicro } from './micro';
import { startPhaseProfile, type PhaseReport } from './phases';
import { eventsOverhead, printEventsOverhead, type EventsOverhead } from './events-overhead';
import { profiled } from './support/cpu-profile';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    'page-size': { type: 'string', default: '1000' },
    'verify-records': { type: 'string' },
    'verify-latency-ms': { type: 'string', default: '5' },
    'skip-baseline': { type: 'boolean', default: false },
    'skip-verify': { type: 'boolean', default: false },
    'skip-transactions': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    events: { type: 'boolean', default: false },
    analyzed: { type: 'boolean', default: false },
    'events-rounds': { type: 'string', default: '1' },
    /** Writes the hub's V8 CPU profile of each floor and pipeline phase to <dir>. */
    'cpu-profile': { type: 'string' },
  },
});

const RECORDS = positiveInt('records', args.records);
const PAGE_SIZE = positiveInt('page-size', args['page-size']);
const VERIFY_RECORDS = positiveInt(
  'verify-records',
  args['verify-records'] ?? String(Math.min(RECORDS, 20_000)),
);
const VERIFY_LATENCY_MS = Number(args['verify-latency-ms']);
/** The bound src/domains/credentials/credentials.ts puts on verify calls in flight. */
const VERIFY_CONCURRENCY = 8;

function positiveInt(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
  return number;
}

const MB = 1024 * 1024;

/** Samples this process's RSS and heap every 20 ms while a phase runs. */
function sampleMemory() {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      const usage = process.memoryUsage();
      return {
        peakRss: Math.max(peakRss, usage.rss),
        peakHeap: Math.max(peakHeap, usage.heapUsed),
      };
    },
  };
}

class Provider {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(latencyMs: number): Promise<Provider> {
    const ts = __filename.endsWith('.ts');
    const child = fork(
      path.join(__dirname, `issuer-server${ts ? '.ts' : '.js'}`),
      [String(latencyMs)],
      {
        // Under TypeScript the child needs the same require hook; never the CPU profiler.
        execArgv: ts ? ['-r', path.join(__dirname, '../test/support/swc-register.cjs')] : [],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the provider exited (${code})`)));
      child.once('message', (message: ProviderMessage) => {
        if (message.type === 'ready') resolve(message.port);
      });
    });
    child.removeAllListeners('exit');
    return new Provider(child, `http://127.0.0.1:${port}`);
  }

  baseUrl(records: number): string {
    return `${this.url}/n/${records}`;
  }

  reset(): void {
    this.child.send({ type: 'reset' } satisfies ProviderCommand);
  }

  stats(): Promise<ProviderStats> {
    return new Promise((resolve) => {
      const onMessage = (message: ProviderMessage) => {
        if (message.type !== 'stats') return;
        this.child.off('message', onMessage);
        resolve(message.stats);
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'stats' } satisfies ProviderCommand);
    });
  }

  stop(): void {
    this.child.disconnect();
  }
}

interface RunResult {
  status: string;
  ms: number;
  fetched: number;
  created: number;
  skipped: number;
  failed: number;
  pages: number;
  peakRss: number;
  peakHeap: number;
  /** CPU seconds the run took: the hub, Postgres, the provider. */
  cpu: CpuSeconds | null;
  phases?: PhaseReport;
}

const TERMINAL = new Set(['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED', 'CANCELLED']);

/**
 * Creates an ISSUER_API connector (or, with `transactions`, a PG_API one
 * run over TRANSACTION_DATE), queues a MANUAL run and lets the worker
 * execute it.
 */
async function syncRun(
  services: Services,
  db: Knex,
  notifier: PgNotifier,
  provider: Provider,
  options: {
    name: string;
    records: number;
    verify: boolean;
    profile: boolean;
    transactions?: boolean;
  },
): Promise<RunResult> {
  const retry = { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 1_000 };
  const connector = options.transactions
    ? await services.connectors.create({
        name: options.name,
        kind: 'PG_API',
        sourceEntity: 'BENCH-GATEWAY',
        authType: 'API_KEY',
        config: { baseUrl: provider.baseUrl(options.records), pageSize: PAGE_SIZE, retry },
        credentials: { apiKey: API_KEY },
        schedule: { enabled: false, cron: null, timezone: 'Asia/Kolkata' },
      })
    : await services.connectors.create({
        name: options.name,
        kind: 'ISSUER_API',
        sourceEntity: options.name.toUpperCase(),
        authType: 'API_KEY',
        config: {
          baseUrl: provider.baseUrl(options.records),
          pageSize: PAGE_SIZE,
          verifyPath: options.verify ? '/credentials/{id}/verify' : null,
          retry,
        },
        credentials: { apiKey: API_KEY },
      });
  const phases = options.profile && !options.transactions ? startPhaseProfile(db) : null;
  const memory = sampleMemory();
  const cpuBefore = treeCpu();
  const started = performance.now();
  const window = options.transactions
    ? {
        from: new Date(`${TRANSACTION_DATE}T00:00:00Z`),
        to: new Date(`${TRANSACTION_DATE}T23:59:59Z`),
      }
    : {};
  const run = await services.runCommands.runConnector(connector.id, window, 'bench');
  const ended = new Promise<void>((resolve) => {
    const detach = notifier.listen((event) => {
      if (event.type === 'run' && event.runId === run.id && TERMINAL.has(event.status)) {
        detach();
        clearInterval(poll);
        resolve();
      }
    });
    // Behind the event, in case the LISTEN connection missed it.
    const poll = setInterval(() => {
      void db('runs')
        .where({ id: run.id })
        .first('status')
        .then((row: { status: string } | undefined) => {
          if (row && TERMINAL.has(row.status)) {
            detach();
            clearInterval(poll);
            resolve();
          }
        });
    }, 500);
  });
  services.worker.start();
  await ended;
  const ms = performance.now() - started;
  const cpu = cpuSince(cpuBefore);
  const { peakRss, peakHeap } = memory.stop();
  const report = phases?.stop();
  await services.worker.stop();
  const row = (await db('runs').where({ id: run.id }).first()) as Record<string, unknown>;
  if (row.status !== 'SUCCESS') {
    console.error(`run ${run.id} ended ${String(row.status)}: ${String(row.errorMessage)}`);
  }
  return {
    status: String(row.status),
    ms,
    fetched: Number(row.recordsFetched),
    created: Number(row.recordsCreated),
    skipped: Number(row.recordsSkipped),
    failed: Number(row.recordsFailed),
    pages: Number(row.pagesFetched),
    peakRss,
    peakHeap,
    cpu,
    phases: report,
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const cpuTotal = (cpu: CpuSeconds) => cpu.hub + cpu.postgres + cpu.children;
const cpuText = (cpu: CpuSeconds | null) =>
  cpu
    ? `${fmt(cpuTotal(cpu), 2)} = ${fmt(cpu.hub, 2)}+${fmt(cpu.postgres, 2)}+${fmt(cpu.children, 2)}`
    : '-';
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / MB, 1)} MB`;
const rate = (records: number, ms: number) => (records * 1000) / ms;

function printPhases(result: RunResult) {
  const report = result.phases;
  if (!report) return;
  const sqlRows = [...report.sql.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const sqlMs = sqlRows.reduce((sum, [, bucket]) => sum + bucket.ms, 0);
  const other = result.ms - report.fetch.ms - report.normalize.ms - sqlMs;
  const share = (ms: number) => `${fmt((100 * ms) / result.ms, 1)} %`;
  const rows: string[][] = [
    [
      'fetch: HTTP + JSON.parse + zod page check',
      fmt(report.fetch.count),
      fmt(report.fetch.ms),
      share(report.fetch.ms),
    ],
    [
      'normalize (per record)',
      fmt(report.normalize.count),
      fmt(report.normalize.ms),
      share(report.normalize.ms),
    ],
    ...sqlRows.map(([group, bucket]) => [
      `SQL ${group}`,
      fmt(bucket.count),
      fmt(bucket.ms),
      share(bucket.ms),
    ]),
    // Only meaningful while steps do not overlap (they do: see the heading).
    [
      'other JS (dedupe, hashes, rows, knex compile, pool)',
      '',
      other > 0 ? fmt(other) : '-',
      other > 0 ? share(other) : '-',
    ],
    ['total (queue -> SUCCESS)', '', fmt(result.ms), '100.0 %'],
  ];
  console.log(
    '\nWhere the pipeline run spends its time (--profile). Time in each step, as a share of ' +
      "the run's wall time; steps overlap (the next page is fetched ahead, and pages are " +
      'written two at a time), so shares add up to more than 100 %.',
  );
  console.log(table(['step', 'calls', 'ms', 'share'], rows));
}

/**
 * The schema floor for credentials, under a connector and run of its own;
 * its rows are then removed, so the pipeline starts on the same empty tables.
 */
async function schemaFloor(
  services: Services,
  db: Knex,
  url: string,
): Promise<FloorResult & { cpu: CpuSeconds | null }> {
  const connector = await services.connectors.create({
    name: 'bench-floor',
    kind: 'ISSUER_API',
    sourceEntity: 'BENCH-FLOOR',
    authType: 'API_KEY',
    config: { baseUrl: 'http://127.0.0.1:9', pageSize: PAGE_SIZE, verifyPath: null },
    credentials: { apiKey: API_KEY },
  });
  const run = await floorRun(db, connector.id);
  const cpuBefore = treeCpu();
  const result = await runFloor(url, credentialFloor(), {
    records: RECORDS,
    pageSize: PAGE_SIZE,
    connectorId: connector.id,
    runId: run,
  });
  const cpu = cpuSince(cpuBefore);
  await db.raw('TRUNCATE external_references, credentials, anchor_groups, issuers CASCADE');
  return { ...result, cpu };
}

/** The schema floor for transactions; its rows are then removed, as for credentials. */
async function transactionSchemaFloor(
  services: Services,
  db: Knex,
  url: string,
): Promise<FloorResult & { cpu: CpuSeconds | null }> {
  const connector = await services.connectors.create({
    name: 'bench-floor-gateway',
    kind: 'PG_API',
    sourceEntity: 'BENCH-FLOOR',
    authType: 'NONE',
    config: { baseUrl: 'http://127.0.0.1:9' },
  });
  const run = await floorRun(db, connector.id);
  const cpuBefore = treeCpu();
  const result = await runFloor(url, transactionFloor(), {
    records: RECORDS,
    pageSize: PAGE_SIZE,
    connectorId: connector.id,
    runId: run,
  });
  const cpu = cpuSince(cpuBefore);
  await db.raw('TRUNCATE transactions, external_references');
  return { ...result, cpu };
}

/** A finished run row for a floor's rows to point to, as the pipeline's do. */
async function floorRun(db: Knex, connectorId: number): Promise<number> {
  const [run] = (await db('runs')
    .insert({ connectorId, type: 'MANUAL', status: 'SUCCESS', phase: 'DONE', triggeredBy: 'bench' })
    .returning('id')) as { id: number }[];
  return run.id;
}

async function main(): Promise<void> {
  const logger = createLogger({
    level: process.env.LOG_LEVEL ?? 'warn',
    destination: pino.destination(2),
  });
  const database = await benchDatabase('tributary-bench');
  const { url } = database;
  const provider = await Provider.start(VERIFY_LATENCY_MS);
  const db = createDb({ url, poolMax: 10, logger });
  const notifier = new PgNotifier({ url, logger });
  try {
    await migrateLatest(db);
    await notifier.start();
    // As main.ts builds them, with a random secret key.
    // The issuer (and ganache) listen on loopback.
    setOutboundPolicy({ allowPrivateTargets: true });
    const services = createServices({
      db,
      logger,
      notifier,
      secretBox: new SecretBox(randomBytes(32)),
    });
    const checkpoint = () => db.raw('CHECKPOINT');
    const pgVersion = (
      (await db.raw('SHOW server_version')) as { rows: { server_version: string }[] }
    ).rows[0].server_version;

    console.log(
      `Tributary ingest benchmark: ${fmt(RECORDS)} records, pageSize ${PAGE_SIZE}, ` +
        `${os.cpus().length} CPUs, Node ${process.version}, Postgres ${pgVersion} ` +
        `(${database.embedded ? 'embedded' : 'DATABASE_URL'})`,
    );

    let baseline: Awaited<ReturnType<typeof runBaseline>> | undefined;
    let baselineMemory: { peakRss: number } | undefined;
    if (!args['skip-baseline']) {
      const memory = sampleMemory();
      baseline = await runBaseline(url, RECORDS, PAGE_SIZE);
      baselineMemory = memory.stop();
      await checkpoint();
    }

    let floor: (FloorResult & { cpu: CpuSeconds | null }) | undefined;
    if (!args['skip-baseline']) {
      floor = await profiled(args['cpu-profile'], 'floor-credentials', () =>
        schemaFloor(services, db, url),
      );
      await checkpoint();
    }

    const pipeline = await profiled(args['cpu-profile'], 'pipeline-credentials', () =>
      syncRun(services, db, notifier, provider, {
        name: 'bench-pipeline',
        records: RECORDS,
        verify: false,
        profile: args.profile,
      }),
    );
    // The process's high-water mark so far: startup, baseline (small batches) and the pipeline.
    const maxRssAfterPipeline = process.resourceUsage().maxRSS * 1024;
    /** --analyzed: ANALYZE, then the same run for a new connector, which the statistics have not seen. */
    const afterAnalyze = async (name: string, transactions: boolean) => {
      await db.raw('ANALYZE');
      return syncRun(services, db, notifier, provider, {
        name,
        records: RECORDS,
        verify: false,
        profile: false,
        transactions,
      });
    };
    const analyzed = args.analyzed
      ? await afterAnalyze('bench-pipeline-analyzed', false)
      : undefined;
    const providerAfterPipeline = await provider.stats();
    await checkpoint();

    let events: EventsOverhead | undefined;
    if (args.events) {
      events = await eventsOverhead(
        db,
        positiveInt('events-rounds', args['events-rounds']),
        (name) =>
          syncRun(services, db, notifier, provider, {
            name,
            records: RECORDS,
            verify: false,
            profile: false,
          }),
      );
    }

    let txnFloor: (FloorResult & { cpu: CpuSeconds | null }) | undefined;
    let txnPipeline: RunResult | undefined;
    let txnAnalyzed: RunResult | undefined;
    if (!args['skip-transactions']) {
      if (!args['skip-baseline']) {
        txnFloor = await profiled(args['cpu-profile'], 'floor-transactions', () =>
          transactionSchemaFloor(services, db, url),
        );
        await checkpoint();
      }
      txnPipeline = await profiled(args['cpu-profile'], 'pipeline-transactions', () =>
        syncRun(services, db, notifier, provider, {
          name: 'bench-gateway',
          records: RECORDS,
          verify: false,
          profile: false,
          transactions: true,
        }),
      );
      if (args.analyzed) txnAnalyzed = await afterAnalyze('bench-gateway-analyzed', true);
      await checkpoint();
    }

    let verify: RunResult | undefined;
    let verifyStats: ProviderStats | undefined;
    if (!args['skip-verify']) {
      provider.reset();
      verify = await syncRun(services, db, notifier, provider, {
        name: 'bench-verify',
        records: VERIFY_RECORDS,
        verify: true,
        profile: false,
      });
      verifyStats = await provider.stats();
    }

    const rows: string[][] = [];
    if (baseline) {
      rows.push([
        'baseline: pg unnest upsert, 1 table',
        fmt(baseline.records),
        fmt(baseline.ms / 1000, 2),
        fmt(rate(baseline.records, baseline.ms)),
        mb(baselineMemory!.peakRss),
        '',
        '',
      ]);
    }
    if (floor) {
      rows.push([
        'schema floor: credentials + external_references, bare SQL',
        fmt(floor.records),
        fmt(floor.ms / 1000, 2),
        fmt(rate(floor.records, floor.ms)),
        '',
        cpuText(floor.cpu),
        `${floor.pages} pages, one statement pair each`,
      ]);
    }
    const runRow = (label: string, r: RunResult) => [
      label,
      fmt(r.fetched),
      fmt(r.ms / 1000, 2),
      fmt(rate(r.fetched, r.ms)),
      mb(r.peakRss),
      cpuText(r.cpu),
      `${r.status}, ${fmt(r.created)} created, ${fmt(r.skipped)} skipped, ${r.pages} pages`,
    ];
    rows.push(runRow('pipeline: ISSUER_API, verifyPath null', pipeline));
    if (txnFloor) {
      rows.push([
        'schema floor: transactions + external_references, bare SQL',
        fmt(txnFloor.records),
        fmt(txnFloor.ms / 1000, 2),
        fmt(rate(txnFloor.records, txnFloor.ms)),
        '',
        cpuText(txnFloor.cpu),
        `${txnFloor.pages} pages, one statement pair each`,
      ]);
    }
    if (txnPipeline) rows.push(runRow('pipeline: PG_API, one cycle date', txnPipeline));
    if (verify) rows.push(runRow(`pipeline + verify (${VERIFY_LATENCY_MS} ms per call)`, verify));
    console.log('');
    console.log(
      table(
        ['phase', 'records', 'seconds', 'records/s', 'peak RSS', 'CPU s hub+pg+src', 'run'],
        rows,
      ),
    );

    console.log('');
    if (baseline) {
      const ratio = rate(pipeline.fetched, pipeline.ms) / rate(baseline.records, baseline.ms);
      console.log(
        `pipeline / baseline:        ${fmt(ratio, 2)}x  (target >= 0.60x: ${ratio >= 0.6 ? 'met' : 'NOT met'})`,
      );
    }
    if (floor) {
      const ratio = rate(pipeline.fetched, pipeline.ms) / rate(floor.records, floor.ms);
      console.log(
        `pipeline / schema floor:    ${fmt(ratio, 2)}x  (target >= 0.80x: ${ratio >= 0.8 ? 'met' : 'NOT met'}); ` +
          'the rest of the gap to the baseline is the schema',
      );
    }
    for (const [label, first, again] of [
      ['ISSUER_API', pipeline, analyzed],
      ['PG_API', txnPipeline, txnAnalyzed],
    ] as const) {
      if (!first || !again) continue;
      console.log(
        `${label} after ANALYZE, a new connector: ${again.status}, ${fmt(again.fetched)} records in ` +
          `${fmt(again.ms / 1000, 2)} s = ${fmt(rate(again.fetched, again.ms))}/s, ` +
          `${fmt(rate(again.fetched, again.ms) / rate(first.fetched, first.ms), 2)}x the first run` +
          ` (no statistics); CPU s ${cpuText(again.cpu)} against ${cpuText(first.cpu)}`,
      );
    }
    if (txnFloor && txnPipeline) {
      const ratio = rate(txnPipeline.fetched, txnPipeline.ms) / rate(txnFloor.records, txnFloor.ms);
      console.log(
        `PG_API / its schema floor:  ${fmt(ratio, 2)}x  (target >= 0.80x: ${ratio >= 0.8 ? 'met' : 'NOT met'})`,
      );
    }
    // The same ratios in CPU seconds (floor CPU / pipeline CPU, all processes): what
    // other load on the machine changes least.
    const cpuRatio = (f: CpuSeconds | null | undefined, p: CpuSeconds | null | undefined) =>
      f && p ? cpuTotal(f) / cpuTotal(p) : null;
    const credentialCpu = cpuRatio(floor?.cpu, pipeline.cpu);
    const transactionCpu = cpuRatio(txnFloor?.cpu, txnPipeline?.cpu);
    if (credentialCpu !== null) {
      console.log(
        `in CPU seconds:             pipeline ${fmt(credentialCpu, 2)}x its floor` +
          (transactionCpu !== null ? `, PG_API ${fmt(transactionCpu, 2)}x its floor` : '') +
          ' (floor CPU / pipeline CPU, hub + Postgres + provider)',
      );
      // The provider stands in for the remote system, which the floor does not have:
      // the same ratios with its CPU left out of the pipeline's, as a second figure.
      const hubAndPostgres = (cpu: CpuSeconds) => cpu.hub + cpu.postgres;
      const withoutProvider = (f?: CpuSeconds | null, p?: CpuSeconds | null) =>
        f && p ? fmt(cpuTotal(f) / hubAndPostgres(p), 2) : null;
      const transactionsWithout = withoutProvider(txnFloor?.cpu, txnPipeline?.cpu);
      console.log(
        `  without the provider:     pipeline ${withoutProvider(floor?.cpu, pipeline.cpu)}x its floor` +
          (transactionsWithout !== null ? `, PG_API ${transactionsWithout}x its floor` : '') +
          " (the provider's CPU left out of the pipeline's; hub + Postgres only)",
      );
    }
    console.log(
      `hub peak RSS, pipeline:     ${mb(pipeline.peakRss)} sampled every 20 ms (heap used peak ${mb(pipeline.peakHeap)}); ` +
        `process maxRSS ${mb(maxRssAfterPipeline)}`,
    );
    console.log(
      `provider (child process):   RSS ${mb(providerAfterPipeline.rssBytes)}, maxRSS ${mb(providerAfterPipeline.maxRssBytes)}, ` +
        `${fmt(providerAfterPipeline.listCalls)} list calls - not counted in the hub's RSS`,
    );
    if (verify && verifyStats) {
      const seconds = verify.ms / 1000;
      const callsPerSecond = verifyStats.verifyCalls / seconds;
      const serialCeiling = VERIFY_LATENCY_MS > 0 ? 1000 / VERIFY_LATENCY_MS : Infinity;
      const meanInFlight = verifyStats.verifyHeldMs / verify.ms;
      console.log(
        `verify calls:               ${fmt(verifyStats.verifyCalls)} in ${fmt(seconds, 2)} s = ${fmt(callsPerSecond)} calls/s` +
          (Number.isFinite(serialCeiling)
            ? ` (one at a time could do at most ${fmt(serialCeiling)}/s)`
            : ''),
      );
      console.log(
        `verify overlap:             max ${verifyStats.verifyMaxInFlight} in flight at the provider ` +
          `(bound ${VERIFY_CONCURRENCY}), mean ${fmt(meanInFlight, 1)} over the run, ` +
          `${fmt((100 * verifyStats.verifyOverlapped) / Math.max(1, verifyStats.verifyCalls), 1)} % of calls arrived while another was open` +
          ` -> ${verifyStats.verifyMaxInFlight > 1 ? 'concurrent' : 'SERIAL'}`,
      );
    }

    if (events) printEventsOverhead(events, RECORDS);

    if (args.profile) {
      printPhases(pipeline);
      const micro = runMicro(db, PAGE_SIZE);
      const pages = Math.ceil(RECORDS / PAGE_SIZE);
      console.log(`\nCPU per page of ${PAGE_SIZE} records, steps timed in isolation (median)`);
      console.log(
        table(
          ['step', 'ms / page', `x ${pages} pages, s`],
          micro.map((m) => [m.step, fmt(m.msPerPage, 2), fmt((m.msPerPage * pages) / 1000, 2)]),
        ),
      );
    }
  } finally {
    provider.stop();
    await notifier.stop();
    await db.destroy();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
