import { Router } from 'express';
import type { Db } from '../db/knex';
import { migrationsApplied } from '../db/migrate';

/**
 * /healthz: the process is up. /readyz: it can serve, i.e. the database
 * answers and every migration is applied.
 */
export function healthRoutes(db: Db): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await db.raw('select 1');
      if (!(await migrationsApplied(db))) {
        res.status(503).json({ status: 'unavailable', reason: 'migrations pending' });
        return;
      }
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
  return router;
}
