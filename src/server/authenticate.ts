import type { Caller, ApiTokenService } from '../services/access/api-token.service';
import type { Request, Response } from 'express';

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

/** callerFor(), with the database snapshot the token was checked in (ApiTokenService.authenticateAt). */
export async function callerAndSnapshotFor(
  tokens: ApiTokenService,
  authorization: unknown,
): Promise<{ caller: Caller; snapshot: string } | null> {
  const token = bearerToken(authorization);
  return token ? tokens.authenticateAt(token) : null;
}

/**
 * For plain HTTP routes (CSV downloads): the caller, or null after answering
 * 401 with a Bearer challenge, so the route returns at once.
 */
export async function callerOr401(
  tokens: ApiTokenService,
  req: Request,
  res: Response,
): Promise<Caller | null> {
  const caller = await callerFor(tokens, req.headers.authorization);
  if (!caller) {
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer')
      .json({ error: 'a valid bearer token is required' });
  }
  return caller;
}
