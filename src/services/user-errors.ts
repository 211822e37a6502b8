import type { z } from 'zod';
import { UserErrorCode } from '../schema/user-error.type';

export interface UserErrorShape {
  field?: string[];
  message: string;
  code: UserErrorCode;
}

/**
 * An expected failure: bad input, not found, wrong state. Services throw it
 * (inside a transaction, that rolls everything back: nothing is written) and
 * resolvers turn it into the payload's `userErrors`.
 */
export class UserInputError extends Error {
  constructor(readonly userErrors: UserErrorShape[]) {
    super(userErrors.map((e) => e.message).join('; '));
    this.name = 'UserInputError';
  }
}

export function isUserInputError(error: unknown): error is UserInputError {
  return error instanceof UserInputError;
}

export function fail(code: UserErrorCode, message: string, field?: string[]): never {
  throw new UserInputError([{ code, message, field }]);
}

export const invalid = (message: string, field?: string[]): never =>
  fail(UserErrorCode.INVALID_INPUT, message, field);
export const notFound = (message: string, field?: string[]): never =>
  fail(UserErrorCode.NOT_FOUND, message, field);
export const invalidState = (message: string, field?: string[]): never =>
  fail(UserErrorCode.INVALID_STATE, message, field);

/** zod issues as INVALID_INPUT userErrors under `base` (e.g. ['input', 'config']). */
export function fromZod(error: z.ZodError, base: string[]): UserErrorShape[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = [...base, ...issue.path.map(String)];
    // One error per unknown key, each pointing at the key itself.
    return keys.length === 1
      ? {
          code: UserErrorCode.INVALID_INPUT,
          field: [...path, keys[0]],
          message: `unknown key "${keys[0]}"`,
        }
      : { code: UserErrorCode.INVALID_INPUT, field: path, message: issue.message };
  });
}

/** Runs a mutation body; an expected failure becomes `{ userErrors }`. */
export async function payload<T extends object>(
  body: () => Promise<T>,
): Promise<T & { userErrors: UserErrorShape[] }> {
  try {
    return { ...(await body()), userErrors: [] };
  } catch (error) {
    if (isUserInputError(error))
      return { userErrors: error.userErrors } as T & { userErrors: UserErrorShape[] };
    throw error;
  }
}
