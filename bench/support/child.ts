/**
 * A benchmark's helper process (a hub, a load generator, a bare server),
 * forked with the SWC require hook and spoken to over IPC: `ready` once it
 * listens, then one reply per request, matched by `id`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { lowerCpuPriority } from '../../src/cpu-priority';
import { createLogger } from '../../src/logger';

export interface ChildMessage {
  type: string;
  id?: number;
  [key: string]: unknown;
}

export class BenchChild {
  private seq = 0;

  private constructor(
    readonly process: ChildProcess,
    readonly ready: ChildMessage,
  ) {}

  /** Forks `script` (a .ts file under bench/) with `env`; resolves on its `ready` message. */
  static async start(script: string, env: Record<string, string> = {}): Promise<BenchChild> {
    const child = fork(path.join(__dirname, '..', script), [], {
      execArgv: [
        '-r',
        path.join(__dirname, '../../test/support/swc-register.cjs'),
        // BENCH_CPU_PROF=dir: a CPU profile of this child, written when it exits.
        ...(env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : []),
      ],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<ChildMessage>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before ready`)));
      const onMessage = (message: ChildMessage) => {
        if (message.type !== 'ready') return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
    });
    child.removeAllListeners('exit');
    return new BenchChild(child, ready);
  }

  /** Sends a request and resolves with the child's reply to it. */
  request<T = ChildMessage>(message: ChildMessage): Promise<T> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`child exited (${code})`));
      const onMessage = (reply: ChildMessage) => {
        if (reply.id !== id) return;
        this.process.off('message', onMessage);
        this.process.off('exit', onExit);
        if (reply.type === 'error') reject(new Error(String(reply.message)));
        else resolve(reply as T);
      };
      this.process.on('message', onMessage);
      this.process.once('exit', onExit);
      this.process.send({ ...message, id });
    });
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.kill('SIGTERM');
    await exited;
  }
}

/** This process's CPU profiler (node:inspector), opened on the first `profile-start`. */
let profiler: Session | undefined;

/**
 * `profile-start`, then `profile-stop { file }`: a CPU profile of this process
 * over just that stretch (a benchmark's one run, not the whole process's
 * life as `--cpu-prof` gives), written as a .cpuprofile to `file`.
 */
async function profile(message: ChildMessage): Promise<Record<string, unknown>> {
  if (message.type === 'profile-start') {
    if (!profiler) {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
    }
    await profiler.post('Profiler.start');
    return {};
  }
  if (!profiler) throw new Error('profile-stop without profile-start');
  const { profile: taken } = await profiler.post('Profiler.stop');
  await writeFile(String(message.file), JSON.stringify(taken));
  return {};
}

/** In a child: answers requests from the parent with `handle` (and `profile-start/stop`). */
/** Lowers this child's CPU priority to the NICE its parent gave it, if any (bench:fanout). */
export function niceFromParent(): void {
  if (process.env.NICE) lowerCpuPriority(Number(process.env.NICE), createLogger({ level: 'warn' }));
}

export function serveParent(
  handle: (message: ChildMessage) => Promise<Record<string, unknown>>,
): void {
  process.on('message', (message: ChildMessage) => {
    const profiling = message.type === 'profile-start' || message.type === 'profile-stop';
    (profiling ? profile(message) : handle(message)).then(
      (reply) => process.send?.({ type: 'reply', ...reply, id: message.id }),
      (error: unknown) => process.send?.({ type: 'error', id: message.id, message: String(error) }),
    );
  });
}
