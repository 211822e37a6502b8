/**
 * Exact decimal numbers as text: money is never a binary float.
 *
 * A decimal is kept as the digits the source wrote ("1250.50" stays
 * "1250.50", scale included) and stored as Postgres `numeric`, which pg
 * returns as a string. Inputs:
 * - a string: "1250.50", "-3", "+0.30", "1.5e3";
 * - a lossless JSON number (lossless-json's LosslessNumber, as the PG_API
 *   fetch parses gateway bodies): its exact text;
 * - a JS number: its shortest round-trip text (String(0.3) is "0.3"). A JS
 *   number is already a binary float, so a number with more than 15-17
 *   significant digits may have lost digits before it got here; bodies whose
 *   amounts matter are parsed losslessly for that reason (see
 *   src/connectors/pg-api/json.ts);
 * - a bigint.
 */
import { isLosslessNumber } from 'lossless-json';

/** Digits before the point a decimal may have: far above any amount, bounded so input cannot grow unchecked. */
export const MAX_INTEGER_DIGITS = 30;
/** Digits after the point. */
export const MAX_FRACTION_DIGITS = 20;

export type DecimalResult = { ok: true; value: string } | { ok: false; message: string };

const PLAIN = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const SCIENTIFIC = /^([+-]?)(\d+)(?:\.(\d*))?[eE]([+-]?\d{1,4})$/;

/** The exact decimal text of `value`, or why it is not one. */
export function parseDecimal(value: unknown): DecimalResult {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, message: `${value} is not a finite number` };
    return parseDecimalText(String(value));
  }
  if (typeof value === 'bigint') return parseDecimalText(value.toString());
  if (isLosslessNumber(value)) return parseDecimalText(String(value));
  if (typeof value === 'string') return parseDecimalText(value.trim());
  return {
    ok: false,
    message: `expected a decimal number as a string or number, got ${describe(value)}`,
  };
}

function parseDecimalText(text: string): DecimalResult {
  let sign: string;
  let integer: string;
  let fraction: string;
  const plain = PLAIN.exec(text);
  if (plain) {
    [, sign, integer, fraction = ''] = plain;
  } else {
    const scientific = SCIENTIFIC.exec(text);
    if (!scientific) {
      return {
        ok: false,
        message: `"${text.slice(0, 40)}" is not a decimal number (digits, an optional sign and point, e.g. "1250.50")`,
      };
    }
    const [, s, int, frac = '', exponent] = scientific;
    sign = s;
    ({ integer, fraction } = shiftPoint(int, frac, Number(exponent)));
  }
  integer = integer.replace(/^0+(?=\d)/, '');
  if (integer.length > MAX_INTEGER_DIGITS) {
    return { ok: false, message: `has more than ${MAX_INTEGER_DIGITS} digits before the point` };
  }
  if (fraction.length > MAX_FRACTION_DIGITS) {
    return { ok: false, message: `has more than ${MAX_FRACTION_DIGITS} digits after the point` };
  }
  const zero = /^0*$/.test(integer + fraction);
  const text_ = `${sign === '-' && !zero ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
  return { ok: true, value: text_ };
}

/** Moves the decimal point of int.frac by `exponent` places, in the digits themselves. */
function shiftPoint(int: string, frac: string, exponent: number) {
  const digits = int + frac;
  const point = int.length + exponent;
  if (point <= 0) return { integer: '0', fraction: '0'.repeat(-point) + digits };
  if (point >= digits.length)
    return { integer: digits + '0'.repeat(point - digits.length), fraction: '' };
  return { integer: digits.slice(0, point), fraction: digits.slice(point) };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return `a value of type ${typeof value}`;
}
