/**
 * Domain errors: what services raise for an expected failure. They know
 * nothing of GraphQL; resolvers map them (a mutation's `payload` below turns
 * them into its `userErrors`; on a query the server's error formatter makes
 * them a BAD_USER_INPUT or a coded GraphQL error).
 */
import type { z } from 'zod';

/** The one list of error codes (the GraphQL enum UserErrorCode is tested against it). */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STATE',
  'FORBIDDEN',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface UserErrorShape {
  field?: string[];
  message: string;
  code: ErrorCode;
}

/**
 * An expected failure: bad input, not found, wrong state. Services throw it
 * (inside a transaction, that rolls everything back: nothing is written) and
 * resolvers turn it into the payload's `userErrors`.
 */
export class DomainError extends Error {
  constructor(readonly userErrors: UserErrorShape[]) {
    super(userErrors.map((e) => e.message).join('; '));
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

export function fail(code: ErrorCode, message: string, field?: string[]): never {
  throw new DomainError([{ code, message, field }]);
}

export const invalid = (message: string, field?: string[]): never =>
  fail('INVALID_INPUT', message, field);
export const notFound = (message: string, field?: string[]): never =>
  fail('NOT_FOUND', message, field);
export const invalidState = (message: string, field?: string[]): never =>
  fail('INVALID_STATE', message, field);

/** zod issues as INVALID_INPUT userErrors under `base` (e.g. ['input', 'config']). */
export function fromZod(error: z.ZodError, base: string[]): UserErrorShape[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = [...base, ...issue.path.map(String)];
    // One error per unknown key, each pointing at the key itself.
    return keys.length === 1
      ? {
          code: 'INVALID_INPUT' as const,
          field: [...path, keys[0]],
          message: `unknown key "${keys[0]}"`,
        }
      : { code: 'INVALID_INPUT' as const, field: path, message: issue.message };
  });
}

/** Runs a mutation body; an expected failure becomes `{ userErrors }`. */
export async function payload<T extends object>(
  body: () => Promise<T>,
): Promise<T & { userErrors: UserErrorShape[] }> {
  try {
    return { ...(await body()), userErrors: [] };
  } catch (error) {
    if (isDomainError(error))
      return { userErrors: error.userErrors } as T & { userErrors: UserErrorShape[] };
    throw error;
  }
}
