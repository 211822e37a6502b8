import { Cron } from 'croner';
import { kindCapabilities } from '../connectors/capabilities';
import type { ConnectorKind } from '../connectors/types';
import type { ConnectorStatus } from '../models/connector.model';

/** The columns of a connector that decide whether and when it runs on its own. */
export interface ScheduledConnector {
  kind: ConnectorKind;
  status: ConnectorStatus;
  scheduleEnabled: boolean;
  scheduleCron: string | null;
  scheduleTimezone: string;
}

/**
 * True when the scheduler keeps a cron job for this connector: its schedule
 * is enabled with a cron, it is not PAUSED, and its kind can run on a
 * schedule (a schedule stored before its kind lost that, or written
 * directly, never queues runs that can only fail). A FAILED (or TESTING)
 * connector keeps its schedule: the next run may well succeed.
 */
export function isScheduled(connector: ScheduledConnector): connector is ScheduledConnector & {
  scheduleCron: string;
} {
  return (
    connector.status !== 'PAUSED' &&
    connector.scheduleEnabled &&
    Boolean(connector.scheduleCron) &&
    kindCapabilities(connector.kind).canSchedule
  );
}

/** A paused croner job for the connector's cron in its time zone (never fires on its own). */
export function cronOf(cron: string, timezone: string): Cron {
  return new Cron(cron, { paused: true, timezone });
}

// Parsed crons by (cron, time zone), for nextRunAt: parsing one costs far more
// than evaluating it (croner fills a 10,000-entry year table), and a page of
// 50 connectors would otherwise parse 50. A paused job that never ran keeps no
// state between nextRun calls, so one instance serves every caller.
// Evaluating one in a time zone costs a few Intl formatting calls per step, so
// the next run from now is kept too: it stays the answer until it has passed.
const parsed = new Map<string, { job: Cron; next: Date | null }>();
const PARSED_MAX = 1_000;

function parsedCron(cron: string, timezone: string) {
  const key = `${timezone} ${cron}`;
  let entry = parsed.get(key);
  if (!entry) {
    if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value as string);
    entry = { job: cronOf(cron, timezone), next: null };
    parsed.set(key, entry);
  }
  return entry;
}

/**
 * When the scheduler will next start a run of this connector, evaluated in
 * its time zone; null when it is not scheduled (or the cron never fires again).
 */
export function nextRunAt(connector: ScheduledConnector, from?: Date): Date | null {
  if (!isScheduled(connector)) return null;
  try {
    const entry = parsedCron(connector.scheduleCron, connector.scheduleTimezone);
    if (from) return entry.job.nextRun(from) ?? null;
    // nextRun(now) is the first fire time after now: the same until that time comes.
    if (!entry.next || entry.next.getTime() <= Date.now()) entry.next = entry.job.nextRun() ?? null;
    return entry.next && new Date(entry.next);
  } catch {
    // Validated on write; a cron croner no longer accepts simply never runs.
    return null;
  }
}

/** A time truncated to whole seconds: the same value in every process. */
export function wholeSecond(time: Date | number): Date {
  const ms = typeof time === 'number' ? time : time.getTime();
  return new Date(Math.floor(ms / 1000) * 1000);
}
