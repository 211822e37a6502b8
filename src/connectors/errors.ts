/**
 * The one error type connector code throws for faults in the outside system
 * or in the connector's settings. Its message is shown to admins and written
 * to run logs, so it never carries a secret: build it from paths (never full
 * URLs, whose query may hold `consumer_secret`), statuses and scrubbed text.
 */
export const CONNECTOR_ERROR_CODES = [
  'AUTH_FAILED',
  'HTTP_ERROR',
  'NETWORK',
  'TIMEOUT',
  'INVALID_RESPONSE',
  'CONFIG',
  /** The outbound policy refused the address, or the config refuses the origin (security/outbound.ts). */
  'TARGET_REFUSED',
  'SFTP',
  'DATABASE',
] as const;
export type ConnectorErrorCode = (typeof CONNECTOR_ERROR_CODES)[number];

export interface ConnectorErrorOptions {
  /** The HTTP status that caused the error, when there was one. */
  status?: number;
  /** Only causes whose messages cannot hold a secret (system errors, SQLSTATE errors). */
  cause?: unknown;
}

export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly code: ConnectorErrorCode;
  readonly status?: number;

  constructor(code: ConnectorErrorCode, message: string, options: ConnectorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}

const REDACTED = '[redacted]';

/** Credentials that travel in text form even when their values are unknown here. */
const SECRET_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, `$1 ${REDACTED}`],
  [
    /\b(consumer_secret|consumer_key|client_secret|access_token|api_?key|password|token)=[^&\s"']*/gi,
    `$1=${REDACTED}`,
  ],
];

/**
 * Replaces every known secret value, and its URL- and form-encoded forms,
 * with a marker; then blanks credential-shaped fragments such as
 * `Bearer ...` or `consumer_secret=...` whatever their value.
 */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(new URLSearchParams({ s: secret }).toString().slice(2));
  }
  // Longest first, so a secret that contains another is replaced whole.
  let scrubbed = text;
  for (const variant of [...variants].sort((a, b) => b.length - a.length)) {
    scrubbed = scrubbed.split(variant).join(REDACTED);
  }
  for (const [pattern, replacement] of SECRET_PATTERNS) {
    scrubbed = scrubbed.replace(pattern, replacement);
  }
  return scrubbed;
}
