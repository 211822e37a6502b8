/**
 * The `X-Tributary-Signature` scheme of contract/providers.md, for inbound
 * webhooks (and any sender that signs the same way):
 *   t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
 * A receiver checks the MAC over the raw bytes (never a re-serialized body)
 * in constant time, and refuses a timestamp outside its tolerance.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-tributary-signature';

/** How old (or how far ahead, for clock skew) a signed request may be: 5 minutes. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signatureOf(secret: string, timestamp: number, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The header value for `body` signed at `timestamp` (unix seconds). */
export function signatureHeader(
  secret: string,
  body: Buffer | string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;
}

export interface ParsedSignature {
  timestamp: number;
  /** Every v1 value (a sender may sign with an old and a new secret at once). */
  signatures: string[];
}

/** The header's parts, or null when it is not the scheme's shape. */
export function parseSignatureHeader(header: string | undefined): ParsedSignature | null {
  if (!header || header.length > 1_000) return null;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't') {
      if (!/^[0-9]{1,12}$/.test(value)) return null;
      timestamp = Number(value);
    } else if (name === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) return null;
      signatures.push(value);
    }
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

export type SignatureCheck =
  { ok: true; signature: string } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

/**
 * Checks `header` against `body` under any of `secrets`: ok with the v1
 * value that matched (the replay key), or why not.
 */
export function verifySignature(
  header: string | undefined,
  body: Buffer,
  secrets: readonly string[],
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
  const parsed = parseSignatureHeader(header);
  if (!parsed) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) {
    return { ok: false, reason: 'stale' };
  }
  for (const secret of secrets) {
    const expected = Buffer.from(signatureOf(secret, parsed.timestamp, body), 'hex');
    for (const given of parsed.signatures) {
      if (timingSafeEqual(expected, Buffer.from(given, 'hex'))) {
        return { ok: true, signature: given };
      }
    }
  }
  return { ok: false, reason: 'mismatch' };
}
