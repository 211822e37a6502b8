import { Model } from 'objection';
import type { SourceFileStatus } from '../domains/settlements/ledger';

export class SettlementModel extends Model {
  static override tableName = 'settlements';

  id!: number;
  connectorId!: number | null;
  runId!: number | null;
  externalId!: string;
  unit!: string;
  bankReference!: string;
  /** numeric: a string from pg, exact. */
  amount!: string;
  currency!: string;
  /** date: 'YYYY-MM-DD'. */
  valueDate!: string;
  txnId!: string | null;
  sourceFileId!: number | null;
  lineNumber!: number | null;
  pendingSha256!: string | null;
  ingestedSha256!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export class SourceFileModel extends Model {
  static override tableName = 'source_files';

  id!: number;
  connectorId!: number;
  runId!: number | null;
  name!: string;
  sha256!: string;
  sizeBytes!: number;
  rows!: number;
  cycleDate!: string | null;
  status!: SourceFileStatus;
  detail!: string | null;
  createdAt!: Date;
}
