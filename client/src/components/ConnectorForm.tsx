import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  buildInput,
  emptyForm,
  formFor,
  type ExistingConnector,
  type FieldErrors,
  type FormState,
} from '../lib/connector-form';
import { previewCron } from '../lib/cron';
import { KINDS, secretsFor, type AuthType, type Kind } from '../lib/kinds';
import { FieldError } from '../lib/user-errors';

const AUTH_LABEL: Record<AuthType, string> = {
  NONE: 'None',
  API_KEY: 'API key',
  BASIC: 'Basic / login',
  JWT: 'JWT (token endpoint)',
  OAUTH2_CLIENT_CREDENTIALS: 'OAuth2 client credentials',
  SSH_PASSWORD: 'SSH password',
  SSH_KEY: 'SSH key',
  IP_WHITELIST: 'IP allow-list',
};

const NO_ERRORS: FieldErrors = {};

export interface ConnectorFormProps {
  existing?: ExistingConnector;
  /** Errors from the server, keyed like buildInput's (config.baseUrl, schedule.cron...). */
  serverErrors?: FieldErrors;
  busy?: boolean;
  onSubmit(input: Record<string, unknown>): void;
  onCancel?(): void;
}

function fmtIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    dateStyle: undefined,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}

/** Create or edit a connector: the kind's settings, write-only secrets, schedule with a preview. */
export function ConnectorForm({
  existing,
  serverErrors = NO_ERRORS,
  busy,
  onSubmit,
  onCancel,
}: ConnectorFormProps) {
  const [state, setState] = useState<FormState>(() => (existing ? formFor(existing) : emptyForm()));
  // Client checks show after the first submit, then follow every keystroke;
  // the server's errors show until the form is edited again.
  const [submitted, setSubmitted] = useState(false);
  const [editedSinceServer, setEditedSinceServer] = useState(false);
  useEffect(() => setEditedSinceServer(false), [serverErrors]);
  const clientErrors = useMemo(
    () => (submitted ? buildInput(state, existing).errors : {}),
    [submitted, state, existing],
  );
  const errors = { ...(editedSinceServer ? {} : serverErrors), ...clientErrors };
  const spec = KINDS[state.kind];
  const secretSpecs = secretsFor(state.kind, state.authType);
  const preview = useMemo(
    () => (state.cron.trim() ? previewCron(state.cron, state.timezone) : null),
    [state.cron, state.timezone],
  );
  const set = (patch: Partial<FormState>) => {
    setEditedSinceServer(true);
    setState((s) => ({ ...s, ...patch }));
  };
  const describedBy = (key: string) => (errors[key]?.length ? `err-${key}` : undefined);

  const changeKind = (kind: Kind) => {
    const fresh = emptyForm(kind);
    set({ kind, authType: fresh.authType, settings: fresh.settings, other: '{}', secrets: {} });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const { input } = buildInput(state, existing);
    if (input) onSubmit(input);
  };

  const storedSecrets = existing?.hasCredentials && existing.authType === state.authType;

  return (
    <form
      className="connector-form"
      onSubmit={submit}
      noValidate
      aria-label={existing ? 'Edit connector' : 'New connector'}
    >
      {errors['']?.length ? (
        <div className="form-error" role="alert">
          {errors[''].join('; ')}
        </div>
      ) : null}
      <fieldset>
        <legend>Connector</legend>
        <div className="field">
          <label>
            <span>
              Name
              <span aria-hidden="true" className="req">
                {' '}
                *
              </span>
            </span>
            <input
              aria-required
              value={state.name}
              onChange={(e) => set({ name: e.target.value })}
              aria-invalid={!!errors.name}
              aria-describedby={describedBy('name')}
            />
          </label>
          <FieldError id="err-name" messages={errors.name} />
        </div>
        <label>
          Kind
          <select
            value={state.kind}
            onChange={(e) => changeKind(e.target.value as Kind)}
            disabled={!!existing}
          >
            {Object.entries(KINDS).map(([kind, k]) => (
              <option key={kind} value={kind}>
                {kind} — {k.label}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          <label>
            <span>
              Source entity
              <span aria-hidden="true" className="req">
                {' '}
                *
              </span>
            </span>
            <input
              aria-required
              value={state.sourceEntity}
              placeholder="e.g. NSDC"
              onChange={(e) => set({ sourceEntity: e.target.value })}
              aria-invalid={!!errors.sourceEntity}
              aria-describedby={describedBy('sourceEntity')}
            />
          </label>
          <FieldError id="err-sourceEntity" messages={errors.sourceEntity} />
        </div>
      </fieldset>

      <fieldset>
        <legend>Settings</legend>
        <div className="grid">
          {spec.settings.map((s) => {
            const key = `config.${s.key}`;
            const value = state.settings[s.key];
            const setValue = (v: string | boolean) =>
              set({ settings: { ...state.settings, [s.key]: v } });
            if (s.type === 'boolean')
              return (
                <label key={s.key} className="check">
                  <input
                    type="checkbox"
                    checked={Boolean(value)}
                    onChange={(e) => setValue(e.target.checked)}
                  />{' '}
                  {s.label}
                </label>
              );
            const common = {
              value: String(value ?? ''),
              'aria-invalid': !!errors[key],
              'aria-describedby': describedBy(key),
              'aria-required': s.required || undefined,
              placeholder: s.hint,
            };
            return (
              <div key={s.key} className={`field${s.type === 'textarea' ? ' wide' : ''}`}>
                <label>
                  <span>
                    {s.label}
                    {s.required ? (
                      <span aria-hidden="true" className="req">
                        {' '}
                        *
                      </span>
                    ) : null}
                  </span>
                  {s.type === 'textarea' ? (
                    <textarea rows={3} {...common} onChange={(e) => setValue(e.target.value)} />
                  ) : s.type === 'select' ? (
                    <select {...common} onChange={(e) => setValue(e.target.value)}>
                      <option value="">—</option>
                      {s.options?.map((o) => (
                        <option key={o}>{o}</option>
                      ))}
                    </select>
                  ) : (
                    <input
                      type={s.type === 'number' ? 'number' : 'text'}
                      inputMode={s.type === 'number' ? 'numeric' : undefined}
                      {...common}
                      onChange={(e) => setValue(e.target.value)}
                    />
                  )}
                </label>
                <FieldError id={`err-${key}`} messages={errors[key]} />
              </div>
            );
          })}
        </div>
        <div className="field wide">
          <label>
            Other settings (JSON: fieldMap, retry, …)
            <textarea
              rows={3}
              className="mono"
              value={state.other}
              onChange={(e) => set({ other: e.target.value })}
              aria-invalid={!!errors.config}
              aria-describedby={describedBy('config')}
            />
          </label>
          <FieldError id="err-config" messages={errors.config} />
        </div>
      </fieldset>

      <fieldset>
        <legend>Authentication</legend>
        <div className="field">
          <label>
            Auth type
            <select
              value={state.authType}
              onChange={(e) => set({ authType: e.target.value as AuthType, secrets: {} })}
            >
              {spec.authTypes.map((a) => (
                <option key={a} value={a}>
                  {AUTH_LABEL[a]}
                </option>
              ))}
            </select>
          </label>
          <FieldError id="err-authType" messages={errors.authType} />
        </div>
        {secretSpecs.map((s) => {
          const key = `credentials.${s.key}`;
          const props = {
            value: state.secrets[s.key] ?? '',
            autoComplete: 'off',
            placeholder: storedSecrets ? 'stored — type to replace' : s.optional ? 'optional' : '',
            'aria-invalid': !!errors[key],
            'aria-describedby': describedBy(key),
          };
          const setValue = (v: string) => set({ secrets: { ...state.secrets, [s.key]: v } });
          return (
            <div key={s.key} className="field">
              <label>
                <span>
                  {s.label}
                  {!s.optional && !storedSecrets ? (
                    <span aria-hidden="true" className="req">
                      {' '}
                      *
                    </span>
                  ) : null}{' '}
                  {storedSecrets ? <span className="badge">stored</span> : null}
                </span>
                {s.multiline ? (
                  <textarea
                    rows={3}
                    className="mono"
                    {...props}
                    onChange={(e) => setValue(e.target.value)}
                  />
                ) : (
                  <input type="password" {...props} onChange={(e) => setValue(e.target.value)} />
                )}
              </label>
              <FieldError id={`err-${key}`} messages={errors[key]} />
            </div>
          );
        })}
        <FieldError id="err-credentials" messages={errors.credentials} />
        {secretSpecs.length === 0 ? <p className="muted">No secrets for this auth type.</p> : null}
      </fieldset>

      <fieldset>
        <legend>Schedule</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={state.scheduleEnabled}
            onChange={(e) => set({ scheduleEnabled: e.target.checked })}
          />{' '}
          Run on a schedule
        </label>
        <div className="grid">
          <div className="field">
            <label>
              Cron
              <input
                className="mono"
                value={state.cron}
                onChange={(e) => set({ cron: e.target.value })}
                aria-invalid={!!errors['schedule.cron']}
                aria-describedby={describedBy('schedule.cron') ?? 'cron-preview'}
              />
            </label>
            <FieldError id="err-schedule.cron" messages={errors['schedule.cron']} />
          </div>
          <div className="field">
            <label>
              Time zone
              <input
                value={state.timezone}
                onChange={(e) => set({ timezone: e.target.value })}
                aria-invalid={!!errors['schedule.timezone']}
                aria-describedby={describedBy('schedule.timezone')}
              />
            </label>
            <FieldError id="err-schedule.timezone" messages={errors['schedule.timezone']} />
          </div>
        </div>
        {preview ? (
          <div id="cron-preview" className="cron-preview" aria-live="polite">
            {preview.error ? (
              <span className="muted">Invalid: {preview.error}</span>
            ) : (
              <>
                <strong>{preview.description}</strong> ({state.timezone})
                <ol aria-label="Next runs">
                  {preview.next.map((d) => (
                    <li key={d.toISOString()}>{fmtIn(d, state.timezone)}</li>
                  ))}
                </ol>
              </>
            )}
          </div>
        ) : null}
      </fieldset>

      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {existing ? 'Save changes' : 'Create connector'}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
