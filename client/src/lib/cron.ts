import { Cron } from 'croner';
import cronstrue from 'cronstrue';

export interface CronPreview {
  description: string | null;
  next: Date[];
  error: string | null;
}

export function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: tz });
    return true;
  } catch {
    return false;
  }
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
