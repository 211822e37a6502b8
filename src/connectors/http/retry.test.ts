import { parseRetryAfter, shouldRetryResponse } from './retry';

const SETTINGS = { maxAttempts: 5, initialDelayMs: 1_000, maxDelayMs: 30_000 };

function response(status: number, retryAfter?: string) {
  const headers = new Headers(retryAfter === undefined ? {} : { 'retry-after': retryAfter });
  return { status, headers, text: '' };
}

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
  });

  it('reads an HTTP-date as the time left until it', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Wed, 01 May 2024 09:59:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('shouldRetryResponse', () => {
  it('retries 5xx and 429 only', () => {
    expect(shouldRetryResponse(response(500), SETTINGS)).toBe(true);
    expect(shouldRetryResponse(response(429), SETTINGS)).toBe(true);
    expect(shouldRetryResponse(response(404), SETTINGS)).toBe(false);
    expect(shouldRetryResponse(response(200), SETTINGS)).toBe(false);
  });

  it('does not wait out a Retry-After beyond maxDelayMs', () => {
    expect(shouldRetryResponse(response(503, '30'), SETTINGS)).toBe(true);
    expect(shouldRetryResponse(response(503, '31'), SETTINGS)).toBe(false);
  });
});
