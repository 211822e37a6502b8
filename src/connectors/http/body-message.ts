/** What an error response says about itself, fit for a message: scrubbed and short. */

const MAX_LENGTH = 300;

/**
 * The body's own explanation: JSON `message`, `error_description` or `error`
 * (a string, or an object with a `message`) when present, else the text.
 * Scrubbed before it is cut, so a secret never survives half-truncated.
 */
export function bodyMessage(text: string, scrub: (text: string) => string): string {
  const explained = explanationIn(text) ?? text;
  const oneLine = scrub(explained).replace(/\s+/g, ' ').trim();
  if (oneLine === '') return '(empty body)';
  return oneLine.length > MAX_LENGTH ? `${oneLine.slice(0, MAX_LENGTH - 1)}…` : oneLine;
}

function explanationIn(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined; // not JSON: the text itself is the explanation
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
