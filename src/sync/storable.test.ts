import { hasNul, withoutNul } from './storable';

describe('NUL characters', () => {
  it('finds a NUL in any string, key or nested value, and nothing else', () => {
    expect(hasNul({ title: 'a\u0000b' })).toBe(true);
    expect(hasNul({ deep: [{ ['k\u0000']: 1 }] })).toBe(true);
    expect(hasNul('x\u0000')).toBe(true);
    // A backslash followed by the letters u0000 is text, not a NUL.
    expect(hasNul({ title: '\\u0000' })).toBe(false);
    expect(hasNul({ title: 'plain', n: 0, none: null })).toBe(false);
  });

  it('replaces each NUL with U+FFFD and leaves the rest as it was', () => {
    expect(withoutNul({ a: 'x\u0000y\u0000', b: ['\\u0000', 1, null] })).toEqual({
      a: 'x\ufffdy\ufffd',
      b: ['\\u0000', 1, null],
    });
    const clean = { a: 'ok' };
    expect(withoutNul(clean)).toBe(clean);
    expect(withoutNul('\\\u0000')).toBe('\\\ufffd');
  });
});
