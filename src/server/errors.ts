import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../logger';
import { isDomainError } from '../services/user-errors';

// Codes whose messages are written for the caller and safe to pass through.
const CALLER_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  // Over a request limit (src/limits): the message names the limit.
  'QUERY_TOO_COMPLEX',
]);

/**
 * Faults are logged in full and reach the caller as a bare
 * INTERNAL_SERVER_ERROR: an unexpected message could carry anything,
 * a database value or a secret among it.
 */
export function errorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CALLER_CODES.has(code)) return formatted;
    // A service's domain error outside a mutation payload (a query's bad argument).
    const original = unwrapResolverError(error);
    if (isDomainError(original)) {
      const domainCode = original.userErrors[0]?.code ?? 'INVALID_INPUT';
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: domainCode === 'INVALID_INPUT' ? 'BAD_USER_INPUT' : domainCode },
      };
    }
    logger.error(
      { err: unwrapResolverError(error), path: formatted.path },
      'unexpected GraphQL error',
    );
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
