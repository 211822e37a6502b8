import type { Knex } from 'knex';
import { hookTransactions } from '../../audit/scope';
import { AuditEntryModel, type AuditOutcome } from '../../models/audit-entry.model';
import type { Role } from '../../security/tokens';
import { keysetPage, pageRequest } from '../pagination';

export interface AuditRecord {
  actor: string;
  role: Role;
  tokenId: number | null;
  action: string;
  targetId: string | null;
  input: Record<string, unknown> | null;
  outcome: AuditOutcome;
  requestId: string | null;
}

export interface AuditFilter {
  action?: string | null;
  actor?: string | null;
}

/** The audit log: written by the audit middleware, read by `auditLog`. Never changed by the API. */
export class AuditService {
  constructor(private readonly db: Knex) {
    // Mutations' own transactions carry their audit row (src/audit/scope.ts).
    hookTransactions(db);
  }

  /** Inserts one row, in a mutation's transaction when given (alone otherwise). */
  async write(record: AuditRecord, trx?: Knex.Transaction): Promise<number> {
    const [row] = (await (trx ?? this.db)('auditLog').insert(record).returning('id')) as {
      id: number;
    }[];
    return row.id;
  }

  /**
   * Completes a row written with its change when the mutation then failed
   * or named its target only afterwards (the one change the hub makes).
   */
  async complete(
    id: number,
    patch: { outcome?: AuditOutcome; targetId?: string | null },
  ): Promise<void> {
    await this.db('auditLog').where({ id }).update(patch);
  }

  async list(
    first: number | null | undefined,
    after: string | null | undefined,
    filter: AuditFilter,
  ) {
    const page = pageRequest(first, after, 50);
    return keysetPage(() => {
      const query = AuditEntryModel.query(this.db);
      if (filter.action) query.where('action', filter.action);
      if (filter.actor) query.where('actor', filter.actor);
      return query;
    }, page);
  }

  async get(id: number): Promise<AuditEntryModel | undefined> {
    return AuditEntryModel.query(this.db).findById(id);
  }
}
