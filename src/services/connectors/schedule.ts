import { Cron } from 'croner';
import { DomainError, type UserErrorShape } from '../user-errors';

export interface ScheduleInputShape {
  enabled: boolean;
  cron?: string | null;
  timezone?: string | null;
}

export interface ValidSchedule {
  enabled: boolean;
  cron: string | null;
  timezone: string;
}

export function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A schedule is a five- or six-field cron (six: with seconds) that croner
 * accepts, in an IANA time zone. Enabled needs a cron; a cron may be kept
 * while disabled.
 */
export function validateSchedule(input: ScheduleInputShape, base: string[]): ValidSchedule {
  const errors: UserErrorShape[] = [];
  const bad = (field: string, message: string) =>
    errors.push({ code: 'INVALID_INPUT', field: [...base, field], message });
  const timezone = input.timezone ?? 'UTC';
  const cron = input.cron?.trim() || null;
  if (!isTimeZone(timezone)) bad('timezone', `unknown time zone "${timezone}"`);
  if (cron !== null) {
    const fields = cron.split(/\s+/).length;
    if (fields !== 5 && fields !== 6) {
      bad('cron', `cron must have five or six fields, not ${fields}`);
    } else {
      try {
        new Cron(cron, { paused: true, timezone: isTimeZone(timezone) ? timezone : undefined });
      } catch (error) {
        bad('cron', `invalid cron expression: ${(error as Error).message}`);
      }
    }
  } else if (input.enabled) {
    bad('cron', 'an enabled schedule needs a cron expression');
  }
  if (errors.length) throw new DomainError(errors);
  return { enabled: input.enabled, cron, timezone };
}
