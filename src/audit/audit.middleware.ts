import type { GraphQLResolveInfo } from 'graphql';
import type { Knex } from 'knex';
import { Model } from 'objection';
import type { MiddlewareFn } from 'type-graphql';
import type { AuditOutcome } from '../models/audit-entry.model';
import type { Context } from '../schema/context.type';
import { toGlobalId, type NodeType } from '../schema/global-id';
import { withoutSecrets } from './redact';
import { runInAuditScope, type AuditScope } from './scope';

/** Tables whose rows are Nodes, by the GraphQL type that shows them. */
const NODE_TABLES: Record<string, NodeType> = {
  connectors: 'Connector',
  runs: 'Run',
  api_tokens: 'ApiToken',
  credentials: 'Credential',
  issuers: 'Issuer',
  learners: 'Learner',
};

function isMutationField(info: GraphQLResolveInfo): boolean {
  return info.parentType.name === 'Mutation' && info.path.prev === undefined;
}

/** The id the caller named: `id`, or `input.id`, or `input.connectorId`. */
function namedTarget(args: Record<string, unknown>): string | null {
  const input = args.input as Record<string, unknown> | undefined;
  for (const candidate of [args.id, input?.id, input?.connectorId]) {
    if (typeof candidate === 'string') return candidate;
  }
  return null;
}

/** A Node row's global id, when `value` is one (what a create made). */
function nodeId(value: unknown): string | null {
  if (!(value instanceof Model)) return null;
  const type = NODE_TABLES[(value.constructor as typeof Model).tableName];
  const id = (value as { id?: unknown }).id;
  return type && typeof id === 'number' ? toGlobalId(type, id) : null;
}

/** The first Node in a mutation's payload (`{ connector }`, `{ run }`, ...). */
function payloadTarget(payload: unknown): string | null {
  if (!payload || typeof payload !== 'object') return null;
  for (const value of Object.values(payload)) {
    const id = nodeId(value);
    if (id) return id;
  }
  return null;
}

function hasUserErrors(payload: unknown): boolean {
  const errors = (payload as { userErrors?: unknown[] } | null)?.userErrors;
  return Array.isArray(errors) && errors.length > 0;
}

function recordFor(context: Context, info: GraphQLResolveInfo, args: Record<string, unknown>) {
  return {
    actor: context.caller.name,
    role: context.caller.role,
    tokenId: context.caller.tokenId,
    action: info.fieldName,
    input: Object.keys(args).length ? (withoutSecrets(args) as Record<string, unknown>) : null,
    requestId: context.requestId ?? null,
  };
}

/**
 * Every mutation leaves one audit row: written inside the first transaction
 * it commits (so the row and the change commit together), or alone after it
 * when it changed nothing (a userError, a fault, a change outside the
 * database such as starting the scheduler). Must be the first global middleware.
 */
export const AuditMutations: MiddlewareFn<Context> = async ({ args, info, context }, next) => {
  if (!isMutationField(info)) return next();
  const base = recordFor(context, info, args);
  const named = namedTarget(args);
  let rowId: number | null = null;
  let writtenTarget: string | null = null;
  let ended = false;
  const scope: AuditScope = {
    get settled() {
      return ended || rowId !== null;
    },
    async write(trx: Knex.Transaction, result: unknown) {
      writtenTarget = named ?? nodeId(result);
      rowId = await context.services.audit.write(
        { ...base, targetId: writtenTarget, outcome: 'OK' },
        trx,
      );
    },
  };
  let outcome: AuditOutcome = 'OK';
  let result: unknown;
  try {
    result = await runInAuditScope(scope, () => next());
    if (hasUserErrors(result)) outcome = 'USER_ERROR';
    return result;
  } catch (error) {
    outcome = 'ERROR';
    throw error;
  } finally {
    ended = true;
    const target = named ?? writtenTarget ?? payloadTarget(result);
    try {
      if (rowId === null) {
        await context.services.audit.write({ ...base, targetId: target, outcome });
      } else if (outcome !== 'OK' || target !== writtenTarget) {
        await context.services.audit.complete(rowId, { outcome, targetId: target });
      }
    } catch (auditError) {
      context.logger.error({ err: auditError, action: base.action }, 'audit row not written');
    }
  }
};

/**
 * A mutation refused for the caller's role never reaches the middleware
 * (type-graphql checks roles first): the auth checker records it here.
 */
export async function auditRefusal(
  context: Context,
  info: GraphQLResolveInfo,
  args: Record<string, unknown>,
): Promise<void> {
  if (!isMutationField(info)) return;
  try {
    await context.services.audit.write({
      ...recordFor(context, info, args),
      targetId: namedTarget(args),
      outcome: 'ERROR',
    });
  } catch (auditError) {
    context.logger.error({ err: auditError, action: info.fieldName }, 'audit row not written');
  }
}
