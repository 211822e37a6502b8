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

/**
 * When the scheduler will next start a run of this connector, evaluated in
 * its time zone; null when it is not scheduled (or the cron never fires again).
 */
export function nextRunAt(connector: ScheduledConnector, from?: Date): Date | null {
  if (!isScheduled(connector)) return null;
  try {
    return cronOf(connector.scheduleCron, connector.scheduleTimezone).nextRun(from) ?? null;
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
