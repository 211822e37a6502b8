import type { AuthChecker } from 'type-graphql';
import type { Context } from '../schema/context.type';
import { ForbiddenError } from '../schema/errors';
import { roleAtLeast, type Role } from '../security/tokens';

/**
 * `@Authorized('OPERATOR')` means "OPERATOR or above". Every request is
 * already authenticated at the HTTP/WebSocket layer; this only checks rank.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  const required = roles[0] ?? 'VIEWER';
  if (!roleAtLeast(context.caller.role, required)) {
    throw new ForbiddenError(
      `this needs the ${required} role; your token is ${context.caller.role}`,
    );
  }
  return true;
};
