/**
 * Mapping a gateway's raw record to a transaction (providers.md, PG_API):
 * the connector's fieldMap names where each field is; the amount stays an
 * exact decimal; the status is upper-cased; the cycle date is the
 * transaction's calendar date in the connector's time zone. A record that
 * cannot be mapped is INVALID_RECORD, with the source field named.
 */
import { TZDate } from '@date-fns/tz';
import { isLosslessNumber } from 'lossless-json';
import { readPath } from '../../connectors/record-path';
import { canonicalJsonOf } from '../../pipeline/canonical-json';
import { sha256Hex } from '../../pipeline/sha256';
import type { Normalized } from '../../connectors/types';
import { parseDecimal } from './decimal';

/** The entity type of transactions in external_references. */
export const TRANSACTION_ENTITY = 'transaction';

/** Where each field is in a source record (a dotted path), e.g. PG_API's fieldMap. */
export interface TransactionFieldMap {
  txnId: string;
  merchantCode: string;
  amount: string;
  currency: string;
  status: string;
  txnDate: string;
  bankReference: string;
  paymentMode: string;
}

/** A transaction as the hub keeps it: what `transactions` stores of a record. */
export interface TransactionRecord {
  txnId: string;
  merchantCode: string | null;
  /** Exact decimal text, e.g. "1250.50". */
  amount: string;
  /** ISO 4217, upper-case. */
  currency: string;
  /** The gateway's status, upper-cased. */
  status: string;
  txnDate: Date;
  /** YYYY-MM-DD: txnDate's date in the connector's time zone. */
  cycleDate: string;
  bankReference: string | null;
  paymentMode: string | null;
}

export interface MappingOptions {
  fieldMap: TransactionFieldMap;
  /** IANA time zone of the connector: cycle dates, and txn dates written without an offset. */
  timeZone: string;
}

/** Longest text kept in a transaction's text fields. */
const MAX_TEXT = 200;

/** Maps one raw record; never throws for bad data. */
export function mapTransaction(
  raw: Record<string, unknown>,
  { fieldMap: map, timeZone }: MappingOptions,
): Normalized<TransactionRecord> {
  const txnId = text(readPath(raw, map.txnId));
  const invalid = (message: string): Normalized<TransactionRecord> => ({
    ok: false,
    externalId: typeof txnId === 'string' ? txnId : null,
    reason: 'INVALID_RECORD',
    message,
  });
  if (txnId === null) return invalid(`missing ${map.txnId}`);
  if (txnId === TOO_LONG) return invalid(`${map.txnId} is longer than ${MAX_TEXT} characters`);
  const amountRaw = readPath(raw, map.amount);
  if (amountRaw === undefined || amountRaw === null || amountRaw === '') {
    return invalid(`missing ${map.amount}`);
  }
  const amount = parseDecimal(amountRaw);
  if (!amount.ok) return invalid(`${map.amount} is not an amount: ${amount.message}`);
  const currency = text(readPath(raw, map.currency));
  if (currency === null) return invalid(`missing ${map.currency}`);
  if (currency === TOO_LONG || !/^[A-Za-z]{3}$/.test(currency)) {
    return invalid(`${map.currency} is not a 3-letter ISO 4217 code`);
  }
  const status = text(readPath(raw, map.status));
  if (status === null) return invalid(`missing ${map.status}`);
  if (status === TOO_LONG || status.length > 50) {
    return invalid(`${map.status} is longer than 50 characters`);
  }
  const dateRaw = readPath(raw, map.txnDate);
  if (dateRaw === undefined || dateRaw === null || dateRaw === '') {
    return invalid(`missing ${map.txnDate}`);
  }
  const read = readTxnDate(dateRaw, timeZone);
  if (!read) {
    return invalid(
      `${map.txnDate} is not a date (expected YYYY-MM-DD, optionally with a time and an offset)`,
    );
  }
  const optional: Partial<Record<'merchantCode' | 'bankReference' | 'paymentMode', string | null>> =
    {};
  for (const field of ['merchantCode', 'bankReference', 'paymentMode'] as const) {
    const value = text(readPath(raw, map[field]));
    if (value === TOO_LONG) return invalid(`${map[field]} is longer than ${MAX_TEXT} characters`);
    optional[field] = value;
  }
  return {
    ok: true,
    externalId: txnId,
    record: {
      txnId,
      merchantCode: optional.merchantCode ?? null,
      amount: amount.value,
      currency: currency.toUpperCase(),
      status: status.toUpperCase(),
      txnDate: read.instant,
      // Wall time in the connector's zone is already its date there.
      cycleDate: read.localDate ?? calendarDate(read.instant, timeZone),
      bankReference: optional.bankReference ?? null,
      paymentMode: optional.paymentMode ?? null,
    },
  };
}

/** The keys that make two records the same transaction (per connector). */
export function transactionKey(record: Pick<TransactionRecord, 'txnId'>): string {
  return record.txnId;
}

/** The mapped payload kept in external_references and hashed to tell a change. */
export function mappedPayload(record: TransactionRecord): MappedTransaction {
  // Made once per record: the version hashes it, external_references store it.
  let payload = payloads.get(record);
  if (!payload) {
    payload = { ...record, txnDate: record.txnDate.toISOString() };
    payloads.set(record, payload);
  }
  return payload;
}
export type MappedTransaction = Omit<TransactionRecord, 'txnDate'> & { txnDate: string };
const payloads = new WeakMap<TransactionRecord, MappedTransaction>();

/** sha256 of the canonical JSON (RFC 8785) of the mapped record: equal iff nothing changed. */
export function transactionHash(record: TransactionRecord): string {
  return sha256Hex(canonicalPayload(mappedPayload(record)));
}

/** canonicalize of a mapped payload, its keys sorted once (hashed for every record). */
const canonicalPayload: (payload: MappedTransaction) => string = canonicalJsonOf([
  'txnId',
  'merchantCode',
  'amount',
  'currency',
  'status',
  'txnDate',
  'cycleDate',
  'bankReference',
  'paymentMode',
] satisfies (keyof TransactionRecord)[]);

/** The date (YYYY-MM-DD) of an instant in a time zone. */
export function calendarDate(instant: Date, timeZone: string): string {
  const parts = dateFormat(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

// An offset may be hours only (`+05`), as Postgres writes timestamptz text.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * An ISO-8601-like date or date-time. With an offset (or Z) it is that
 * instant; without one it is wall time in the connector's time zone, as
 * gateways' reports write it ("2026-01-15 10:30:00").
 */
export function parseTxnDate(value: unknown, timeZone: string): Date | null {
  return readTxnDate(value, timeZone)?.instant ?? null;
}

/** The instant, and the wall date when the text was wall time in `timeZone` (no offset). */
function readTxnDate(
  value: unknown,
  timeZone: string,
): { instant: Date; localDate: string | null } | null {
  if (typeof value !== 'string') return null;
  const match = DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', offset] = match;
  const fields = [y, mo, d, h, mi, s].map(Number);
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const [year, month, day, hour, minute, second] = fields;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  // Day 31 of a 30-day month rolls over: refuse it rather than move the date.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCDate() !== day) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (offset) {
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.toUpperCase() === 'Z' ? '0000' : offset.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    const instant = wall - sign * minutes * 60_000;
    return Number.isFinite(instant) ? { instant: new Date(instant), localDate: null } : null;
  }
  const instant = wall - zoneOffsetMs(timeZone, year, month, day, hour, minute - (minute % 15));
  return Number.isFinite(instant)
    ? { instant: new Date(instant), localDate: `${y}-${mo}-${d}` }
    : null;
}

/**
 * How far wall time in `timeZone` is ahead of UTC during one quarter hour of
 * wall-clock time (zones change offset on the hour or half hour, e.g. Lord
 * Howe's 30-minute DST; a wall time a change skips or repeats resolves as
 * TZDate resolves its quarter hour). Looked up with TZDate once per zone and
 * quarter hour, then cached: TZDate's Intl calls dominated mapping a page.
 */
function zoneOffsetMs(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  quarter: number,
) {
  const key = `${timeZone}|${year}-${month}-${day}T${hour}:${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const at = new TZDate(year, month - 1, day, hour, quarter, 0, 0, timeZone).getTime();
    offset = Date.UTC(year, month - 1, day, hour, quarter) - at;
    if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}
const offsets = new Map<string, number>();
const MAX_CACHED_OFFSETS = 50_000;

const TOO_LONG = Symbol('too long');

/** Trimmed text of a string or number (a lossless number keeps its digits); null when absent. */
function text(value: unknown): string | null | typeof TOO_LONG {
  let result: string | null = null;
  if (typeof value === 'string') result = value.trim() || null;
  else if (typeof value === 'number' && Number.isFinite(value)) result = String(value);
  else if (typeof value === 'bigint' || isLosslessNumber(value)) result = String(value);
  if (result !== null && result.length > MAX_TEXT) return TOO_LONG;
  return result;
}
