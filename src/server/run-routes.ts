/**
 * Downloads that do not fit GraphQL, behind the same bearer token as the API:
 * GET /runs/<run id>/skipped-records.csv[?reason=R&search=S]
 *   every record the run skipped, oldest first, as CSV (externalId, reason,
 *   message, at, raw), streamed in batches so its size does not matter.
 *   401 without a valid token, 404 for an unknown run.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import express, { type Router } from 'express';
import { SkipReason } from '../schema/enums';
import { idOf } from '../schema/global-id';
import type { Services } from '../services';
import { callerOr401 } from './authenticate';

const REASONS = new Set<string>(Object.values(SkipReason));

export function runRoutes(services: Services): Router {
  const router = express.Router();
  router.get('/runs/:id/skipped-records.csv', async (req, res, next) => {
    try {
      if (!(await callerOr401(services.apiTokens, req, res))) return;
      const runId = idOf('Run', String(req.params.id));
      const run = runId === null ? undefined : await services.runs.get(runId);
      if (!run) {
        res.status(404).json({ error: 'no run with this id' });
        return;
      }
      const reason = typeof req.query.reason === 'string' ? req.query.reason : null;
      if (reason && !REASONS.has(reason)) {
        res.status(400).json({ error: `reason must be one of ${[...REASONS].join(', ')}` });
        return;
      }
      const search = typeof req.query.search === 'string' ? req.query.search : null;
      const rows = services.runs.allSkipped(run.id, { reason, search });
      res.status(200).set({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="run-${run.id}-skipped-records.csv"`,
        'cache-control': 'no-store',
      });
      await pipeline(
        Readable.from(
          (async function* () {
            for await (const row of rows) {
              yield [
                row.externalId ?? '',
                row.reason,
                row.message,
                row.at.toISOString(),
                row.raw === null ? '' : JSON.stringify(row.raw),
              ];
            }
          })(),
        ),
        // A cell a spreadsheet would run as a formula (=, +, -, @...) is quoted as text.
        stringify({
          header: true,
          columns: ['externalId', 'reason', 'message', 'at', 'raw'],
          escape_formulas: true,
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
