/**
 * The settlement domain: what a bank says it paid, one row per settlement
 * line. Identity (connector, unit, fingerprint, occurrence): the unit is the
 * file (BANK_SFTP) or the value date (BANK_API), the fingerprint is
 * (bankReference, amount, valueDate, txnId) as the source wrote them, and the
 * occurrence counts identical rows within the unit (1, 2, ...). Identical
 * rows are never collapsed (a double settlement is money to recover), and
 * re-reading a unit gives the same identities.
 */
import { createHash } from 'node:crypto';
import { parseDecimal } from '../payments/decimal';

/** A settlement line as a source hands it to the pipeline (its `raw` record). */
export interface SettlementSourceRow {
  /** The source's columns, by our names (already picked from the source's own). */
  bankReference: unknown;
  amount: unknown;
  valueDate: unknown;
  txnId?: unknown;
  currency?: unknown;
  /** The file name (BANK_SFTP) or value date (BANK_API) the row was read from. */
  unit: string;
  /**
   * The source's own id for the row (PG_DATABASE's idColumn): then it alone
   * is the identity, and a changed row is an update of the same settlement.
   */
  sourceId?: string;
  /** 1 for the first row with this fingerprint in the unit, 2 for its twin, ... */
  occurrence: number;
  /** A file row: its 1-based line in the file and the file's SHA-256. */
  line?: number;
  fileSha256?: string;
}

export interface Settlement {
  bankReference: string;
  amount: string;
  currency: string;
  valueDate: string;
  txnId: string | null;
  unit: string;
  occurrence: number;
  sourceId: string | null;
  lineNumber: number | null;
  fileSha256: string | null;
}

export type SettlementMapping =
  { ok: true; settlement: Settlement } | { ok: false; field: string; message: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The fingerprint of a row as its text: identical rows share it. */
export function fingerprintOf(row: {
  bankReference: unknown;
  amount: unknown;
  valueDate: unknown;
  txnId?: unknown;
}): string {
  return JSON.stringify([
    text(row.bankReference),
    text(row.amount),
    text(row.valueDate),
    text(row.txnId),
  ]);
}

/** The identity text of a row: unit, fingerprint hash and occurrence. */
export function settlementIdentity(unit: string, fingerprint: string, occurrence: number): string {
  const hash = createHash('sha256').update(fingerprint).digest('base64url').slice(0, 22);
  return `${unit}|${hash}|${occurrence}`;
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/** A calendar date as YYYY-MM-DD, or null when `value` is not a real one. */
export function calendarDate(value: unknown): string | null {
  const match = ISO_DATE.exec(text(value));
  if (!match) return null;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? match[0]
    : null;
}

/** A source row as a settlement, or the first field that is wrong. */
export function mapSettlement(
  row: SettlementSourceRow,
  defaultCurrency: string,
): SettlementMapping {
  const bankReference = text(row.bankReference);
  if (!bankReference) return { ok: false, field: 'bankReference', message: 'is empty' };
  if (bankReference.length > 100) {
    return { ok: false, field: 'bankReference', message: 'is longer than 100 characters' };
  }
  const amount = parseDecimal(text(row.amount));
  if (!amount.ok) return { ok: false, field: 'amount', message: amount.message };
  const valueDate = calendarDate(row.valueDate);
  if (!valueDate) {
    return {
      ok: false,
      field: 'valueDate',
      message: `"${text(row.valueDate).slice(0, 40)}" is not a date (YYYY-MM-DD)`,
    };
  }
  const txnId = text(row.txnId) || null;
  if (txnId && txnId.length > 100) {
    return { ok: false, field: 'txnId', message: 'is longer than 100 characters' };
  }
  const currency = (text(row.currency) || defaultCurrency).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    return {
      ok: false,
      field: 'currency',
      message: `"${currency.slice(0, 10)}" is not a currency code`,
    };
  }
  return {
    ok: true,
    settlement: {
      bankReference,
      amount: amount.value,
      currency,
      valueDate,
      txnId,
      unit: row.unit,
      occurrence: row.occurrence,
      sourceId: row.sourceId ?? null,
      lineNumber: row.line ?? null,
      fileSha256: row.fileSha256 ?? null,
    },
  };
}
