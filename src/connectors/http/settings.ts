/**
 * Config fragments every HTTP kind shares: where the API is, how long one
 * request may take, and how transient failures are retried.
 */
import { z } from 'zod';
import { isLoopbackHost } from '../../security/outbound';

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

/** The largest response body read, JSON or file, unless a connector's config says otherwise: 25 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 25 * 1024 * 1024;

/** Spread into each HTTP kind's config object. */
export const httpSettings = {
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  retry: retrySettings.prefault({}),
  /** Bodies are streamed and cut off past this many bytes. */
  maxResponseBytes: z
    .number()
    .int()
    .min(1_024)
    .max(1024 * 1024 * 1024)
    .default(DEFAULT_MAX_RESPONSE_BYTES),
  /** Plain http:// to a host other than loopback; credentials then cross the network in clear. */
  allowInsecure: z.boolean().default(false),
};

/**
 * Refuses a plain http:// baseUrl unless it is loopback or allowInsecure is
 * set; add to each HTTP kind's config object with `.superRefine`.
 */
export function requireTls(
  config: { baseUrl?: unknown; allowInsecure?: unknown },
  ctx: z.RefinementCtx,
) {
  if (typeof config.baseUrl !== 'string' || !URL.canParse(config.baseUrl)) return;
  const url = new URL(config.baseUrl);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && config.allowInsecure !== true) {
    ctx.addIssue({
      code: 'custom',
      path: ['baseUrl'],
      message:
        'must be https:// (plain http:// sends credentials in clear); set allowInsecure: true to accept it',
    });
  }
}

export interface HttpConnectorConfig {
  baseUrl: string;
  timeoutMs: number;
  retry: RetrySettings;
  /** Absent in configs stored before it existed: DEFAULT_MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number;
  allowInsecure?: boolean;
  /**
   * A file a record points to on another origin than baseUrl's: fetched
   * without the connector's credentials [ANONYMOUS], or not at all (REFUSE).
   */
  otherOriginFiles?: 'ANONYMOUS' | 'REFUSE';
}
