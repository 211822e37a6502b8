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
 *
 * A body whose every number is plain (and whose objects repeat no key, which
 * lossless-json refuses when the values differ) parses to the same value
 * through JSON.parse, natively and about five times faster: `plainJson`
 * reads the text once to tell, and anything else goes to lossless-json.
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
  return plainJson(text) ? JSON.parse(text) : parse(text, null, parseNumber);
}

const QUOTE = 34; // "
const BACKSLASH = 92; // \
const COLON = 58; // :
const OPEN_OBJECT = 123; // {
const CLOSE_OBJECT = 125; // }
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93; // ]
const MINUS = 45; // -
const MAX_KEYS = 256;

function isNumberChar(code: number): boolean {
  // Digits, '-', '+', '.', 'e', 'E': what a JSON number is made of.
  return (
    (code >= 48 && code <= 57) ||
    code === 45 ||
    code === 43 ||
    code === 46 ||
    code === 101 ||
    code === 69
  );
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/**
 * Whether JSON.parse reads `text` exactly as parseNumber and lossless-json
 * would: every number token prints back as itself, and no object repeats a
 * key (a key with an escape counts as a possible repeat). Text that is not
 * JSON may answer either way: JSON.parse and lossless-json both refuse it.
 */
function plainJson(text: string): boolean {
  // The keys of each object being read, innermost last (null for an array); an
  // object's keys are few, so a list is searched rather than a Set made per object.
  const open: (string[] | null)[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const start = i;
      let escaped = false;
      i += 1;
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === BACKSLASH) {
          escaped = true;
          i += 2;
        } else if (c === QUOTE) {
          break;
        } else {
          i += 1;
        }
      }
      i += 1;
      let next = i;
      while (next < length && isSpace(text.charCodeAt(next))) next += 1;
      const keys = open.length > 0 ? open[open.length - 1] : null;
      if (keys && next < length && text.charCodeAt(next) === COLON) {
        if (escaped) return false;
        const key = text.slice(start, i);
        // Very wide objects are left to lossless-json rather than searched key by key.
        if (keys.length >= MAX_KEYS || keys.includes(key)) return false;
        keys.push(key);
      }
    } else if ((code >= 48 && code <= 57) || code === MINUS) {
      const start = i;
      while (i < length && isNumberChar(text.charCodeAt(i))) i += 1;
      const token = text.slice(start, i);
      if (String(Number(token)) !== token) return false;
    } else {
      if (code === OPEN_OBJECT) open.push([]);
      else if (code === OPEN_ARRAY) open.push(null);
      else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) open.pop();
      i += 1;
    }
  }
  return true;
}
