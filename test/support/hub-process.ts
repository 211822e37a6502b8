import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

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
