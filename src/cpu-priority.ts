import { readdirSync } from 'node:fs';
import os from 'node:os';
import type { Logger } from './logger';

/**
 * Lowers this process's CPU priority to `nice` (HUB_NICE): an API replica
 * that shares cores with a worker answers queries and fans events out to its
 * subscribers with what the runs leave, instead of taking the CPU from them
 * each time an event wakes it (measured by `npm run bench:fanout`).
 *
 * On Linux a nice value belongs to a thread, not the process: every thread
 * that runs now (the main one, V8's and libuv's) is lowered, and threads
 * started later inherit the value of the thread that starts them. It never
 * raises a priority (that takes privileges): a process started at a higher
 * nice (`nice -n 15 npm start`) keeps it. Returns the nice now in effect.
 */
export function lowerCpuPriority(nice: number, logger: Logger): number {
  const current = os.getPriority();
  if (nice <= current) return current;
  try {
    for (const thread of threadsOfThisProcess()) {
      try {
        os.setPriority(thread, nice);
      } catch (error) {
        // A thread that ended between the listing and now.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
  } catch (error) {
    logger.warn(
      { err: error, nice, current },
      'could not lower the CPU priority (HUB_NICE): running at the current one',
    );
    return os.getPriority();
  }
  logger.info({ nice, was: current }, 'CPU priority lowered (HUB_NICE)');
  return nice;
}

/** Thread ids of this process (Linux), or this process's id where /proc has no task list. */
function threadsOfThisProcess(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number);
  } catch {
    return [process.pid];
  }
}
