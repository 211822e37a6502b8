import canonicalize from 'canonicalize';
import { canonicalJsonOf } from './canonical-json';

describe('canonicalJsonOf', () => {
  const shape = canonicalJsonOf(['type', 'issuer', 'é', 'Zeta', 'amount', 'a', 'metadata', 'list']);

  it('writes what canonicalize writes for the shape', () => {
    const values = [
      {
        type: 'T/v1',
        issuer: 'Ünïcode "quoted" \\ issuer\n',
        é: null,
        Zeta: 1e21,
        amount: 0.30000000000000004,
        a: -0,
        metadata: { z: [1, { y: 'x', b: null }], a: '\u2028', '\ud83d\ude00': true },
        list: [new Date('2026-01-01T00:00:00Z'), 'x', 3],
      },
      {
        type: '',
        issuer: 'x',
        é: 'é',
        Zeta: 0,
        amount: 12.5,
        a: false,
        metadata: {},
        list: [],
      },
    ];
    for (const value of values) expect(shape(value)).toBe(canonicalize(value));
  });

  it('falls back to canonicalize for a missing, undefined or extra key', () => {
    const base = { type: 't', issuer: 'i', é: 1, Zeta: 2, amount: 3, a: 4, metadata: {}, list: [] };
    const odd = [
      { ...base, metadata: undefined },
      { ...base, extra: 'x' },
      (({ a: _a, ...rest }) => ({ ...rest, other: 1 }))(base),
    ];
    for (const value of odd) {
      expect(shape(value as typeof base)).toBe(canonicalize(value));
    }
  });

  it('refuses what canonicalize refuses', () => {
    const base = {
      type: 't',
      issuer: 'i',
      é: 1,
      Zeta: 2,
      amount: NaN,
      a: 4,
      metadata: {},
      list: [],
    };
    expect(() => shape(base)).toThrow('NaN is not allowed');
  });
});
