import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { dashboardHeaders, inlineScriptHashes } from './security-headers';

/** Paths the API owns (and all below them): the dashboard's SPA fallback never answers them. */
const API_PATHS = ['/graphql', '/graphiql', '/healthz', '/readyz', '/webhooks', '/verify'];

function ownedByApi(p: string): boolean {
  // `/credentials` itself is the dashboard's list; `/credentials/<x>` is the server's.
  return p.startsWith('/credentials/') || API_PATHS.some((a) => p === a || p.startsWith(`${a}/`));
}

/** client/dist, from src/server (ts-node, jest) or dist/src/server (the build). */
export function findClientDist(): string | null {
  for (const up of ['../../client/dist', '../../../client/dist']) {
    const dir = path.resolve(__dirname, up);
    if (existsSync(path.join(dir, 'index.html'))) return dir;
  }
  return null;
}

/**
 * The admin dashboard (client/, built by `npm run build:client`) at `/`:
 * its static files, and index.html for any other GET that asks for HTML so
 * client-side routes survive a reload. Nothing when the client is not built.
 */
export function dashboardRoutes(dir = findClientDist()): Router {
  const router = express.Router();
  if (!dir) return router;
  const index = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const pageHeaders = dashboardHeaders(inlineScriptHashes(index));
  router.use((req, res, next) => (ownedByApi(req.path) ? next() : pageHeaders(req, res, next)));
  router.use(express.static(dir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheIndex }));
  router.get(/.*/, (req, res, next) => {
    if (ownedByApi(req.path) || !req.accepts('html')) return next();
    res.set('Cache-Control', 'no-cache').sendFile(path.join(dir, 'index.html'));
  });
  return router;
}

function noCacheIndex(res: express.Response, file: string): void {
  if (file.endsWith('index.html')) res.setHeader('Cache-Control', 'no-cache');
}
