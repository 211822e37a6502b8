/**
 * CPU time of this process and of every process it started (the embedded
 * Postgres and its backends, the provider child), read from /proc: a
 * benchmark's figures in CPU seconds, which the other load on a shared
 * machine changes far less than wall time. Linux only; elsewhere `null`.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuSeconds {
  /** This process (the hub). */
  hub: number;
  /** The embedded Postgres: postmaster and backends, living and exited. */
  postgres: number;
  /** Other child processes (the provider). */
  children: number;
}

const TICKS_PER_SECOND = 100;

/** CPU seconds used so far by this process tree; null where /proc cannot tell. */
export function treeCpu(): CpuSeconds | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  const processes = new Map<number, { parent: number; seconds: number; name: string }>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, and cutime, cstime: the children it waited for (exited backends).
      const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
      processes.set(Number(entry), {
        parent: Number(fields[1]),
        seconds: ticks / TICKS_PER_SECOND,
        name,
      });
    } catch {
      // It exited meanwhile.
    }
  }
  const usage = process.cpuUsage();
  const result: CpuSeconds = { hub: (usage.user + usage.system) / 1e6, postgres: 0, children: 0 };
  for (const [pid, info] of processes) {
    if (pid === process.pid) continue;
    // Counted when it descends from this process.
    let ancestor = info.parent;
    for (let depth = 0; depth < 64 && ancestor > 1 && ancestor !== process.pid; depth++) {
      ancestor = processes.get(ancestor)?.parent ?? 0;
    }
    if (ancestor !== process.pid) continue;
    if (/^postgres|^postmaster/.test(info.name)) result.postgres += info.seconds;
    else result.children += info.seconds;
  }
  return result;
}

/** CPU seconds used between two readings; null when either is. */
export function cpuSince(before: CpuSeconds | null): CpuSeconds | null {
  const after = treeCpu();
  if (!before || !after) return null;
  return {
    hub: after.hub - before.hub,
    postgres: after.postgres - before.postgres,
    children: after.children - before.children,
  };
}

/**
 * CPU seconds (user + system) one process has used so far, read from
 * /proc/<pid>/stat; null where /proc cannot tell (not Linux, or it exited).
 */
export function processCpu(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * The whole machine's busy CPU seconds so far (every CPU, from /proc/stat:
 * user, nice, system, irq, softirq, steal), and the softirq part alone: work
 * no process is charged with in /proc/<pid>/stat, such as the loopback TCP
 * processing (ACKs, delayed-ACK timers) that lands on whoever runs; null
 * where /proc cannot tell.
 */
export function machineCpu(): { busy: number; softirq: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const [user, nice, system, , , irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return {
      busy: (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND,
      softirq: softirq / TICKS_PER_SECOND,
    };
  } catch {
    return null;
  }
}
