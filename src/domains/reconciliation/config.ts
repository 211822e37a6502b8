/**
 * A bank connector's `reconcile` setting: after each successful run, queue a
 * reconciliation of every cycle date it synced against the gateway connector
 * `with`, once that connector has synced the date too (otherwise when it
 * does). BANK_SFTP, BANK_API and PG_DATABASE (entity settlement) accept it.
 */
import { z } from 'zod';
import { parseDecimal } from '../payments/decimal';
import { MAX_DATE_WINDOW_DAYS } from './rules';

/** The row id of a connector's global id (base64url of "Connector:<id>"), or null. */
export function connectorRowId(globalId: string): number | null {
  const match = /^Connector:([1-9][0-9]{0,15})$/.exec(
    Buffer.from(globalId, 'base64url').toString('utf8'),
  );
  return match ? Number(match[1]) : null;
}

export const reconcileConfig = z
  .object({
    /** The gateway (PG_API / PG_DATABASE transaction) connector's id, as the API gives it. */
    with: z
      .string()
      .max(100)
      .refine((id) => connectorRowId(id) !== null, 'must be a connector id'),
    amountTolerance: z
      .union([z.string(), z.number()])
      .default('0')
      .transform((value, ctx) => {
        const parsed = parseDecimal(value);
        if (!parsed.ok || parsed.value.startsWith('-')) {
          ctx.addIssue({
            code: 'custom',
            message: parsed.ok ? 'must not be negative' : parsed.message,
          });
          return z.NEVER;
        }
        return parsed.value;
      }),
    amountTolerancePercent: z.number().min(0).max(100).default(0),
    dateWindowDays: z.number().int().min(0).max(MAX_DATE_WINDOW_DAYS).default(1),
  })
  .strict();

export type ReconcileConfig = z.infer<typeof reconcileConfig>;
