/**
 * The retry policy for one HTTP request: transient failures (network
 * errors, timeouts, 5xx, 429) are retried with exponential backoff and full
 * jitter; a Retry-After header stretches the wait to at least what it asks.
 */
import {
  ExponentialBackoff,
  fullJitterGenerator,
  handleType,
  retry,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  type RetryPolicy,
} from 'cockatiel';
import { ConnectorError } from '../errors';
import type { RetrySettings } from './settings';
import type { RawResponse } from './types';

/** A failure before any response arrived (NETWORK or TIMEOUT): worth another attempt. */
export class TransientError extends ConnectorError {}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Milliseconds a Retry-After value (delay-seconds or HTTP-date) asks for; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * A Retry-After longer than maxDelayMs is not waited out: the request fails
 * at once with the server's answer rather than holding a worker for as long
 * as the server likes.
 */
export function shouldRetryResponse(response: RawResponse, settings: RetrySettings): boolean {
  if (!isRetryableStatus(response.status)) return false;
  const asked = parseRetryAfter(response.headers.get('retry-after'));
  return asked === undefined || asked <= settings.maxDelayMs;
}

export function createRetryPolicy(settings: RetrySettings): RetryPolicy {
  const backoff = new ExponentialBackoff({
    generator: fullJitterGenerator,
    initialDelay: settings.initialDelayMs,
    maxDelay: settings.maxDelayMs,
  });
  return (
    retry(
      // The policy only wraps Transport attempts, whose results are RawResponses.
      handleType(TransientError).orWhenResult((result) =>
        shouldRetryResponse(result as RawResponse, settings),
      ),
      // cockatiel counts retries; settings count attempts, the first included.
      { maxAttempts: settings.maxAttempts - 1, backoff: obeyRetryAfter(backoff) },
    )
      // cockatiel cannot abort its wait between attempts: a cancelled request
      // stops waiting for it (Transport races the signal), and an unreferenced
      // timer keeps that orphaned wait from holding the process open.
      .dangerouslyUnref()
  );
}

type RetryContext = IRetryBackoffContext<unknown>;

/** Wraps a backoff so each delay is at least what the failed response's Retry-After asks. */
function obeyRetryAfter(inner: IBackoffFactory<unknown>): IBackoffFactory<RetryContext> {
  return {
    next(context: RetryContext): IBackoff<RetryContext> {
      const step = inner.next(context);
      const asked =
        'value' in context.result
          ? parseRetryAfter((context.result.value as RawResponse).headers.get('retry-after'))
          : undefined;
      return { duration: Math.max(step.duration, asked ?? 0), next: obeyRetryAfter(step).next };
    },
  };
}
