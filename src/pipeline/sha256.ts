/**
 * sha256 of a text's UTF-8 bytes as lower-case hex: the payload hash of every
 * synced record. `crypto.hash` (Node >= 20.12; package.json asks for 20.19)
 * does it in one call, about twice as fast as createHash().update().digest()
 * on a record's JSON.
 */
import { hash } from 'node:crypto';

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
