import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  getNullableType,
  GraphQLInt,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  typeFromAST,
  validate,
  type GraphQLInputType,
  type GraphQLScalarType,
  type DocumentNode,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationContext,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { MAX_PAGE_SIZE } from '../services/pagination';
import { LimitError } from './limit-error';

/** What one operation may ask for (GRAPHQL_MAX_* in config.ts). */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
}

/** A connection's `first` when the caller gives none and the field has no default. */
const DEFAULT_FIRST = 20;

/**
 * A list costs its children once per item it may hold: `first` for a
 * connection (its default when not given), one for a plain list (they are
 * short and bounded by what they list: kinds, skip reasons, tokens).
 * Every field costs 1 besides.
 */
const listEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.args.some((arg) => arg.name === 'first')) {
    const first = typeof args.first === 'number' ? args.first : DEFAULT_FIRST;
    // A `first` over the page cap is refused by the resolver with its own
    // message (BAD_USER_INPUT), so it costs what the largest page would.
    return 1 + Math.min(Math.max(first, 1), MAX_PAGE_SIZE) * childComplexity;
  }
  return undefined;
};

/** Validation rules for depth and aliases (graphql-armor), reporting LimitErrors. */
function shapeRules(limits: QueryLimits) {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      // Fragments count by the fields inside them, not as a level of their own.
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [
        (context: ValidationContext | null, error: GraphQLError) =>
          context?.reportError(
            new LimitError(
              'QUERY_TOO_COMPLEX',
              'GRAPHQL_MAX_DEPTH',
              `${clean(error.message)} (GRAPHQL_MAX_DEPTH)`,
              { max: limits.maxDepth, actual: figure(error.message) },
            ),
          ),
      ],
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [
        (context: ValidationContext | null, error: GraphQLError) =>
          context?.reportError(
            new LimitError(
              'QUERY_TOO_COMPLEX',
              'GRAPHQL_MAX_ALIASES',
              `${clean(error.message)} (GRAPHQL_MAX_ALIASES)`,
              { max: limits.maxAliases, actual: figure(error.message) },
            ),
          ),
      ],
    }),
  ];
}

const clean = (message: string) => message.replace(/^Syntax Error: /, '');
const figure = (message: string) => Number(/found (\d+)/.exec(message)?.[1] ?? NaN);

/** The operation's cost: every field 1, lists times their `first`. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables?: Record<string, unknown>,
  operationName?: string,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/**
 * The first limit the operation goes over, as one error, or its cost when it
 * is within all of them. Checked before anything executes.
 */
export function checkQueryLimits(
  limits: QueryLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables?: Record<string, unknown>,
  operationName?: string,
): { error: LimitError } | { cost: number } {
  const [shape] = validate(schema, document, shapeRules(limits));
  if (shape) return { error: asLimitError(shape) };
  let cost: number;
  try {
    cost = operationCost(schema, document, variables, operationName);
  } catch {
    // An operation graphql-js will refuse anyway (unknown name, bad variables).
    return { cost: 0 };
  }
  if (cost > limits.maxCost) {
    return {
      error: new LimitError(
        'QUERY_TOO_COMPLEX',
        'GRAPHQL_MAX_COST',
        `query cost ${cost} is over the limit of ${limits.maxCost} (GRAPHQL_MAX_COST); ` +
          'ask for smaller pages (`first`) or fewer nested lists',
        { max: limits.maxCost, actual: cost },
      ),
    };
  }
  return { cost };
}

function asLimitError(error: GraphQLError): LimitError {
  if (error instanceof LimitError) return error;
  return new LimitError('QUERY_TOO_COMPLEX', 'GRAPHQL_LIMITS', error.message);
}

/** Each request's operation cost, for the slow-operation log and metrics. */
const costs = new WeakMap<object, number>();
export const costOf = (contextValue: object): number | undefined => costs.get(contextValue);

/**
 * Apollo plugin: depth, aliases and cost are checked once the operation is
 * known, with its variables, before execution starts; over a limit the
 * answer is one 400 error and no resolver runs.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<object> {
  // Apollo hands out the same DocumentNode for the same query text (its
  // document store), so the cost of an operation within the limits is kept
  // by document, operation name and variables: a dashboard polling one
  // query is walked twice (validation, cost) once, not on every request.
  const passed = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({
          schema,
          document,
          request,
          operation,
          operationName,
          contextValue,
        }) {
          // Queries only (what is polled); no key for variables JSON cannot write (too deep).
          let key: string | undefined;
          if (operation?.operation === 'query') {
            try {
              key = JSON.stringify([operationName ?? null, request.variables ?? {}]);
            } catch {
              key = undefined;
            }
          }
          const known = key === undefined ? undefined : passed.get(document)?.get(key);
          if (known !== undefined) {
            costs.set(contextValue, known);
            return;
          }
          const checked = checkQueryLimits(
            limits,
            schema,
            document,
            request.variables,
            operationName ?? undefined,
          );
          if ('error' in checked) throw checked.error;
          costs.set(contextValue, checked.cost);
          if (key !== undefined && key.length <= MEMO_KEY_MAX) {
            let byVariables = passed.get(document);
            if (!byVariables) passed.set(document, (byVariables = new Map()));
            if (byVariables.size >= MEMO_PER_DOCUMENT) byVariables.clear();
            byVariables.set(key, checked.cost);
          }
        },
      };
    },
  };
}

/** Variable sets remembered per document, and the longest (as JSON) remembered at all. */
const MEMO_PER_DOCUMENT = 64;
const MEMO_KEY_MAX = 4_096;

/**
 * A value of `type` graphql-js accepts, standing for a variable the check
 * does not know: an Int is the largest page (lists are costed at their
 * worst), other scalars the first sample their parser takes, an input
 * object its required fields, a list empty.
 */
function placeholder(type: GraphQLInputType): unknown {
  const bare = getNullableType(type);
  if (isListType(bare)) return [];
  if (isEnumType(bare)) return bare.getValues()[0]?.value;
  if (isInputObjectType(bare)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(bare.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) {
        value[field.name] = placeholder(field.type);
      }
    }
    return value;
  }
  if (bare === GraphQLInt) return MAX_PAGE_SIZE;
  for (const sample of ['x', 0, false, '2026-01-01T00:00:00.000Z', '2026-01-01', '0', {}]) {
    try {
      (bare as GraphQLScalarType).parseValue(sample);
      return sample;
    } catch {
      // not this one
    }
  }
  return null;
}

/** Variables for an operation checked without its variables (the dashboard test, bench:limits). */
export function placeholderVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const type = typeFromAST(schema, variable.type) as GraphQLInputType | undefined;
      if (type && isNonNullType(type) && !variable.defaultValue) {
        variables[variable.variable.name.value] = placeholder(type);
      }
    }
  }
  return variables;
}

/**
 * Parse errors from GRAPHQL_MAX_TOKENS (graphql-js aborts the parse) are
 * reported as the limit they are. Wraps the server's error formatter.
 */
export function withLimitCodes(
  format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
  limits: QueryLimits,
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (
      formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' &&
      /Document contains more th(?:an|at) \d+ tokens/.test(formatted.message)
    ) {
      return {
        message: `the document has more than ${limits.maxTokens} tokens (GRAPHQL_MAX_TOKENS)`,
        extensions: {
          code: 'QUERY_TOO_COMPLEX',
          limit: 'GRAPHQL_MAX_TOKENS',
          max: limits.maxTokens,
        },
      };
    }
    return format(formatted, error);
  };
}
