/**
 * What an error response says about itself, fit for a run log a VIEWER
 * reads: a short, scrubbed reason, never the body itself (an answer from
 * the wrong host could hold anything that host serves).
 */

const MAX_LENGTH = 120;

/**
 * The body's own explanation: JSON `message`, `error_description` or `error`
 * (a string, or an object with a `message`); anything else is not shown.
 * Scrubbed before it is cut, so a secret never survives half-truncated.
 */
export function bodyMessage(text: string, scrub: (text: string) => string): string {
  const explained = explanationIn(text);
  if (explained === undefined) return '(no reason given)';
  const oneLine = scrub(explained).replace(/\s+/g, ' ').trim();
  if (oneLine === '') return '(no reason given)';
  return oneLine.length > MAX_LENGTH ? `${oneLine.slice(0, MAX_LENGTH - 1)}…` : oneLine;
}

function explanationIn(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined; // not JSON: no reason to show
  }
  if (!isRecord(body)) return undefined;
  for (const key of ['message', 'error_description', 'error']) {
    const value = body[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (isRecord(value) && typeof value.message === 'string') return value.message;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
