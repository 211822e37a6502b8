import { createHash, randomBytes } from 'node:crypto';

// The one declaration of the roles: the migrations' CHECKs (api_tokens, audit_log)
// and the GraphQL enum are tested against it (test/enums.test.ts).
export const ROLES = ['ADMIN', 'OPERATOR', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { VIEWER: 1, OPERATOR: 2, ADMIN: 3 };

/** True when `role` may do what `required` may (ADMIN ⊃ OPERATOR ⊃ VIEWER). */
export function roleAtLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/** A new bearer token: 256 random bits, prefixed so it is recognisable in a leak scan. */
export function generateToken(): string {
  return `trb_${randomBytes(32).toString('base64url')}`;
}

/** Only this is stored; the token itself is shown once. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
