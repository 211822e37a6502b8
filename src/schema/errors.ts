import { GraphQLError } from 'graphql';

/** The caller's role does not allow this operation. */
export class ForbiddenError extends GraphQLError {
  constructor(message = 'your role does not allow this operation') {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}

/** A query argument out of range (queries have no userErrors to carry it). */
export class BadInputError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}
