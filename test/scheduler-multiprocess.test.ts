import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../src/db/knex';
import { idOf } from '../src/schema/global-id';
import { createTestDatabase, type TestDatabase } from './support/db';
import { spawnHub, type HubProcess } from './support/hub-process';
import { sleep, waitFor } from './support/wait';

/**
 * Three real server processes (src/main.ts, compiled on load by SWC) on one
 * database, each with its scheduler running, and one connector on a
 * one-second cron. Every tick is fired by all three; exactly one of them
 * queues it, or all of them skip it because the previous run is still
 * active. The test plays the worker: it marks queued runs done as they
 * appear.
 */

const PROCESSES = 3;
const OBSERVE_MS = 7000;

interface LogLine {
  msg: string;
  instanceId?: string;
  connectorId?: number;
  scheduledFor?: string;
  runId?: number;
  url?: string;
}

type Child = HubProcess<LogLine>;

describe('scheduler across processes', () => {
  let database: TestDatabase;
  let db: Db;
  let dataDir: string;
  const children: Child[] = [];
  const adminToken = `test-admin-${randomBytes(16).toString('hex')}`;
  // Processes sharing one database share one secret key, as in a real deployment.
  const secretKey = randomBytes(32).toString('hex');

  function spawnServer(): Child {
    const child = spawnHub<LogLine>({
      DATABASE_URL: database.url,
      TRIBUTARY_SECRET_KEY: secretKey,
      TRIBUTARY_ADMIN_TOKEN: adminToken,
      DATA_DIR: dataDir,
      SCHEDULER_ENABLED: 'true',
      DB_POOL_MAX: '3',
      // No worker: the test finishes runs itself, so only the scheduler decides.
      WORKER_CONCURRENCY: '0',
    });
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, poolMax: 2 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tributary-multiprocess-'));
  });

  afterAll(async () => {
    for (const child of children) {
      if (child.process.exitCode === null && child.process.signalCode === null) {
        child.process.kill('SIGKILL');
      }
    }
    await Promise.all(children.map((child) => child.exited));
    await db?.destroy();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('queues each tick exactly once, however many processes fire it', async () => {
    for (let i = 0; i < PROCESSES; i += 1) spawnServer();
    const started = (child: Child) => child.lines.find((l) => l.msg === 'scheduler started');
    await waitFor(
      'three schedulers',
      () => {
        const dead = children.find((child) => child.process.exitCode !== null);
        if (dead) throw new Error(`a server exited: ${dead.output.join('')}`);
        return children.every(started);
      },
      30_000,
    );
    const instanceIds = children.map((child) => started(child)?.instanceId);
    expect(new Set(instanceIds).size).toBe(PROCESSES);

    // Created through the first process; the others hear of it over NOTIFY
    // (their periodic resync is 30 s away).
    const url = children[0].lines.find((l) => l.msg === 'Tributary is listening')?.url;
    const res = await fetch(url as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        query: `mutation($input: CreateConnectorInput!) {
          createConnector(input: $input) { connector { id } userErrors { message } }
        }`,
        variables: {
          input: {
            name: 'every second',
            // A kind that syncs: only those run on a schedule.
            kind: 'ISSUER_API',
            sourceEntity: 'NSDC',
            authType: 'API_KEY',
            config: { baseUrl: 'https://issuer.example' },
            credentials: { apiKey: 'k' },
            schedule: { enabled: true, cron: '* * * * * *', timezone: 'Asia/Kolkata' },
          },
        },
      }),
    });
    const body = (await res.json()) as {
      data: { createConnector: { connector: { id: string }; userErrors: unknown[] } };
    };
    expect(body.data.createConnector.userErrors).toEqual([]);
    const connectorId = idOf('Connector', body.data.createConnector.connector.id) as number;
    await waitFor(
      'every process to schedule the connector',
      () =>
        children.every((child) =>
          child.lines.some((l) => l.msg === 'schedule added' && l.connectorId === connectorId),
        ),
      5000,
    );
    const allScheduledAt = Date.now();

    // Play the worker: finish queued runs as they appear.
    let observing = true;
    const worker = (async () => {
      while (observing) {
        await db('runs')
          .where({ connectorId })
          .whereIn('status', ['QUEUED', 'RUNNING'])
          .update({ status: 'SUCCESS', phase: 'DONE', completedAt: new Date() });
        await sleep(100);
      }
    })();
    await sleep(OBSERVE_MS);
    const stoppedAt = Date.now();
    for (const child of children) child.process.kill('SIGTERM');
    const codes = await Promise.all(children.map((child) => child.exited));
    observing = false;
    await worker;
    expect(codes).toEqual([0, 0, 0]);
    for (const child of children) {
      expect(child.lines.some((l) => l.msg === 'scheduler stopped')).toBe(true);
    }

    const runs: { id: number; type: string; triggeredBy: string; scheduledFor: Date }[] = await db(
      'runs',
    )
      .where({ connectorId })
      .orderBy('scheduledFor');
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((run) => run.type === 'SCHEDULED' && run.triggeredBy === 'scheduler')).toBe(
      true,
    );
    const seconds = runs.map((run) => run.scheduledFor.getTime());
    expect(seconds.every((time) => time % 1000 === 0)).toBe(true);
    expect(new Set(seconds).size).toBe(runs.length); // each scheduled_for exactly once

    // What each process did with each tick, from its log.
    type Outcome = 'queued' | 'taken' | 'skipped';
    const outcomes = new Map<number, { instanceId: string; outcome: Outcome; runId?: number }[]>();
    const kinds: Record<string, Outcome> = {
      'scheduled run queued': 'queued',
      'tick already queued by another instance': 'taken',
      'tick skipped: previous run still active': 'skipped',
    };
    for (const child of children) {
      for (const line of child.lines) {
        const outcome = kinds[line.msg];
        if (!outcome || line.connectorId !== connectorId) continue;
        const at = new Date(line.scheduledFor as string).getTime();
        const list = outcomes.get(at) ?? [];
        list.push({ instanceId: line.instanceId as string, outcome, runId: line.runId });
        outcomes.set(at, list);
      }
    }

    // Every run was queued by exactly one process, and its log names that run.
    for (const run of runs) {
      const queued = (outcomes.get(run.scheduledFor.getTime()) ?? []).filter(
        (o) => o.outcome === 'queued',
      );
      expect(queued).toHaveLength(1);
      expect(queued[0].runId).toBe(run.id);
    }

    // While all three ran, every second was fired by all three and either
    // queued once or skipped by all (previous run still active): no gaps.
    const from = Math.ceil(allScheduledAt / 1000) * 1000 + 1000;
    const to = Math.floor(stoppedAt / 1000) * 1000 - 1000;
    expect(to - from).toBeGreaterThanOrEqual(3000);
    const perSecond: string[] = [];
    let queuedSeconds = 0;
    for (let at = from; at <= to; at += 1000) {
      const list = outcomes.get(at) ?? [];
      const queued = list.filter((o) => o.outcome === 'queued').length;
      const skipped = list.filter((o) => o.outcome === 'skipped').length;
      perSecond.push(`${new Date(at).toISOString()} ${list.map((o) => o.outcome).join(',')}`);
      expect(new Set(list.map((o) => o.instanceId)).size).toBe(PROCESSES);
      expect(list).toHaveLength(PROCESSES);
      expect(queued === 1 || skipped === PROCESSES).toBe(true);
      if (queued === 1) {
        queuedSeconds += 1;
        expect(seconds).toContain(at);
      } else {
        expect(seconds).not.toContain(at);
      }
    }
    // The test's worker finishes runs within ~100 ms, so skips are rare.
    const windowSeconds = (to - from) / 1000 + 1;
    expect(queuedSeconds).toBeGreaterThanOrEqual(Math.ceil(windowSeconds / 2));
    if (process.env.DEBUG_SCHEDULER_TEST) console.log(perSecond.join('\n'));
  }, 90_000);
});
