/**
 * GET /reconciliations/<id>/exceptions.csv, behind the same bearer token as
 * the API: every exception of one result, in the order found, as RFC 4180
 * CSV (CRLF line ends, quoted where needed, a header row). Read in keyset
 * batches and written with back-pressure, so memory stays flat however many
 * exceptions there are. Amounts are the exact decimal text; the records'
 * ids are the API's global ids, ';'-separated. 401 without a valid token,
 * 404 for an unknown result.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import express, { type Router } from 'express';
import { idOf, toGlobalId } from '../schema/global-id';
import type { Services } from '../services';
import { callerOr401 } from './authenticate';

export const EXCEPTION_CSV_COLUMNS = [
  'exceptionId',
  'status',
  'pgTransactionId',
  'bankReference',
  'pgAmount',
  'bankAmount',
  'difference',
  'detail',
  'transactionIds',
  'settlementIds',
  'resolved',
  'resolvedBy',
  'resolvedAt',
  'resolutionNote',
] as const;

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
 * prefixed with a quote. Only for free text: amounts stay exact numbers
 * ("-0.51" is an amount, not a formula).
 */
function text(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function reconciliationRoutes(services: Services): Router {
  const router = express.Router();
  router.get('/reconciliations/:id/exceptions.csv', async (req, res, next) => {
    try {
      if (!(await callerOr401(services.apiTokens, req, res))) return;
      const id = idOf('ReconciliationSummary', String(req.params.id));
      const reconciliation = id === null ? undefined : await services.reconciliations.get(id);
      if (!reconciliation) {
        res.status(404).json({ error: 'no reconciliation with this id' });
        return;
      }
      res.status(200).set({
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="reconciliation-${reconciliation.cycleDate}-${reconciliation.id}-exceptions.csv"`,
        'cache-control': 'no-store',
      });
      const rows = services.reconciliations.allExceptions(reconciliation.id);
      await pipeline(
        Readable.from(
          (async function* () {
            for await (const e of rows) {
              yield [
                toGlobalId('ReconException', e.id),
                e.status,
                text(e.pgTransactionId),
                text(e.bankReference),
                e.pgAmount ?? '',
                e.bankAmount ?? '',
                e.difference ?? '',
                text(e.detail),
                e.transactionIds.map((t) => toGlobalId('PaymentTransaction', Number(t))).join(';'),
                e.settlementIds.map((s) => toGlobalId('Settlement', Number(s))).join(';'),
                e.resolvedAt ? 'true' : 'false',
                text(e.resolvedBy),
                e.resolvedAt ? e.resolvedAt.toISOString() : '',
                text(e.resolutionNote),
              ];
            }
          })(),
        ),
        stringify({
          header: true,
          columns: [...EXCEPTION_CSV_COLUMNS],
          record_delimiter: 'windows',
        }),
        res,
      );
    } catch (error) {
      if (res.headersSent) res.destroy(error as Error);
      else next(error);
    }
  });
  return router;
}
