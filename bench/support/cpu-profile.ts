/**
 * `--cpu-profile <dir>`: the V8 CPU profile of this process (the hub) during
 * one phase only, through the inspector, written as `<dir>/<phase>.cpuprofile`
 * (open it in Chrome DevTools or speedscope). `node --cpu-prof` profiles the
 * whole process (start-up, migrations, the other phases) into one file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Session } from 'node:inspector/promises';

export async function profiled<T>(dir: string | undefined, phase: string, work: () => Promise<T>) {
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `${phase}.cpuprofile`), JSON.stringify(profile));
  }
}
