export type Role = 'ADMIN' | 'OPERATOR' | 'VIEWER';

const RANK: Record<Role, number> = { VIEWER: 0, OPERATOR: 1, ADMIN: 2 };

/** What each action needs, as the server enforces it (README "Access"). */
export const NEEDS = {
  operate: 'OPERATOR', // test, run, backfill, pause, resume, cancel, retry
  configure: 'ADMIN', // create, edit, delete connectors; scheduler start/stop
} as const satisfies Record<string, Role>;

export function can(role: Role, action: keyof typeof NEEDS): boolean {
  return RANK[role] >= RANK[NEEDS[action]];
}
