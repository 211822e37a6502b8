/** PG_DATABASE settings, as contract/providers.md lists them, plus the timeouts. */
import { z } from 'zod';
import { reconcileConfig } from '../../domains/reconciliation/config';
import { isLoopbackHost } from '../../security/outbound';
import { settlementFieldMap } from '../bank-api/config';
import { pgApiFieldMap } from '../pg-api/config';

/** A SQL identifier as a result column name: what cursorColumn names. */
const columnName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'must be a column name');

/** Named parameters the query must use, replaced by positional ones when it runs. */
export const QUERY_PARAMETERS = ['since', 'limit'] as const;

/** `:name` not preceded by another `:` (so `::date` casts are left alone). */
export const NAMED_PARAMETER = /(?<!:):(since|limit)\b/g;

const query = z
  .string()
  .trim()
  .min(1)
  .max(20_000)
  .refine((sql) => !/;\s*\S/.test(sql), 'must be a single statement')
  .superRefine((sql, ctx) => {
    const used = new Set([...sql.matchAll(NAMED_PARAMETER)].map((match) => match[1]));
    for (const name of QUERY_PARAMETERS) {
      if (!used.has(name)) ctx.addIssue({ code: 'custom', message: `must use :${name}` });
    }
  });

const common = {
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65_535).default(5432),
  database: z.string().trim().min(1).max(63),
  /**
   * TLS to the database, its certificate verified. Default: on, except for a
   * loopback host; off elsewhere only with allowInsecure.
   */
  ssl: z.boolean().optional(),
  /** Plain TCP to a host other than loopback: the password and every row cross the network in clear. */
  allowInsecure: z.boolean().default(false),
  query,
  cursorColumn: columnName,
  /** The column that identifies a row (settlements): an update of it updates the settlement. */
  idColumn: columnName.default('id'),
  /** Rows per page: the value bound to :limit. */
  pageSize: z.number().int().min(1).max(10_000).default(1_000),
  statementTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  connectTimeoutMs: z.number().int().min(100).max(600_000).default(10_000),
};

export const pgDatabaseConfig = z
  .discriminatedUnion('entity', [
    z
      .object({ ...common, entity: z.literal('transaction'), fieldMap: pgApiFieldMap.prefault({}) })
      .strict(),
    z
      .object({
        ...common,
        entity: z.literal('settlement'),
        fieldMap: settlementFieldMap.prefault({}),
        /** Reconcile each cycle date a run syncs against a gateway connector (issue #13). */
        reconcile: reconcileConfig.optional(),
      })
      .strict(),
  ])
  .transform((config) => ({ ...config, ssl: config.ssl ?? !isLoopbackHost(config.host) }))
  .superRefine((config, ctx) => {
    if (!config.ssl && !config.allowInsecure && !isLoopbackHost(config.host)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ssl'],
        message:
          'must be true off loopback (without TLS the password and rows travel in clear); set allowInsecure: true to accept it',
      });
    }
  });

export type PgDatabaseConfig = z.infer<typeof pgDatabaseConfig>;
