import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A sealed value as stored in `connector_secrets`. */
export interface Sealed {
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  keyId: string;
  /**
   * Sealed with its owner as additional authenticated data. Rows sealed
   * before that (false) are re-sealed at start-up (reseal.ts) and refused by
   * `open`: the flag never decides whether the owner is checked.
   */
  bound: boolean;
}

const IV_LENGTH = 12;
const TAG_LENGTH = 16;

/** Refused to open: the row was altered, or belongs to another owner. */
export class SealError extends Error {
  override readonly name = 'SealError';
}

/**
 * AES-256-GCM under one key from the environment. Every seal takes a fresh
 * 12-byte IV; the key id (a hash prefix, not the key) is stored beside the
 * ciphertext so a rotated key can be told apart from a tampered row. The
 * owner (say `connector:42`) is bound in as additional authenticated data:
 * a sealed row copied onto another owner's does not open there.
 */
export class SecretBox {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('secret key must be 32 bytes');
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  seal(value: unknown, owner: string): Sealed {
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_LENGTH });
    cipher.setAAD(Buffer.from(owner, 'utf8'));
    const ciphertext = Buffer.concat([
      cipher.update(JSON.stringify(value), 'utf8'),
      cipher.final(),
    ]);
    return { ciphertext, iv, tag: cipher.getAuthTag(), keyId: this.keyId, bound: true };
  }

  /** Opens what was sealed for `owner`; a SealError names the problem, never the content. */
  open<T>(sealed: Sealed, owner: string): T {
    if (!sealed.bound) {
      throw new SealError(
        `the stored secrets of ${owner} were sealed before binding and not re-sealed; restart the hub to re-seal them`,
      );
    }
    return this.decrypt<T>(sealed, owner, Buffer.from(owner, 'utf8'));
  }

  /**
   * Opens a row sealed before owners were bound (no additional data). Only
   * the start-up re-seal calls this, to seal such rows again, bound.
   */
  openUnbound<T>(sealed: Sealed): T {
    return this.decrypt<T>(sealed, 'an unbound row', null);
  }

  private decrypt<T>(sealed: Sealed, owner: string, aad: Buffer | null): T {
    if (sealed.keyId !== this.keyId) {
      throw new SealError(`secrets were sealed under key ${sealed.keyId}, not the configured key`);
    }
    const fail = () =>
      new SealError(`the stored secrets of ${owner} were altered or belong to another owner`);
    // A truncated tag would be checked only as far as it goes: accept full tags only.
    if (sealed.tag.length !== TAG_LENGTH || sealed.iv.length !== IV_LENGTH) throw fail();
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.iv, {
        authTagLength: TAG_LENGTH,
      });
      if (aad) decipher.setAAD(aad);
      decipher.setAuthTag(sealed.tag);
      plain = Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
    } catch {
      throw fail();
    }
    return JSON.parse(plain.toString('utf8')) as T;
  }
}
