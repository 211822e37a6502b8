import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';

/**
 * One mutation being audited. The middleware opens it around the resolver;
 * the first transaction the mutation commits writes the audit row inside
 * itself (`write`), so the row and the change commit or roll back together.
 */
export interface AuditScope {
  /** Writes the row (outcome OK) in `trx`; `result` is what the transaction returned. */
  write(trx: Knex.Transaction, result: unknown): Promise<void>;
  /** True once the row is written, or the mutation has ended. */
  readonly settled: boolean;
}

const scopes = new AsyncLocalStorage<AuditScope>();

export function runInAuditScope<T>(scope: AuditScope, body: () => T): T {
  return scopes.run(scope, body);
}

const HOOKED = Symbol('tributary.auditHook');

/**
 * Wraps `db.transaction(callback)`: inside an audit scope, the first root
 * transaction writes the scope's row just before it commits. Nested
 * transactions (savepoints, `trx.transaction`) and work outside any
 * mutation are untouched.
 */
export function hookTransactions(db: Knex): void {
  const target = db as Knex & { [HOOKED]?: true };
  if (target[HOOKED]) return;
  const original = db.transaction.bind(db) as (...args: unknown[]) => unknown;
  Object.defineProperty(target, HOOKED, { value: true });
  Object.defineProperty(db, 'transaction', {
    configurable: true,
    value: (container?: unknown, config?: unknown) => {
      const scope = scopes.getStore();
      if (!scope || scope.settled || typeof container !== 'function') {
        return original(container, config);
      }
      const body = container as (trx: Knex.Transaction) => unknown;
      return original(async (trx: Knex.Transaction) => {
        const result = await body(trx);
        if (!scope.settled) await scope.write(trx, result);
        return result;
      }, config);
    },
  });
}
