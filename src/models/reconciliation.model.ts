import { Model } from 'objection';
import type { ReconExceptionStatus } from '../domains/reconciliation/rules';
import type { RunStatus } from './run.model';

export interface StatusCount {
  status: string;
  count: number;
  /** Exact decimal text. */
  amount: string;
}

export interface RuleCount {
  rule: string;
  count: number;
  amount: string;
}

/** A reconciliation of one cycle and pair: its rules, its job (the run) and its result's summary. */
export class ReconciliationModel extends Model {
  static override tableName = 'reconciliations';
  static override jsonAttributes = ['byStatus', 'byRule'];

  id!: number;
  runId!: number;
  /** date: 'YYYY-MM-DD'. */
  cycleDate!: string;
  pgConnectorId!: number;
  bankConnectorId!: number;
  /** numeric: exact text. */
  amountTolerance!: string;
  amountTolerancePercent!: number;
  dateWindowDays!: number;
  dryRun!: boolean;
  /** The stored result of its (cycle, pair). */
  current!: boolean;
  pgCount!: number;
  bankCount!: number;
  matchedCount!: number;
  exceptionCount!: number;
  pgAmount!: string;
  bankAmount!: string;
  matchedAmount!: string;
  byStatus!: StatusCount[];
  byRule!: RuleCount[];
  expiresAt!: Date | null;
  createdAt!: Date;
  /** Its run's state, read in the same statement as the row (see withJob). */
  job?: ReconJob;
}

/** What a reconciliation shows of its run: read with its row, so the two agree. */
export interface ReconJob {
  status: RunStatus;
  triggeredBy: string;
  errorMessage: string | null;
  /** ISO text, as JSON carries it. */
  startedAt: string | null;
  completedAt: string | null;
}

/** What no pass matched: its status and the records on each side. */
export class ReconExceptionModel extends Model {
  static override tableName = 'recon_exceptions';

  id!: number;
  reconciliationId!: number;
  status!: ReconExceptionStatus;
  /** bigint[] ids, as pg returns them (strings). */
  transactionIds!: string[];
  settlementIds!: string[];
  pgTransactionId!: string | null;
  bankReference!: string | null;
  pgAmount!: string | null;
  bankAmount!: string | null;
  difference!: string | null;
  detail!: string | null;
  signature!: string;
  resolvedBy!: string | null;
  resolvedAt!: Date | null;
  resolutionNote!: string | null;
}
