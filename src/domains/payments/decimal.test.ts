import { graphql, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { LosslessNumber } from 'lossless-json';
import { DecimalScalar } from '../../schema/decimal.scalar';
import { parseDecimal } from './decimal';

const ok = (value: unknown) => {
  const result = parseDecimal(value);
  if (!result.ok) throw new Error(`expected a decimal, got: ${result.message}`);
  return result.value;
};
const error = (value: unknown) => {
  const result = parseDecimal(value);
  if (result.ok) throw new Error(`expected an error, got ${result.value}`);
  return result.message;
};

describe('parseDecimal', () => {
  it('keeps a string as written, scale included', () => {
    expect(ok('1250.50')).toBe('1250.50');
    expect(ok(' 0.30 ')).toBe('0.30');
    expect(ok('+7')).toBe('7');
    expect(ok('-0012.5')).toBe('-12.5');
    expect(ok('-0.00')).toBe('0.00');
    expect(ok('12345678901234.56')).toBe('12345678901234.56');
    expect(ok('123456789012345678901234567890.12345678901234567890')).toBe(
      '123456789012345678901234567890.12345678901234567890',
    );
  });

  it('takes a JS number by its shortest round-trip text, never by its binary expansion', () => {
    expect(ok(0.3)).toBe('0.3');
    expect(ok(0.1)).toBe('0.1');
    expect(ok(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(ok(12345678901234.56)).toBe('12345678901234.56');
    expect(ok(1e21)).toBe('1000000000000000000000');
    expect(ok(1.5e-7)).toBe('0.00000015');
    expect(ok(-42)).toBe('-42');
  });

  it('takes a lossless JSON number and a bigint digit for digit', () => {
    expect(ok(new LosslessNumber('12345678901234567.891'))).toBe('12345678901234567.891');
    expect(ok(new LosslessNumber('1250.50'))).toBe('1250.50');
    expect(ok(new LosslessNumber('1.25e3'))).toBe('1250');
    expect(ok(123456789012345678901234n)).toBe('123456789012345678901234');
  });

  it('expands exponents in the digits', () => {
    expect(ok('1.5e3')).toBe('1500');
    expect(ok('1.2345E2')).toBe('123.45');
    expect(ok('25e-4')).toBe('0.0025');
  });

  it('says why a value is not a decimal', () => {
    expect(error('12,50')).toMatch(/"12,50" is not a decimal number/);
    expect(error('abc')).toMatch(/not a decimal number/);
    expect(error('')).toMatch(/not a decimal number/);
    expect(error('1.')).toMatch(/not a decimal number/);
    expect(error(Number.NaN)).toMatch(/not a finite number/);
    expect(error(Infinity)).toMatch(/not a finite number/);
    expect(error(true)).toMatch(/got a value of type boolean/);
    expect(error(null)).toMatch(/got null/);
    expect(error({ value: 1 })).toMatch(/got a value of type object/);
    expect(error('1'.repeat(31))).toMatch(/more than 30 digits before the point/);
    expect(error(`0.${'1'.repeat(21)}`)).toMatch(/more than 20 digits after the point/);
  });
});

describe('Decimal scalar', () => {
  // A schema with one field that echoes a Decimal argument.
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        echo: {
          type: DecimalScalar,
          args: { value: { type: DecimalScalar } },
          resolve: (_root, { value }: { value: string }) => value,
        },
        stored: { type: DecimalScalar, resolve: () => '1250.50' },
        broken: { type: DecimalScalar, resolve: () => 'NaN' },
      },
    }),
  });
  const run = (source: string, variableValues?: Record<string, unknown>) =>
    graphql({ schema, source, variableValues });

  it('reads a number literal by its source text: no float on the way', async () => {
    const result = await run('{ a: echo(value: 12345678901234567.891) b: echo(value: 0.30) }');
    expect(result).toEqual({ data: { a: '12345678901234567.891', b: '0.30' } });
  });

  it('reads strings and JSON numbers in variables', async () => {
    const result = await run(
      'query($s: Decimal, $n: Decimal) { s: echo(value: $s) n: echo(value: $n) }',
      { s: '1250.50', n: 0.3 },
    );
    expect(result).toEqual({ data: { s: '1250.50', n: '0.3' } });
  });

  it('returns stored text unchanged', async () => {
    expect(await run('{ stored }')).toEqual({ data: { stored: '1250.50' } });
  });

  it('refuses bad input with a clear message', async () => {
    const literal = await run('{ echo(value: "12,50") }');
    expect(literal.errors?.[0].message).toMatch(
      /Decimal input is invalid: "12,50" is not a decimal number/,
    );
    const variable = await run('query($v: Decimal) { echo(value: $v) }', { v: 'ten' });
    expect(variable.errors?.[0].message).toMatch(
      /Decimal input is invalid: "ten" is not a decimal/,
    );
    const boolean = await run('{ echo(value: true) }');
    expect(boolean.errors?.[0].message).toMatch(/expected a string or number, got BooleanValue/);
    const output = await run('{ broken }');
    expect(output.errors?.[0].message).toMatch(/Decimal cannot represent the value/);
  });
});
