/**
 * Sends one request: a timeout per attempt, retries for transient failures,
 * and the caller's signal honoured throughout. Whatever status comes back
 * last is returned; deciding what it means is the client's job.
 */
import { fetch } from 'undici';
import type { Logger } from '../../logger';
import { assertUrlAllowed, outboundDispatcher, TargetRefusedError } from '../../security/outbound';
import { ConnectorError, scrubSecrets } from '../errors';
import type { ConnectorContext } from '../types';
import { createRetryPolicy, TransientError } from './retry';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  type HttpConnectorConfig,
  type RetrySettings,
} from './settings';
import type { OutgoingRequest, RawResponse } from './types';

export interface TransportOptions {
  timeoutMs: number;
  /** Bodies are streamed and given up past this many bytes. */
  maxResponseBytes: number;
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
    const { signal, timeoutMs, maxResponseBytes } = this.options;
    signal.throwIfAborted();
    const timeout = AbortSignal.timeout(timeoutMs);
    const where = `${request.method} ${request.path}`;
    try {
      // An IP literal skips DNS, so the dispatcher's lookup hook would not see it.
      assertUrlAllowed(request.url);
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        // A redirect could carry an API key header to another origin; redirects are reported instead.
        redirect: 'manual',
        signal: AbortSignal.any([signal, timeout]),
        // Refuses loopback, private and metadata addresses after DNS (security/outbound.ts).
        dispatcher: outboundDispatcher(),
      });
      const headers = response.headers as unknown as Headers;
      const ok = response.status >= 200 && response.status < 300;
      // Read inside the try: the timeout covers a body that trickles in too.
      // An error answer is read only far enough to find its reason.
      const cap = ok ? maxResponseBytes : Math.min(maxResponseBytes, ERROR_BODY_BYTES);
      const bytes = await readCapped(response, cap, ok, where);
      if (request.binary) {
        const text = ok ? '' : Buffer.from(bytes).toString('utf8');
        return { status: response.status, headers, text, bytes };
      }
      return { status: response.status, headers, text: Buffer.from(bytes).toString('utf8') };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (error instanceof ConnectorError) throw error;
      if (timeout.aborted) {
        throw new TransientError('TIMEOUT', `${where} timed out after ${timeoutMs} ms`);
      }
      const refused = refusalIn(error);
      if (refused) throw new ConnectorError('TARGET_REFUSED', `${where} refused: ${refused}`);
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
    maxResponseBytes: ctx.config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    retry: ctx.config.retry,
    signal: ctx.signal,
    logger: ctx.logger,
    scrub: (text) => scrubSecrets(text, [...Object.values(ctx.secrets), ...extraSecrets()]),
  });
}

/** What readCapped needs of a response body (undici's and the global ReadableStream both fit). */
interface ByteStream {
  cancel(): Promise<void>;
  getReader(): {
    read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>;
    cancel(): Promise<void>;
  };
}

/** Of an error answer, only this much is read: enough for its reason, never a whole body. */
const ERROR_BODY_BYTES = 16 * 1024;

/**
 * The body, read as a stream and given up past `cap` bytes (a 2xx answer
 * that large is an error; an error answer is just cut), so neither a huge
 * file nor a huge JSON document is ever held whole.
 */
async function readCapped(
  response: { headers: { get(name: string): string | null }; body: ByteStream | null },
  cap: number,
  failWhenLarger: boolean,
  where: string,
): Promise<Uint8Array> {
  const tooLarge = () =>
    new ConnectorError('INVALID_RESPONSE', `${where}: response larger than ${cap} bytes`);
  const declared = Number(response.headers.get('content-length'));
  if (failWhenLarger && Number.isFinite(declared) && declared > cap) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (length + value.length > cap) {
        if (failWhenLarger) throw tooLarge();
        chunks.push(value.subarray(0, cap - length));
        length = cap;
        break;
      }
      chunks.push(value);
      length += value.length;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks, length);
}

/** The policy's refusal, wherever undici wrapped it. */
function refusalIn(error: unknown): string | undefined {
  for (let e = error as { cause?: unknown; name?: unknown; message?: unknown } | undefined; e;) {
    if (e instanceof TargetRefusedError || e.name === 'TargetRefusedError')
      return String(e.message);
    e = e.cause as typeof e;
  }
  return undefined;
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
