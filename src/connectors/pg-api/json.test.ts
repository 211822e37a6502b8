import { parse } from 'lossless-json';
import { ExactNumber, parseExactJson } from './json';

/** What lossless-json alone gives (the reference): plain numbers as numbers, others exact. */
function reference(text: string): unknown {
  return parse(text, null, (value: string) => {
    const number = Number(value);
    return String(number) === value ? number : new ExactNumber(value);
  });
}

function outcome(read: (text: string) => unknown, text: string) {
  try {
    return { value: read(text) };
  } catch {
    return { error: true };
  }
}

describe('parseExactJson', () => {
  it('reads each body as lossless-json does, whether or not JSON.parse can', () => {
    const bodies = [
      '{"data":[{"txn_id":"T1","amount":1250.5,"n":-3,"ok":true,"x":null}],"page":1}',
      '{"amount":1250.50}',
      '{"amount":12345678901234.56}',
      '{"a":1e5,"b":1E-7,"c":-0,"d":0.30000000000000004,"e":1.0}',
      '{"id":123456789012345678901}',
      // Digits, quotes, escapes and colons inside strings are not numbers or keys.
      '{"note":"12.50 \\"quoted\\": 1.0","k\\"ey":"v","t":"\\\\","u":"\\u0031.10"}',
      '  [ 1 , 2.5 , "3.50" , {"a" : [ 1.25 , {"b":1.250}]} ]  ',
      // Repeated keys: refused when the values differ, accepted when equal.
      '{"a":1,"a":2}',
      '{"a":1,"a":1}',
      '{"a":{"b":1},"c":{"b":2}}',
      '{"\\u0061":1,"a":2}',
      '[{"a":1},{"a":2}]',
      // Not JSON: both refuse.
      '{"a":1,}',
      '{"a":01}',
      '{"a":1.2.3}',
      '{"a":-}',
      '',
    ];
    for (const body of bodies) {
      expect(outcome(parseExactJson, body)).toEqual(outcome(reference, body));
    }
    const exact = parseExactJson('{"amount":1250.50}') as { amount: ExactNumber };
    expect(exact.amount).toBeInstanceOf(ExactNumber);
    expect(exact.amount.value).toBe('1250.50');
  });

  it('agrees with lossless-json on generated bodies', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    const numbers = [
      '0',
      '7',
      '-12',
      '0.1',
      '0.10',
      '1250.5',
      '1250.50',
      '1e3',
      '2.5E-3',
      '-0',
      '9007199254740993',
      '12345678901234.56',
    ];
    const strings = ['"a"', '"1.50"', '"x\\"y"', '"\\\\"', '"é"', '"a:1"', '"{[,]}"'];
    const value = (depth: number): string => {
      const kind = depth > 2 ? random() * 3 : random() * 5;
      if (kind < 1) return pick(numbers);
      if (kind < 2) return pick(strings);
      if (kind < 3) return pick(['true', 'false', 'null']);
      if (kind < 4) {
        const n = Math.floor(random() * 4);
        return `[${Array.from({ length: n }, () => value(depth + 1)).join(',')}]`;
      }
      const n = Math.floor(random() * 4);
      const keys = ['"a"', '"b"', '"c"', '"1"', '"a\\u0062"'];
      return `{${Array.from({ length: n }, () => `${pick(keys)}:${value(depth + 1)}`).join(',')}}`;
    };
    for (let i = 0; i < 2000; i++) {
      const body = value(0);
      expect({ body, ...outcome(parseExactJson, body) }).toEqual({
        body,
        ...outcome(reference, body),
      });
    }
  });
});
