import type { Caller, ApiTokenService } from '../services/access/api-token.service';

/** The token in an `Authorization: Bearer <token>` value, or null. */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** The caller for an Authorization value, or null (→ 401 / close 4401). */
export async function callerFor(
  tokens: ApiTokenService,
  authorization: unknown,
): Promise<Caller | null> {
  const token = bearerToken(authorization);
  return token ? tokens.authenticate(token) : null;
}
