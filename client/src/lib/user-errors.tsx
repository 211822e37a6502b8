export interface UserErrorLike {
  field?: readonly string[] | null;
  message: string;
  code?: string;
}

/**
 * Server userErrors keyed by the form field they concern: the path without
 * its leading "input" ("config.baseUrl", "schedule.cron", "name"); errors
 * with no field go under "" (shown at the top of the form).
 */
export function byField(errors: readonly UserErrorLike[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = [...(error.field ?? [])];
    if (path[0] === 'input') path.shift();
    const key = path.join('.');
    (out[key] ??= []).push(error.message);
  }
  return out;
}

export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {messages.join('; ')}
    </span>
  );
}
