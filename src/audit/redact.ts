/**
 * Keys whose values are secrets wherever they appear in a mutation's input:
 * connector credentials, webhook secrets, tokens. Their values never reach
 * the audit log; the key stays, so the log still says a secret was set.
 */
const SECRET_KEYS = new Set(
  [
    'apiKey',
    'password',
    'passphrase',
    'privateKey',
    'clientSecret',
    'consumerSecret',
    'secret',
    'token',
    'accessToken',
    'refreshToken',
    'authorization',
  ].map((key) => key.toLowerCase()),
);

/** Arguments whose every value is a secret (write-only credentials). */
const SECRET_OBJECTS = new Set(['credentials']);

export const REMOVED = '[removed]';
const TOO_DEEP = '[too deep]';
/** Arguments nest a few levels; JSON inside them at most 8 (input-limits.ts). */
const MAX_DEPTH = 16;

function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase()) || /secret$|password$|token$/i.test(key);
}

/**
 * A copy of `value` fit for the audit log: secret values replaced by
 * "[removed]" (credentials keep their key names only), everything else as
 * the caller sent it, as plain JSON.
 */
export function withoutSecrets(value: unknown, key = '', depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  // Inputs nested deeper than any limit allows are refused; their row keeps the top.
  if (depth > MAX_DEPTH && typeof value === 'object') return TOO_DEEP;
  if (SECRET_OBJECTS.has(key) && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as object).map((k) => [k, REMOVED]));
  }
  if (key && isSecretKey(key)) return REMOVED;
  if (Array.isArray(value)) return value.map((item) => withoutSecrets(item, '', depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        withoutSecrets(v, k, depth + 1),
      ]),
    );
  }
  return value;
}
