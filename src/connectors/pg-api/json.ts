/**
 * Gateway bodies parsed without passing amounts through a binary float.
 *
 * JSON.parse turns 12345678901234.56 into the nearest double, and
 * `1250.50` into 1250.5 (its scale lost). lossless-json reads every number
 * as its text: a number whose text is exactly what JS prints for it stays a
 * plain number (0.3, 42), any other keeps its digits as an ExactNumber,
 * which the payments domain reads as an exact decimal and its writer stores
 * digit for digit (lossless-json's stringify). Plain JSON.stringify sees an
 * ExactNumber as the nearest double, as JSON.parse would have made it.
 */
import { LosslessNumber, parse } from 'lossless-json';

export class ExactNumber extends LosslessNumber {
  /** For plain JSON.stringify only (lossless-json's stringify writes the exact text). */
  toJSON(): number {
    return Number(this.value);
  }
}

function parseNumber(text: string): number | ExactNumber {
  const number = Number(text);
  return String(number) === text ? number : new ExactNumber(text);
}

/** JSON text to a value, numbers kept exact (see above). Throws on invalid JSON, as JSON.parse. */
export function parseExactJson(text: string): unknown {
  return parse(text, null, parseNumber);
}
