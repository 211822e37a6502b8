/**
 * Sends one request: a timeout per attempt, retries for transient failures,
 * and the caller's signal honoured throughout. Whatever status comes back
 * last is returned; deciding what it means is the client's job.
 */
import type { Logger } from '../../logger';
import { ConnectorError, scrubSecrets } from '../errors';
import type { ConnectorContext } from '../types';
import { createRetryPolicy, TransientError } from './retry';
import type { HttpConnectorConfig, RetrySettings } from './settings';
import type { OutgoingRequest, RawResponse } from './types';

export interface TransportOptions {
  timeoutMs: number;
  retry: RetrySettings;
  /** Aborted when the run is cancelled; a request in flight or waiting to retry stops at once. */
  signal: AbortSignal;
  logger: Logger;
  /** Removes secrets from text that may have seen them. */
  scrub(text: string): string;
}

export class Transport {
  constructor(readonly options: TransportOptions) {}

  async send(request: OutgoingRequest): Promise<RawResponse> {
    const { signal, logger } = this.options;
    const policy = createRetryPolicy(this.options.retry);
    policy.onRetry((event) => {
      const failure =
        'error' in event ? { error: event.error.message } : { status: statusOf(event.value) };
      logger.warn(
        {
          method: request.method,
          path: request.path,
          attempt: event.attempt,
          delayMs: event.delay,
          ...failure,
        },
        'retrying request',
      );
    });
    // cockatiel's wait between attempts ignores the signal; racing it keeps a cancel prompt.
    return untilAborted(
      policy.execute(() => this.attempt(request), signal),
      signal,
    );
  }

  private async attempt(request: OutgoingRequest): Promise<RawResponse> {
    const { signal, timeoutMs } = this.options;
    signal.throwIfAborted();
    const timeout = AbortSignal.timeout(timeoutMs);
    const where = `${request.method} ${request.path}`;
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        // A redirect could carry an API key header to another origin; redirects are reported instead.
        redirect: 'manual',
        signal: AbortSignal.any([signal, timeout]),
      });
      // Read inside the try: the timeout covers a body that trickles in too.
      if (request.binary) {
        const bytes = new Uint8Array(await response.arrayBuffer());
        const ok = response.status >= 200 && response.status < 300;
        const text = ok ? '' : Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
        return { status: response.status, headers: response.headers, text, bytes };
      }
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (timeout.aborted) {
        throw new TransientError('TIMEOUT', `${where} timed out after ${timeoutMs} ms`);
      }
      throw this.networkError(where, error);
    }
  }

  /**
   * undici reports connection failures as "fetch failed" with the system
   * error as cause; anything else (a header value fetch refuses, say) would
   * fail the same way again, so it is not retried.
   */
  private networkError(where: string, error: unknown): ConnectorError {
    // Duck-typed: errors from Node internals may come from another realm (jest's sandbox).
    const failure = error as { message?: unknown; cause?: { message?: unknown; code?: unknown } };
    const cause = failure?.cause;
    if (cause !== undefined && cause !== null) {
      const reason = typeof cause.code === 'string' ? cause.code : String(cause.message);
      return new TransientError('NETWORK', `${where} failed: ${this.options.scrub(reason)}`);
    }
    const message = typeof failure?.message === 'string' ? failure.message : String(error);
    return new ConnectorError('NETWORK', `${where} failed: ${this.options.scrub(message)}`);
  }
}

/**
 * A transport with the connector's timeout, retry settings, signal and
 * logger, scrubbing its secrets and whatever else `extraSecrets` names.
 */
export function transportFor(
  ctx: ConnectorContext<HttpConnectorConfig>,
  extraSecrets: () => string[] = () => [],
): Transport {
  return new Transport({
    timeoutMs: ctx.config.timeoutMs,
    retry: ctx.config.retry,
    signal: ctx.signal,
    logger: ctx.logger,
    scrub: (text) => scrubSecrets(text, [...Object.values(ctx.secrets), ...extraSecrets()]),
  });
}

function statusOf(value: unknown): number {
  return (value as RawResponse).status;
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
