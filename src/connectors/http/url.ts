import type { QueryParams } from './types';

/**
 * A configured path (listPath, tokenPath, ...) below baseUrl, with the query.
 * Resolved with new URL(), never joined as strings: a path can only go below
 * baseUrl's own path on baseUrl's own origin (`/x` under `https://h/api`
 * is `https://h/api/x`), whatever characters it holds.
 */
export function joinUrl(baseUrl: string, path: string, query: QueryParams = {}): URL {
  const url = new URL(`./${path.replace(/^\/+/, '')}`, directoryOf(baseUrl));
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

/**
 * A reference a source's data holds (a certificate's pdf_url), resolved the
 * way a browser resolves a link on baseUrl: an absolute URL stays itself, a
 * relative one is taken against baseUrl. Only http(s) URLs are returned.
 */
export function resolveReference(baseUrl: string, reference: string): URL | null {
  let url: URL;
  try {
    url = new URL(reference, directoryOf(baseUrl));
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url;
}

/** baseUrl with a trailing slash, so that relative paths resolve below its path. */
function directoryOf(baseUrl: string): URL {
  const base = new URL(baseUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return base;
}
