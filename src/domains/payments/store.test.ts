import { stringify } from 'lossless-json';
import { parseExactJson } from '../../connectors/pg-api/json';
import { rawJson } from './store';

describe('rawJson', () => {
  it('writes what lossless-json writes, exact numbers digit for digit', () => {
    const bodies = [
      // Flat and plain: the JSON.stringify path.
      '{"txn_id":"T1","amount":1250.5,"ok":true,"note":null,"text":"é \\"q\\" \\u2028"}',
      // An exact number at the top level, and one nested: lossless-json's path.
      '{"txn_id":"T2","amount":1250.50}',
      '{"txn_id":"T3","amount":12345678901234.56}',
      '{"txn_id":"T4","meta":{"fee":0.10,"list":[1.0,2]}}',
      '{}',
    ];
    for (const body of bodies) {
      const raw = parseExactJson(body) as Record<string, unknown>;
      expect(rawJson(raw)).toBe(stringify(raw));
    }
    expect(rawJson(parseExactJson('{"a":1250.50}') as Record<string, unknown>)).toBe(
      '{"a":1250.50}',
    );
    expect(
      rawJson(parseExactJson('{"a":{"b":12345678901234.56}}') as Record<string, unknown>),
    ).toBe('{"a":{"b":12345678901234.56}}');
  });

  it('keeps a bigint exact', () => {
    expect(rawJson({ a: 12345678901234567890n })).toBe('{"a":12345678901234567890}');
  });
});
