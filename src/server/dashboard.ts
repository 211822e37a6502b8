import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
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
  // Gzip or brotli, as the browser asks (compression skips what does not shrink).
  router.use(compression());
  router.use(express.static(dir, { index: 'index.html', setHeaders: cacheHeaders }));
  router.get(/.*/, (req, res, next) => {
    if (ownedByApi(req.path) || !req.accepts('html')) return next();
    res.set('Cache-Control', 'no-cache').sendFile(path.join(dir, 'index.html'));
  });
  return router;
}

/**
 * Vite names every built asset by its content hash (assets/index-<hash>.js):
 * a changed file gets a new name, so those are cached for a year and never
 * revalidated. index.html names the current ones: always revalidated.
 */
function cacheHeaders(res: express.Response, file: string): void {
  const hashed = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(file);
  res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
}
