import { GraphQLError } from 'graphql';

/**
 * A request over one of the hub's limits. Its code says which kind
 * (QUERY_TOO_COMPLEX: depth, aliases, cost, tokens; BAD_REQUEST: the request
 * itself), `limit` names the setting that sets it, and it is answered 400
 * before any resolver runs.
 */
export class LimitError extends GraphQLError {
  constructor(
    code: 'QUERY_TOO_COMPLEX' | 'BAD_REQUEST',
    limit: string,
    message: string,
    figures: { max?: number; actual?: number } = {},
  ) {
    super(message, {
      extensions: {
        code,
        limit,
        ...figures,
        http: { status: 400 },
      },
    });
  }
}

/** The JSON body of a GraphQL-shaped error answer outside Apollo (413, 429). */
export function errorBody(message: string, extensions: Record<string, unknown>) {
  return { errors: [{ message, extensions }] };
}
