/**
 * Deterministic benchmark records, generated from their index: the provider
 * and the baseline build the same rows without ever holding the data set.
 */

/** Record 0 is issued (and updated) at this instant; record i one second later per step. */
export const FIRST_AT = Date.UTC(2026, 0, 1);

export interface BenchRecord {
  id: string;
  learner_email: string;
  certificate_title: string;
  issued_at: string;
  completion_date: string;
  max_hr: number;
  pdf_url: string;
  updated_at: string;
}

const TITLES = ['Data Entry Operator', 'Retail Sales Associate', 'Field Technician', 'Welder'];

export function recordAt(index: number): BenchRecord {
  const at = new Date(FIRST_AT + index * 1000).toISOString();
  return {
    id: `b${index}`,
    learner_email: `learner${index}@example.org`,
    certificate_title: TITLES[index % TITLES.length],
    issued_at: at,
    completion_date: at,
    max_hr: 20 + (index % 80),
    pdf_url: `https://issuer.example.org/certificates/b${index}.pdf`,
    updated_at: at,
  };
}

/** The index of the first record whose updated_at is at or after `since` (inclusive, as the protocol says). */
export function firstIndexSince(since: string | null): number {
  const time = since ? Date.parse(since) : Number.NaN;
  if (!Number.isFinite(time) || time <= FIRST_AT) return 0;
  return Math.ceil((time - FIRST_AT) / 1000);
}

/** The cycle date every benchmark transaction is reported on. */
export const TRANSACTION_DATE = '2026-01-15';

export interface BenchTransaction {
  txn_id: string;
  merchant_code: string;
  /** A JSON number with two decimals, as a gateway sends it. */
  amount: number;
  currency: string;
  status: string;
  txn_date: string;
  bank_ref: string;
  payment_mode: string;
}

/** Gateway transaction `index` of TRANSACTION_DATE (PG_API's default fieldMap). */
export function transactionAt(index: number): BenchTransaction {
  const second = index % 86_400;
  const time = [second / 3600, (second / 60) % 60, second % 60]
    .map((n) => String(Math.floor(n)).padStart(2, '0'))
    .join(':');
  return {
    txn_id: `TXN${String(index).padStart(10, '0')}`,
    merchant_code: `M${index % 50}`,
    amount: (index % 100_000) + 1 + (index % 100) / 100,
    currency: 'INR',
    status: index % 7 ? 'success' : 'failed',
    txn_date: `${TRANSACTION_DATE} ${time}`,
    bank_ref: `UTR${index}`,
    payment_mode: index % 2 ? 'UPI' : 'CARD',
  };
}
