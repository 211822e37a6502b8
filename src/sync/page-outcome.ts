/** What processing one page decided, for the run's counters and skipped_records. */

export type SkipReason =
  | 'DUPLICATE'
  | 'VERIFICATION_FAILED'
  | 'HOURS_EXCEEDED'
  | 'INVALID_RECORD'
  | 'MAPPING_FAILED'
  | 'ISSUER_NOT_FOUND'
  | 'PROCESSING_FAILED';

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
