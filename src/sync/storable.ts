/**
 * Postgres holds no U+0000 (NUL) in text, and jsonb refuses the \u0000
 * escape, so a record carrying one can be neither stored nor looked up.
 * Such a record is skipped as INVALID_RECORD; what is kept of it for the
 * run's log (external id, message, raw payload) has each NUL replaced by
 * U+FFFD so that it can be stored.
 */

/** A NUL escape in JSON text, not preceded by an escaped backslash. */
const NUL_ESCAPE = /(?<!\\)((?:\\\\)*)\\u0000/;
const NUL_ESCAPES = new RegExp(NUL_ESCAPE.source, 'g');

/** Whether `value` holds a NUL character in any string (keys included). */
export function hasNul(value: unknown): boolean {
  return jsonHasNul(JSON.stringify(value) ?? '');
}

/** Whether JSON text holds an escaped NUL character. */
export function jsonHasNul(text: string): boolean {
  return text.includes('\\u0000') && NUL_ESCAPE.test(text);
}

/** `value` with each NUL character in its strings replaced by U+FFFD. */
export function withoutNul<T>(value: T): T {
  const text = JSON.stringify(value);
  if (text === undefined || !text.includes('\\u0000')) return value;
  return JSON.parse(text.replace(NUL_ESCAPES, '$1\\ufffd')) as T;
}
