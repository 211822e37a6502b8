import { limitsOf, outOfRange } from './capabilities';
import { previewCron, validTimeZone } from './cron';
import { KINDS, secretsFor, type AuthType, type Kind, type SettingSpec } from './kinds';

export interface FormState {
  name: string;
  kind: Kind;
  sourceEntity: string;
  authType: AuthType;
  /** Each setting as typed (checkboxes as booleans). */
  settings: Record<string, string | boolean>;
  /** Object-valued settings (fieldMap, retry...) as JSON text. */
  other: string;
  /** Typed secrets only; empty means "keep what is stored". */
  secrets: Record<string, string>;
  scheduleEnabled: boolean;
  cron: string;
  timezone: string;
}

export interface ExistingConnector {
  id: string;
  name: string;
  kind: Kind;
  sourceEntity: string;
  authType: AuthType;
  config: unknown;
  hasCredentials: boolean;
  schedule: { enabled: boolean; cron?: string | null; timezone: string };
}

function settingText(spec: SettingSpec, value: unknown): string | boolean {
  if (spec.type === 'boolean') return Boolean(value ?? spec.default ?? false);
  if (value == null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

export function emptyForm(kind: Kind = 'ISSUER_API'): FormState {
  const spec = KINDS[kind];
  return {
    name: '',
    kind,
    sourceEntity: '',
    authType: spec.authTypes[0],
    settings: Object.fromEntries(spec.settings.map((s) => [s.key, settingText(s, s.default)])),
    other: '{}',
    secrets: {},
    scheduleEnabled: false,
    cron: '0 * * * *',
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  };
}

export function formFor(connector: ExistingConnector): FormState {
  const spec = KINDS[connector.kind];
  const config = (connector.config ?? {}) as Record<string, unknown>;
  const known = new Set(spec.settings.map((s) => s.key));
  const rest = Object.fromEntries(Object.entries(config).filter(([key]) => !known.has(key)));
  return {
    name: connector.name,
    kind: connector.kind,
    sourceEntity: connector.sourceEntity,
    authType: connector.authType,
    settings: Object.fromEntries(spec.settings.map((s) => [s.key, settingText(s, config[s.key])])),
    other: JSON.stringify(rest, null, 2),
    secrets: {},
    scheduleEnabled: connector.schedule.enabled,
    cron: connector.schedule.cron ?? '',
    timezone: connector.schedule.timezone,
  };
}

export type FieldErrors = Record<string, string[]>;

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** What testConnection takes, from the form: no name, no schedule; secrets as typed. */
export function testInput(
  state: FormState,
  existing?: ExistingConnector,
  configSchema?: unknown,
): { errors: FieldErrors; input: Record<string, unknown> | null } {
  // Name and schedule are not part of a test: neutral values stand in for them.
  const { errors, input: built } = buildInput(
    {
      ...state,
      name: state.name || 'test',
      sourceEntity: state.sourceEntity || state.kind,
      scheduleEnabled: false,
      cron: '',
      timezone: 'UTC',
    },
    existing,
    configSchema,
  );
  if (!built) return { errors, input: null };
  const typedSecrets = built.credentials as Record<string, string> | undefined;
  return {
    errors: {},
    input: {
      kind: state.kind,
      authType: state.authType,
      sourceEntity: (built.sourceEntity as string) || undefined,
      config: built.config,
      ...(typedSecrets && Object.keys(typedSecrets).length ? { credentials: typedSecrets } : {}),
      ...(existing && !typedSecrets ? { connectorId: existing.id } : {}),
    },
  };
}

/**
 * Checks the form and builds the mutation input. Error keys follow the
 * server's userError paths ("config.baseUrl", "schedule.cron"), so the
 * client's and the server's messages land beside the same field.
 */
export function buildInput(
  state: FormState,
  existing?: ExistingConnector,
  /** The kind's config JSON Schema (connectorKinds), for its limits; optional. */
  configSchema?: unknown,
): { errors: FieldErrors; input: Record<string, unknown> | null } {
  const errors: FieldErrors = {};
  const fail = (key: string, message: string) => (errors[key] ??= []).push(message);
  if (!state.name.trim()) fail('name', 'Name is required');
  if (!state.sourceEntity.trim()) fail('sourceEntity', 'Source entity is required');

  const spec = KINDS[state.kind];
  const config: Record<string, unknown> = {};
  for (const setting of spec.settings) {
    const raw = state.settings[setting.key];
    const key = `config.${setting.key}`;
    if (setting.type === 'boolean') {
      config[setting.key] = Boolean(raw);
      continue;
    }
    const text = String(raw ?? '').trim();
    if (!text) {
      if (setting.required) fail(key, `${setting.label} is required`);
      else if (setting.emptyIsNull) config[setting.key] = null;
      continue;
    }
    if (setting.type === 'url' && !isHttpUrl(text))
      fail(key, `${setting.label} must be an http(s) URL`);
    if (setting.type === 'number') {
      const n = Number(text);
      const beyond = Number.isFinite(n)
        ? outOfRange(setting.label, n, limitsOf(configSchema, setting.key))
        : null;
      if (!Number.isFinite(n) || n < 0) fail(key, `${setting.label} must be a number ≥ 0`);
      else if (beyond) fail(key, beyond);
      else config[setting.key] = n;
    } else if (setting.type === 'list') {
      config[setting.key] = text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    } else {
      config[setting.key] = text;
    }
  }
  try {
    const other = state.other.trim() ? JSON.parse(state.other) : {};
    if (typeof other !== 'object' || other === null || Array.isArray(other))
      fail('config', 'Other settings must be a JSON object');
    else Object.assign(config, other);
  } catch {
    fail('config', 'Other settings are not valid JSON');
  }

  const secretSpecs = secretsFor(state.kind, state.authType);
  const typed = secretSpecs.filter((s) => state.secrets[s.key]?.length);
  const authChanged = existing ? existing.authType !== state.authType : true;
  const mustSend = secretSpecs.length > 0 && (!existing || !existing.hasCredentials || authChanged);
  let credentials: Record<string, string> | undefined;
  if (typed.length > 0 || mustSend) {
    for (const s of secretSpecs) {
      if (!s.optional && !state.secrets[s.key])
        fail(`credentials.${s.key}`, `${s.label} is required`);
    }
    credentials = Object.fromEntries(typed.map((s) => [s.key, state.secrets[s.key]]));
  }

  let schedule: Record<string, unknown> | undefined;
  if (state.scheduleEnabled || state.cron.trim() || existing) {
    if (!validTimeZone(state.timezone.trim()))
      fail('schedule.timezone', `"${state.timezone}" is not an IANA time zone (e.g. Asia/Kolkata)`);
    else if (state.scheduleEnabled || state.cron.trim()) {
      const preview = previewCron(state.cron, state.timezone);
      if (preview.error) {
        const key = preview.error.startsWith('unknown time zone')
          ? 'schedule.timezone'
          : 'schedule.cron';
        fail(key, preview.error);
      }
    }
    schedule = {
      enabled: state.scheduleEnabled,
      cron: state.cron.trim() || null,
      timezone: state.timezone.trim(),
    };
  }

  if (Object.keys(errors).length > 0) return { errors, input: null };
  const common = {
    name: state.name.trim(),
    sourceEntity: state.sourceEntity.trim(),
    authType: state.authType,
    config,
    ...(credentials ? { credentials } : {}),
    ...(schedule ? { schedule } : {}),
  };
  return {
    errors,
    input: existing ? { id: existing.id, ...common } : { kind: state.kind, ...common },
  };
}
