import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { limitsOf, rangeText, type KindInfo } from '../lib/capabilities';
import {
  buildInput,
  emptyForm,
  formFor,
  testInput,
  type ExistingConnector,
  type FieldErrors,
  type FormState,
} from '../lib/connector-form';
import { previewCron, timeZones } from '../lib/cron';
import { byField, type UserErrorLike } from '../lib/user-errors';
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

export interface TestOutcome {
  ok: boolean;
  message: string;
  durationSeconds: number;
  userErrors: readonly UserErrorLike[];
}

export interface ConnectorFormProps {
  existing?: ExistingConnector;
  /** What each kind can do and its config schema (connectorKinds); the form works without. */
  kinds?: Record<string, KindInfo>;
  /** Tests the unsaved settings (testConnection); `signal` aborts it (Cancel). */
  onTest?(input: Record<string, unknown>, signal: AbortSignal): Promise<TestOutcome>;
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
  kinds,
  onTest,
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
  const kindInfo = kinds?.[state.kind];
  const configSchema = kindInfo?.configSchema;
  const clientErrors = useMemo(
    () => (submitted ? buildInput(state, existing, configSchema).errors : {}),
    [submitted, state, existing, configSchema],
  );
  const [testErrors, setTestErrors] = useState<FieldErrors>({});
  const spec = KINDS[state.kind];
  const known = new Set(spec.settings.map((s) => `config.${s.key}`));
  // Errors on settings without a field of their own (fieldMap.email, retry...) show by the JSON box.
  const errors = foldUnknown(
    { ...(editedSinceServer ? {} : { ...serverErrors, ...testErrors }), ...clientErrors },
    known,
  );
  const canSchedule = kindInfo?.canSchedule ?? true;
  const formRef = useRef<HTMLFormElement>(null);
  // After a refused submit or test, the first field at fault takes the focus.
  const [focusTick, setFocusTick] = useState(0);
  useEffect(() => {
    if (!focusTick) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusTick]);
  useEffect(() => {
    if (Object.keys(serverErrors).length) setFocusTick((n) => n + 1);
  }, [serverErrors]);
  const secretSpecs = secretsFor(state.kind, state.authType);
  const preview = useMemo(
    () => (state.cron.trim() ? previewCron(state.cron, state.timezone) : null),
    [state.cron, state.timezone],
  );
  const set = (patch: Partial<FormState>) => {
    setEditedSinceServer(true);
    setState((s) => ({ ...s, ...patch }));
  };

  // Test before save: busy while it runs, cancellable, its errors by their fields.
  const [test, setTest] = useState<
    { state: 'running' } | { state: 'done'; outcome: TestOutcome } | null
  >(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const runTest = async () => {
    const { errors: local, input } = testInput(state, existing, configSchema);
    if (!input || !onTest) {
      // Only what the test needs is checked (no name yet is fine).
      setEditedSinceServer(false);
      setTestErrors(local);
      setTest(null);
      if (Object.keys(local).length) setFocusTick((n) => n + 1);
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setTest({ state: 'running' });
    setTestErrors({});
    try {
      const outcome = await onTest(input, controller.signal);
      if (controller.signal.aborted) return;
      setEditedSinceServer(false);
      setTestErrors(byField(outcome.userErrors));
      setTest({ state: 'done', outcome });
      if (outcome.userErrors.length) setFocusTick((n) => n + 1);
    } catch (e) {
      if (controller.signal.aborted) return;
      setTest({
        state: 'done',
        outcome: {
          ok: false,
          message: e instanceof Error ? e.message : String(e),
          durationSeconds: 0,
          userErrors: [],
        },
      });
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  };
  const cancelTest = () => {
    abort.current?.abort();
    abort.current = null;
    setTest(null);
  };
  const describedBy = (key: string) => (errors[key]?.length ? `err-${key}` : undefined);

  const changeKind = (kind: Kind) => {
    const fresh = emptyForm(kind);
    const schedulable = kinds?.[kind]?.canSchedule ?? true;
    set({
      kind,
      authType: fresh.authType,
      settings: fresh.settings,
      other: '{}',
      secrets: {},
      ...(schedulable ? {} : { scheduleEnabled: false }),
    });
    setTest(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const { input } = buildInput(state, existing, configSchema);
    if (input) onSubmit(input);
    else setFocusTick((n) => n + 1);
  };

  const storedSecrets = existing?.hasCredentials && existing.authType === state.authType;

  return (
    <form
      ref={formRef}
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
                {kinds && !kinds[kind]?.canSync ? ' (test only: cannot sync yet)' : ''}
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
            const limits = s.type === 'number' ? limitsOf(configSchema, s.key) : {};
            const range = s.type === 'number' ? rangeText(limits) : null;
            const hintId = range ? `hint-${key}` : undefined;
            const common = {
              value: String(value ?? ''),
              'aria-invalid': !!errors[key],
              'aria-describedby': [describedBy(key), hintId].filter(Boolean).join(' ') || undefined,
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
                      min={limits.minimum}
                      max={limits.maximum}
                      {...common}
                      onChange={(e) => setValue(e.target.value)}
                    />
                  )}
                </label>
                {range ? (
                  <span id={hintId} className="hint">
                    {range}
                  </span>
                ) : null}
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

      <fieldset disabled={!canSchedule} aria-describedby={canSchedule ? undefined : 'no-schedule'}>
        <legend>Schedule</legend>
        {!canSchedule ? (
          <p id="no-schedule" className="muted">
            {state.kind} connectors cannot sync yet, so they run neither on demand nor on a
            schedule.
          </p>
        ) : null}
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
                list="time-zones"
                autoComplete="off"
                onChange={(e) => set({ timezone: e.target.value })}
                aria-invalid={!!errors['schedule.timezone']}
                aria-describedby={describedBy('schedule.timezone')}
              />
            </label>
            <TimeZoneList />
            <FieldError id="err-schedule.timezone" messages={errors['schedule.timezone']} />
          </div>
        </div>
        {preview && state.scheduleEnabled && canSchedule ? (
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

      {onTest && (kindInfo?.canTest ?? true) ? (
        <div className="test-connection">
          <div className="actions">
            <button
              type="button"
              onClick={() => void runTest()}
              disabled={test?.state === 'running'}
              aria-busy={test?.state === 'running'}
            >
              {test?.state === 'running' ? 'Testing connection…' : 'Test connection'}
            </button>
            {test?.state === 'running' ? (
              <button type="button" onClick={cancelTest}>
                Cancel test
              </button>
            ) : null}
          </div>
          <div role="status" aria-live="polite" className="test-result">
            {test?.state === 'running' ? (
              <span className="muted">Connecting with these settings; nothing is saved…</span>
            ) : test?.state === 'done' ? (
              test.outcome.userErrors.length ? (
                <span className="field-error">Not tested: fix the fields marked above.</span>
              ) : test.outcome.ok ? (
                <span className="ok-text">
                  ✓ Connection OK: {test.outcome.message} ({test.outcome.durationSeconds.toFixed(1)}{' '}
                  s)
                </span>
              ) : (
                <span className="field-error">✗ Connection failed: {test.outcome.message}</span>
              )
            ) : null}
          </div>
        </div>
      ) : null}

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

/** Server and client errors under "config.<key>" for keys without a field of their own go to "config". */
function foldUnknown(errors: FieldErrors, known: Set<string>): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(errors)) {
    const top = key.split('.').slice(0, 2).join('.');
    if (key.startsWith('config.') && !known.has(top)) {
      const sub = key.slice('config.'.length);
      (out.config ??= []).push(...messages.map((m) => `${sub}: ${m}`));
    } else if (key.startsWith('config.') && key !== top) {
      (out[top] ??= []).push(...messages);
    } else (out[key] ??= []).push(...messages);
  }
  return out;
}

/** Suggestions for the time zone field: every IANA zone the browser knows. */
function TimeZoneList() {
  const zones = useMemo(() => timeZones(), []);
  return (
    <datalist id="time-zones">
      {zones.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}
