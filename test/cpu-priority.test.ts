import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from './support/db';
import { spawnHub, type HubProcess } from './support/hub-process';
import { waitFor } from './support/wait';

/**
 * HUB_NICE on real hub processes (src/main.ts): an API replica
 * (WORKER_CONCURRENCY=0) lowers every one of its threads to nice 10, so that
 * its queries and fan-out yield the CPU to a worker's runs; a process that
 * runs syncs stays at 0; HUB_NICE overrides either.
 */

interface LogLine {
  msg?: string;
  nice?: number;
}

/** The nice value of each thread of `pid`, from /proc (field 19 of each task's stat). */
async function threadNices(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`);
  const nices: number[] = [];
  for (const task of tasks) {
    const stat = await readFile(`/proc/${pid}/task/${task}/stat`, 'utf8').catch(() => null);
    if (stat === null) continue; // a thread that ended meanwhile
    // After the command name (in parentheses) come fields 3 onwards: nice is the 19th.
    nices.push(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3]));
  }
  return nices;
}

const linux = process.platform === 'linux';

(linux ? describe : describe.skip)('HUB_NICE', () => {
  let database: TestDatabase;
  let dataDir: string;
  const hubs: HubProcess<LogLine>[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tributary-nice-'));
  });

  afterAll(async () => {
    for (const hub of hubs) if (hub.process.exitCode === null) hub.process.kill('SIGKILL');
    await Promise.all(hubs.map((hub) => hub.exited));
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function listening(env: Record<string, string>): Promise<HubProcess<LogLine>> {
    const hub = spawnHub<LogLine>({
      DATABASE_URL: database.url,
      TRIBUTARY_SECRET_KEY: randomBytes(32).toString('hex'),
      TRIBUTARY_ADMIN_TOKEN: `test-admin-${randomBytes(16).toString('hex')}`,
      DATA_DIR: dataDir,
      SCHEDULER_ENABLED: 'false',
      DB_POOL_MAX: '4',
      ...env,
    });
    hubs.push(hub);
    await waitFor(
      'the hub to listen',
      () => {
        if (hub.process.exitCode !== null) throw new Error(`exited: ${hub.output.join('')}`);
        return hub.lines.some((line) => line.msg === 'Tributary is listening') || undefined;
      },
      30_000,
    );
    return hub;
  }

  it('an API replica runs every thread at nice 10; a worker at 0; HUB_NICE sets either', async () => {
    const [replica, worker, replicaAtZero, workerAt5] = await Promise.all([
      listening({ WORKER_CONCURRENCY: '0' }),
      listening({ WORKER_CONCURRENCY: '1' }),
      listening({ WORKER_CONCURRENCY: '0', HUB_NICE: '0' }),
      listening({ WORKER_CONCURRENCY: '1', HUB_NICE: '5' }),
    ]);
    const replicaThreads = await threadNices(replica.process.pid!);
    // The main thread, V8's and libuv's: more than one, and all of them lowered.
    expect(replicaThreads.length).toBeGreaterThan(1);
    expect(new Set(replicaThreads)).toEqual(new Set([10]));
    expect(replica.lines.find((line) => line.msg === 'CPU priority lowered (HUB_NICE)')).toEqual(
      expect.objectContaining({ nice: 10 }),
    );

    expect(new Set(await threadNices(worker.process.pid!))).toEqual(new Set([0]));
    expect(worker.lines.some((line) => line.msg?.startsWith('CPU priority'))).toBe(false);
    expect(new Set(await threadNices(replicaAtZero.process.pid!))).toEqual(new Set([0]));
    expect(new Set(await threadNices(workerAt5.process.pid!))).toEqual(new Set([5]));
  }, 60_000);
});
