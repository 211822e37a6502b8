import { Model } from 'objection';
import type { Role } from '../security/tokens';

export type AuditOutcome = 'OK' | 'USER_ERROR' | 'ERROR';

/** One mutation as it was asked for (audit_log). */
export class AuditEntryModel extends Model {
  static override tableName = 'audit_log';
  static override jsonAttributes = ['input'];

  id!: number;
  at!: Date;
  /** The token's name as `Caller.name` gives it: "admin" or "token:<name>". */
  actor!: string;
  role!: Role;
  tokenId!: number | null;
  action!: string;
  /** The global id of what it acted on, when it names or made one. */
  targetId!: string | null;
  /** The arguments with every secret removed (see audit/redact.ts). */
  input!: Record<string, unknown> | null;
  outcome!: AuditOutcome;
  requestId!: string | null;
}
