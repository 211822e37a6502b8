import { createCipheriv, randomBytes } from 'node:crypto';
import { SealError, SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed for the same owner, with a fresh IV each time', () => {
    const a = box.seal({ apiKey: 'k' }, 'connector:1');
    const b = box.seal({ apiKey: 'k' }, 'connector:1');
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.bound).toBe(true);
    expect(box.open(a, 'connector:1')).toEqual({ apiKey: 'k' });
  });

  it('refuses a sealed value opened for another owner, or altered, without showing it', () => {
    const sealed = box.seal({ apiKey: 'needle-123' }, 'connector:1');
    expect(() => box.open(sealed, 'connector:2')).toThrow(SealError);
    expect(() => box.open(sealed, 'connector:2')).toThrow(
      'the stored secrets of connector:2 were altered or belong to another owner',
    );
    const altered = { ...sealed, ciphertext: Buffer.from(sealed.ciphertext) };
    altered.ciphertext[0] ^= 1;
    expect(() => box.open(altered, 'connector:1')).toThrow(SealError);
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'connector:1')).toThrow(
      /sealed under key [0-9a-f]{16}, not the configured key/,
    );
  });

  it('refuses a row sealed before owners were bound: the bound flag chooses nothing', () => {
    const key = randomBytes(32);
    const legacy = new SecretBox(key);
    const row = unboundSeal(key, '{"apiKey":"old"}', legacy.keyId);
    expect(() => legacy.open(row, 'connector:7')).toThrow(SealError);
    // Flipping the stored flag does not turn the owner check off either.
    const bound = legacy.seal({ apiKey: 'new' }, 'connector:7');
    expect(() => legacy.open({ ...bound, bound: false }, 'connector:8')).toThrow(SealError);
    // What the start-up re-seal uses to migrate such rows.
    expect(legacy.openUnbound(row)).toEqual({ apiKey: 'old' });
  });

  it('refuses a truncated authentication tag (authTagLength 16)', () => {
    const sealed = box.seal({ apiKey: 'k' }, 'connector:1');
    expect(sealed.tag).toHaveLength(16);
    for (const length of [4, 8, 12]) {
      const short = { ...sealed, tag: sealed.tag.subarray(0, length) };
      expect(() => box.open(short, 'connector:1')).toThrow(SealError);
    }
  });
});

/** A row as the hub sealed it before secrets were bound to their connector. */
export function unboundSeal(key: Buffer, plain: string, keyId: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { ciphertext, iv, tag: cipher.getAuthTag(), keyId, bound: false };
}
