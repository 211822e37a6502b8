import type { AuthChecker } from 'type-graphql';
import { auditRefusal } from '../audit/audit.middleware';
import type { Context } from '../schema/context.type';
import { ForbiddenError } from '../schema/errors';
import { roleAtLeast, type Role } from '../security/tokens';

/**
 * `@Authorized('OPERATOR')` means "OPERATOR or above". Every request is
 * already authenticated at the HTTP/WebSocket layer; this only checks rank.
 */
export const authChecker: AuthChecker<Context, Role> = async ({ context, info, args }, roles) => {
  const required = roles[0] ?? 'VIEWER';
  if (!roleAtLeast(context.caller.role, required)) {
    // A refused mutation is on the audit log too (roles are checked before any middleware).
    await auditRefusal(context, info, args);
    throw new ForbiddenError(
      `this needs the ${required} role; your token is ${context.caller.role}`,
    );
  }
  return true;
};
