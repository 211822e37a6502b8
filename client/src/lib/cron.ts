import { Cron } from 'croner';
import cronstrue from 'cronstrue';

export interface CronPreview {
  description: string | null;
  next: Date[];
  error: string | null;
}

let zones: Set<string> | undefined;

/** The IANA time zones this browser knows (canonical names), for checks and suggestions. */
export function timeZones(): string[] {
  zones ??= new Set(['UTC', ...(Intl.supportedValuesOf?.('timeZone') ?? [])]);
  return [...zones];
}

/**
 * True for an IANA zone name ("Asia/Kolkata", "UTC", or an alias such as
 * "Asia/Calcutta" that resolves to one), false for anything else, even
 * what a lenient engine would accept.
 */
export function validTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  timeZones();
  // Without the list (an old engine), what Intl accepts is the best check there is.
  return zones!.size <= 1 || zones!.has(tz) || zones!.has(resolved) || resolved === 'UTC';
}

/** The cron in words and its next `n` fire times in `timezone`, or why it is invalid. */
export function previewCron(cron: string, timezone: string, n = 3, from = new Date()): CronPreview {
  const expr = cron.trim();
  if (!expr) return { description: null, next: [], error: 'a cron expression is required' };
  const fields = expr.split(/\s+/).length;
  if (fields < 5 || fields > 6)
    return { description: null, next: [], error: 'use five or six fields' };
  if (!validTimeZone(timezone))
    return { description: null, next: [], error: `unknown time zone "${timezone}"` };
  try {
    const job = new Cron(expr, { timezone, paused: true });
    const next = job.nextRuns(n, from);
    job.stop();
    let description: string | null = null;
    try {
      description = cronstrue.toString(expr, { use24HourTimeFormat: true, verbose: false });
    } catch {
      description = null;
    }
    return { description, next, error: null };
  } catch (error) {
    return {
      description: null,
      next: [],
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
