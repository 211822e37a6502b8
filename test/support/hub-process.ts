import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './wait';

const ROOT = path.resolve(__dirname, '../..');

/** A real hub process (src/main.ts, compiled on load by SWC) and what it wrote. */
export interface HubProcess<Line> {
  process: ChildProcess;
  /** Everything it wrote, stdout and stderr, as text (for leak scans and failures). */
  output: string[];
  /** Its JSON log lines, parsed. */
  lines: Line[];
  exited: Promise<number | null>;
}

/**
 * Starts src/main.ts on a loopback port of its own with `env` (plus PATH,
 * PORT=0, HOST=127.0.0.1, ALLOW_PRIVATE_TARGETS=true and LOG_LEVEL=debug, so tests see
 * every line).
 */
export function spawnHub<Line>(env: Record<string, string>): HubProcess<Line> {
  const child = spawn(
    process.execPath,
    ['-r', path.join(ROOT, 'test/support/swc-register.cjs'), path.join(ROOT, 'src/main.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'debug',
        ALLOW_PRIVATE_TARGETS: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const hub: HubProcess<Line> = {
    process: child,
    output: [],
    lines: [],
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    hub.output.push(text);
    pending += text;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) {
      if (!part.startsWith('{')) continue;
      try {
        hub.lines.push(JSON.parse(part) as Line);
      } catch {
        // not a log line
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => hub.output.push(chunk.toString('utf8')));
  return hub;
}

/** A hub process of a `hubFleet`, by name, and its GraphQL URL once it listens. */
export interface FleetHub<Line> extends HubProcess<Line> {
  name: string;
  url?: string;
}

/**
 * Hub processes on one database that a test starts, kills with SIGKILL and
 * restarts (to see the next one reap and resume the dead one's run): `env`
 * is read at each start (DATABASE_URL, the keys, DATA_DIR); the scheduler is
 * off, runs are stale 2 s after their last heartbeat (beats every 1/6 s,
 * looked for every 1/2 s). `killAll` (for afterAll) kills what still runs
 * and waits for every process to be gone.
 */
export function hubFleet<Line extends { msg?: string; url?: string }>(options: {
  env: () => Record<string, string>;
  adminToken: string;
  /** The `run(id:)` query `waitForEnd` polls. */
  getRun: string;
  /** How long `waitForEnd` waits by default. */
  runTimeoutMs: number;
}) {
  const servers: FleetHub<Line>[] = [];

  function spawnServer(name: string): FleetHub<Line> {
    const server: FleetHub<Line> = {
      name,
      ...spawnHub<Line>({
        ...options.env(),
        SCHEDULER_ENABLED: 'false',
        DB_POOL_MAX: '4',
        RUN_STALE_SECONDS: '2',
      }),
    };
    servers.push(server);
    return server;
  }

  async function listening(server: FleetHub<Line>): Promise<FleetHub<Line>> {
    server.url = await waitFor(
      `${server.name} to listen`,
      () => {
        if (server.process.exitCode !== null) {
          throw new Error(`${server.name} exited: ${server.output.join('')}`);
        }
        return server.lines.find((m) => m.msg === 'Tributary is listening')?.url;
      },
      15_000,
    );
    return server;
  }

  async function gql(
    server: FleetHub<Line>,
    query: string,
    variables: Record<string, unknown> = {},
  ) {
    const res = await fetch(server.url as string, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${options.adminToken}`,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data as Record<string, any>;
  }

  async function waitForEnd(
    server: FleetHub<Line>,
    runId: string,
    timeoutMs = options.runTimeoutMs,
  ) {
    return waitFor(
      `run ${runId} to end`,
      async () => {
        const run = (await gql(server, options.getRun, { id: runId })).run;
        return run && !['QUEUED', 'RUNNING'].includes(run.status) ? run : undefined;
      },
      timeoutMs,
    );
  }

  async function killAll() {
    for (const server of servers) {
      if (server.process.exitCode === null && server.process.signalCode === null) {
        server.process.kill('SIGKILL');
      }
    }
    await Promise.all(servers.map((server) => server.exited));
  }

  return { servers, spawnServer, listening, gql, waitForEnd, killAll };
}
