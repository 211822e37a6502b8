import { Model } from 'objection';

/** A payment-gateway transaction (PG_API); one per (connector, txnId). */
export class TransactionModel extends Model {
  static override tableName = 'transactions';

  id!: number;
  connectorId!: number;
  runId!: number | null;
  txnId!: string;
  /** numeric: a string from pg, exact. */
  amount!: string;
  currency!: string;
  status!: string;
  txnDate!: Date;
  /** YYYY-MM-DD: pg's `date` is read as text (src/db/knex.ts). */
  cycleDate!: string;
  bankReference!: string | null;
  merchantCode!: string | null;
  paymentMode!: string | null;
  dataHash!: string;
  createdAt!: Date;
  updatedAt!: Date;
}
