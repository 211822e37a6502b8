/**
 * `Decimal`: an exact decimal number as a string, e.g. "1250.50" (contract:
 * "Money is never a binary float"). Out: the text as stored (pg returns
 * `numeric` as a string, scale kept). In: a string, or a number literal,
 * whose source text is used as written; a number in JSON variables has
 * already been parsed by JSON.parse into a float, so it is taken by its
 * shortest round-trip text (0.3 stays "0.3") — send a string for more than
 * 15 significant digits.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { parseDecimal } from '../domains/payments/decimal';

function exact(value: unknown, where: string): string {
  const parsed = parseDecimal(value);
  if (!parsed.ok) throw new GraphQLError(`Decimal ${where}: ${parsed.message}`);
  return parsed.value;
}

export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description:
    'An exact decimal number as a string, e.g. "1250.50". Money is never a binary float.',
  serialize: (value) => exact(value, 'cannot represent the value'),
  parseValue: (value) => exact(value, 'input is invalid'),
  parseLiteral(ast: ValueNode) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) {
      // ast.value is the literal's source text: no float on the way.
      return exact(ast.value, 'input is invalid');
    }
    throw new GraphQLError(
      `Decimal input is invalid: expected a string or number, got ${ast.kind}`,
      {
        nodes: ast,
      },
    );
  },
});
