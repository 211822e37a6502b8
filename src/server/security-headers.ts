/**
 * Security headers (helmet) for every response, with a Content-Security-
 * Policy per kind of page:
 *
 * - API and JSON routes: `default-src 'none'`: nothing in them may load or run.
 * - the dashboard (client/dist): its own scripts, styles, images and
 *   fetch/WebSocket to its own origin; no inline script (the built
 *   index.html has none; `inlineScriptHashes` allows exactly those it has,
 *   should a build add one).
 * - GraphiQL: the one inline script the page is made of, by its sha256
 *   hash; the web workers it starts from blob: URLs; inline styles.
 * - certificate PDFs: `sandbox`, so a provider's file served from this
 *   origin runs nothing with the dashboard's rights (plus
 *   Content-Disposition: attachment, set by the route).
 *
 * Everywhere: frame-ancestors 'none' and X-Frame-Options DENY, nosniff,
 * Referrer-Policy no-referrer, no X-Powered-By.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

const COMMON: Directives = {
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};

function headers(directives: Directives): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...COMMON, ...directives } },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    // HSTS belongs to whoever terminates TLS in front of the hub, not to a hub that may serve http on loopback.
    strictTransportSecurity: false,
  });
}

/** For every route that serves data, not pages: nothing may load or run. */
export function apiHeaders(): RequestHandler {
  return headers({ 'default-src': ["'none'"] });
}

/** The dashboard's pages and assets. */
export function dashboardHeaders(inlineScriptHashes: string[] = []): RequestHandler {
  return headers({
    'default-src': ["'self'"],
    'script-src': ["'self'", ...inlineScriptHashes.map((hash) => `'${hash}'`)],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    // 'self' covers the same-origin WebSocket (ws:/wss:) for subscriptions.
    'connect-src': ["'self'"],
  });
}

/** GraphiQL: its inline script by hash, blob: workers, inline styles, its own origin. */
export function graphiqlHeaders(page: string): RequestHandler {
  return headers({
    'default-src': ["'self'"],
    'script-src': ["'self'", ...inlineScriptHashes(page).map((hash) => `'${hash}'`)],
    'worker-src': ["'self'", 'blob:'],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
  });
}

/** Certificate PDFs from providers: downloaded, never trusted. */
export function pdfHeaders(): RequestHandler {
  const common = helmet({
    contentSecurityPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
  });
  return (req, res, next) =>
    common(req, res, (error?: unknown) => {
      if (error) return next(error);
      // A unique origin with nothing allowed: the file runs no script with this origin's rights.
      res.setHeader('Content-Security-Policy', 'sandbox');
      next();
    });
}

/** `sha256-<base64>` of every inline `<script>` in an HTML page, for script-src. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    hashes.add(`sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}`);
  }
  return [...hashes];
}
