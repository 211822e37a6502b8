/**
 * Reconciliation's vocabulary.
 *
 * Glossary
 * - cycle: a calendar date. The gateway side of a cycle is the pg connector's
 *   transactions with that cycle_date whose status is a success status; the
 *   bank side is the bank connector's settlements with a value date from the
 *   cycle date to cycle date + dateWindowDays, less those a stored result of
 *   another cycle already matched.
 * - pair: (pg connector, bank connector). One reconciliation of a (cycle,
 *   pair) runs at a time; its stored result is the `current` one.
 * - reference: a bank reference (UTR/RRN) trimmed and upper-cased; an empty
 *   one is no reference.
 * - pass: one set-based SQL statement that matches records left unmatched by
 *   the passes before it (RECON_RULES, in order).
 * - exception: what no pass matched, with a status (RECON_EXCEPTION_STATUSES)
 *   and the records on each side; every record of the cycle ends in exactly
 *   one match or one exception.
 */

/** The statuses a result counts; MATCHED is the matches, the others are exceptions. */
export const RECON_STATUSES = [
  'MATCHED',
  'AMOUNT_MISMATCH',
  'MISSING_IN_BANK',
  'MISSING_IN_PG',
  'DUPLICATE',
] as const;
export type ReconStatus = (typeof RECON_STATUSES)[number];

export const RECON_EXCEPTION_STATUSES = RECON_STATUSES.filter(
  (status): status is Exclude<ReconStatus, 'MATCHED'> => status !== 'MATCHED',
);
export type ReconExceptionStatus = (typeof RECON_EXCEPTION_STATUSES)[number];

/** The passes, in the order they run. */
export const RECON_RULES = ['REFERENCE_EXACT', 'REFERENCE_TOLERANCE', 'TXN_ID', 'SPLIT'] as const;
export type ReconRule = (typeof RECON_RULES)[number];

/**
 * Gateway statuses that say the money moved, so the bank must show it.
 * Anything else (FAILED, PENDING, ...) is not expected at the bank and is
 * neither matched nor an exception.
 */
export const SETTLED_STATUSES = [
  'SUCCESS',
  'SUCCESSFUL',
  'SUCCEEDED',
  'CAPTURED',
  'PAID',
  'SETTLED',
  'COMPLETED',
] as const;

/** How close two amounts must be to match (see ReconRules in the contract). */
export interface ReconRules {
  /** Exact decimal text, >= 0. */
  amountTolerance: string;
  /** 0..100 */
  amountTolerancePercent: number;
  /** 0..MAX_DATE_WINDOW_DAYS */
  dateWindowDays: number;
}

/** The widest settlement window a cycle may have (also the CHECK on reconciliations). */
export const MAX_DATE_WINDOW_DAYS = 31;

/** A dry run's result is removed this long after it was asked for. */
export const DRY_RUN_TTL_DAYS = 7;

/** The job key that keeps one reconciliation of a (cycle, pair) running at a time. */
export function reconJobKey(cycleDate: string, pgConnectorId: number, bankConnectorId: number) {
  return `${cycleDate}|${pgConnectorId}|${bankConnectorId}`;
}
