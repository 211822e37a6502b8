/**
 * Config fragments every HTTP kind shares: where the API is, how long one
 * request may take, and how transient failures are retried.
 */
import { z } from 'zod';

/** An absolute http(s) URL with no credentials, query or fragment: paths and queries are appended. */
export const httpBaseUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .refine((value) => {
    // zod runs this check even when the URL check above failed.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return !url.username && !url.password && !url.search && !url.hash;
  }, 'must not carry credentials, a query or a fragment');

/** A path below baseUrl, such as /credentials. */
export const apiPath = z
  .string()
  .regex(/^\/[^\s?#]*$/, 'must start with / and hold no spaces, ? or #');

/** An HTTP header name (RFC 9110 token). */
export const headerName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be a valid HTTP header name');

/** A dotted path into a source record, such as user.email. */
export const fieldPath = z.string().min(1).max(200);

export const retrySettings = z
  .object({
    /** Attempts per request, the first one included. */
    maxAttempts: z.number().int().min(1).max(10).default(5),
    initialDelayMs: z.number().int().min(1).max(60_000).default(1_000),
    maxDelayMs: z.number().int().min(1).max(300_000).default(30_000),
  })
  .strict()
  .refine((retry) => retry.maxDelayMs >= retry.initialDelayMs, {
    message: 'must not be below initialDelayMs',
    path: ['maxDelayMs'],
  });
export type RetrySettings = z.infer<typeof retrySettings>;

/** Spread into each HTTP kind's config object. */
export const httpSettings = {
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  retry: retrySettings.prefault({}),
};

export interface HttpConnectorConfig {
  baseUrl: string;
  timeoutMs: number;
  retry: RetrySettings;
}
