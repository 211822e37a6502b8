import type { QueryParams } from './types';

/**
 * baseUrl + path (+ query). Concatenated rather than resolved with
 * new URL(path, base), which would drop a base path such as /api.
 */
export function joinUrl(baseUrl: string, path: string, query: QueryParams = {}): URL {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}
