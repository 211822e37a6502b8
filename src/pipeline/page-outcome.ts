/** What processing one page decided, for the run's counters and skipped_records. */

/** Why a record was not stored: the one list (skipped_records' CHECK and the GraphQL enum follow it). */
export const SKIP_REASONS = [
  'DUPLICATE',
  'VERIFICATION_FAILED',
  'HOURS_EXCEEDED',
  'INVALID_RECORD',
  'MAPPING_FAILED',
  'ISSUER_NOT_FOUND',
  'PROCESSING_FAILED',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkippedRecord {
  externalId: string | null;
  reason: SkipReason;
  message: string;
  /** The record as the source sent it; kept for replay. */
  raw: Record<string, unknown>;
}

export interface PageOutcome {
  created: number;
  updated: number;
  skipped: SkippedRecord[];
}
