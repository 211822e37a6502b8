import { TZDate } from '@date-fns/tz';
import { parseExactJson } from '../../connectors/pg-api/json';
import { pgApiConfig } from '../../connectors/pg-api/config';
import {
  calendarDate,
  mapTransaction,
  parseTxnDate,
  transactionHash,
  type TransactionRecord,
} from './transaction';

const { fieldMap } = pgApiConfig.parse({ baseUrl: 'https://gateway.example' });
const IST = { fieldMap, timeZone: 'Asia/Kolkata' };

const valid = {
  txn_id: 'T1',
  merchant_code: 'M1',
  amount: '1250.50',
  currency: 'inr',
  status: 'success',
  txn_date: '2026-01-15 10:30:00',
  bank_ref: 'UTR1',
  payment_mode: 'UPI',
};

function mapped(raw: Record<string, unknown>, options = IST): TransactionRecord {
  const result = mapTransaction(raw, options);
  if (!result.ok) throw new Error(`expected a transaction, got: ${result.message}`);
  return result.record;
}
function rejected(raw: Record<string, unknown>, options = IST) {
  const result = mapTransaction(raw, options);
  if (result.ok) throw new Error('expected INVALID_RECORD');
  return result;
}

describe('mapTransaction', () => {
  it('maps a gateway record: exact amount, upper-cased status and currency, local time read in the time zone', () => {
    expect(mapTransaction(valid, IST)).toEqual({
      ok: true,
      externalId: 'T1',
      record: {
        txnId: 'T1',
        merchantCode: 'M1',
        amount: '1250.50',
        currency: 'INR',
        status: 'SUCCESS',
        txnDate: new Date('2026-01-15T05:00:00.000Z'),
        cycleDate: '2026-01-15',
        bankReference: 'UTR1',
        paymentMode: 'UPI',
      },
    });
  });

  it('keeps amounts exact from JSON numbers, parsed losslessly or not', () => {
    const body = parseExactJson(
      '[{"amount": 0.3}, {"amount": 0.1}, {"amount": 12345678901234.56}, {"amount": 1250.50}, {"amount": 98765432109876543.21}]',
    ) as Record<string, unknown>[];
    const amounts = body.map((row) => mapped({ ...valid, ...row }).amount);
    expect(amounts).toEqual(['0.3', '0.1', '12345678901234.56', '1250.50', '98765432109876543.21']);
    // A number JSON.parse already made a float: its shortest round-trip text.
    expect(mapped({ ...valid, amount: 0.3 }).amount).toBe('0.3');
    expect(mapped({ ...valid, amount: 12345678901234.56 }).amount).toBe('12345678901234.56');
  });

  it('puts the cycle date in the connector time zone', () => {
    // 20:00 UTC on the 15th is already the 16th in India, still the 15th in New York.
    const raw = { ...valid, txn_date: '2026-01-15T20:00:00Z' };
    expect(mapped(raw).cycleDate).toBe('2026-01-16');
    expect(mapped(raw, { fieldMap, timeZone: 'America/New_York' }).cycleDate).toBe('2026-01-15');
    expect(mapped(raw, { fieldMap, timeZone: 'UTC' }).cycleDate).toBe('2026-01-15');
    // An offset is honoured; wall time without one is the connector's.
    expect(mapped({ ...valid, txn_date: '2026-01-15T23:30:00+05:30' }).txnDate.toISOString()).toBe(
      '2026-01-15T18:00:00.000Z',
    );
    expect(mapped({ ...valid, txn_date: '2026-01-15' }).txnDate.toISOString()).toBe(
      '2026-01-14T18:30:00.000Z',
    );
    // Postgres's timestamptz text (a SQL source, PG_DATABASE): a space, and an hour-only offset.
    expect(mapped({ ...valid, txn_date: '2026-01-15 23:30:00+00' }).txnDate.toISOString()).toBe(
      '2026-01-15T23:30:00.000Z',
    );
    expect(
      mapped({ ...valid, txn_date: '2026-01-15 23:30:00.123456-04' }).txnDate.toISOString(),
    ).toBe('2026-01-16T03:30:00.123Z');
    expect(mapped({ ...valid, txn_date: '2026-01-15' }).cycleDate).toBe('2026-01-15');
  });

  it('takes numeric txn ids as text, digit for digit', () => {
    const [row] = parseExactJson('[{"txn_id": 123456789012345678901}]') as Record<
      string,
      unknown
    >[];
    expect(mapped({ ...valid, ...row }).txnId).toBe('123456789012345678901');
    expect(mapped({ ...valid, txn_id: 42 }).txnId).toBe('42');
  });

  it('follows a custom fieldMap, nested paths included', () => {
    const custom = { ...fieldMap, txnId: 'id', amount: 'money.value', txnDate: 'at' };
    const record = mapped(
      { ...valid, id: 'X9', money: { value: '5.00' }, at: '2026-02-01T00:00:00Z' },
      { fieldMap: custom, timeZone: 'UTC' },
    );
    expect(record).toMatchObject({ txnId: 'X9', amount: '5.00', cycleDate: '2026-02-01' });
  });

  it('names the field of a bad record', () => {
    expect(rejected({ ...valid, txn_id: undefined })).toEqual({
      ok: false,
      externalId: null,
      reason: 'INVALID_RECORD',
      message: 'missing txn_id',
    });
    expect(rejected({ ...valid, txn_id: '  ' }).message).toBe('missing txn_id');
    expect(rejected({ ...valid, amount: 'ten' })).toMatchObject({
      externalId: 'T1',
      reason: 'INVALID_RECORD',
      message: expect.stringMatching(/^amount is not an amount: "ten" is not a decimal number/),
    });
    expect(rejected({ ...valid, amount: null }).message).toBe('missing amount');
    expect(rejected({ ...valid, amount: true }).message).toMatch(/^amount is not an amount/);
    expect(rejected({ ...valid, txn_date: '15/01/2026' }).message).toMatch(
      /^txn_date is not a date/,
    );
    expect(rejected({ ...valid, txn_date: '2026-02-30 10:00:00' }).message).toMatch(
      /^txn_date is not a date/,
    );
    expect(rejected({ ...valid, txn_date: 1768450000 }).message).toMatch(/^txn_date is not a date/);
    expect(rejected({ ...valid, txn_date: undefined }).message).toBe('missing txn_date');
    expect(rejected({ ...valid, currency: 'RUPEES' }).message).toBe(
      'currency is not a 3-letter ISO 4217 code',
    );
    expect(rejected({ ...valid, currency: undefined }).message).toBe('missing currency');
    expect(rejected({ ...valid, status: '' }).message).toBe('missing status');
    expect(rejected({ ...valid, bank_ref: 'x'.repeat(201) }).message).toBe(
      'bank_ref is longer than 200 characters',
    );
  });

  it('hashes the mapped record: equal iff a field changed', () => {
    const a = mapped(valid);
    expect(transactionHash(mapped({ ...valid }))).toBe(transactionHash(a));
    expect(transactionHash(mapped({ ...valid, status: 'refunded' }))).not.toBe(transactionHash(a));
    expect(transactionHash(mapped({ ...valid, amount: '1250.5' }))).not.toBe(transactionHash(a));
  });
});

describe('dates', () => {
  it('calendarDate gives the date in a zone', () => {
    const instant = new Date('2026-03-31T19:00:00Z');
    expect(calendarDate(instant, 'Asia/Kolkata')).toBe('2026-04-01');
    expect(calendarDate(instant, 'UTC')).toBe('2026-03-31');
  });

  it('parseTxnDate reads wall time across a DST change', () => {
    // 2026-03-08 03:30 in New York is after the spring-forward: UTC-4.
    expect(parseTxnDate('2026-03-08 03:30', 'America/New_York')?.toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(parseTxnDate('2026-01-15T10:30:00.123456Z', 'UTC')?.toISOString()).toBe(
      '2026-01-15T10:30:00.123Z',
    );
    expect(parseTxnDate('2026-13-01', 'UTC')).toBeNull();
    // The per-hour offset cache agrees with TZDate minute by minute across DST changes,
    // a half-hour zone and Lord Howe's half-hour DST shift.
    const days: [string, string][] = [
      ['America/New_York', '2026-03-08'],
      ['America/New_York', '2026-11-01'],
      ['Asia/Kolkata', '2026-01-15'],
      ['Australia/Lord_Howe', '2026-04-05'],
      ['Australia/Lord_Howe', '2026-10-04'],
    ];
    for (const [zone, day] of days) {
      const [y, m, d] = day.split('-').map(Number);
      for (let minute = 0; minute < 24 * 60; minute += 7) {
        const h = Math.floor(minute / 60);
        const mi = minute % 60;
        const text = `${day} ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
        const expected = new TZDate(y, m - 1, d, h, mi, 0, 0, zone).getTime();
        expect([text, zone, parseTxnDate(text, zone)?.getTime()]).toEqual([text, zone, expected]);
      }
    }
    expect(parseTxnDate('2026-01-15 24:00', 'UTC')).toBeNull();
  });
});
