import { useQuery } from '@apollo/client';
import { CONNECTOR_KINDS } from '../queries';

export interface KindInfo {
  kind: string;
  authTypes: string[];
  canTest: boolean;
  canSync: boolean;
  canBackfill: boolean;
  canSchedule: boolean;
  canPush: boolean;
  configSchema: unknown;
}

/** What each kind can do, from the API (connectorKinds), read once per session. */
export function useKinds(): Record<string, KindInfo> | undefined {
  const { data } = useQuery(CONNECTOR_KINDS, { fetchPolicy: 'cache-first' });
  if (!data) return undefined;
  return Object.fromEntries(data.connectorKinds.map((k) => [k.kind, k as KindInfo]));
}

export interface Limits {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  integer?: boolean;
  maxLength?: number;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxLength?: number;
};

/** The limits the kind's JSON Schema sets on one top-level setting (the first variant that has it). */
export function limitsOf(schema: unknown, key: string): Limits {
  const root = schema as JsonSchema | undefined;
  const variants = root?.oneOf ?? (root ? [root] : []);
  for (const variant of variants) {
    const prop = variant.properties?.[key];
    if (!prop) continue;
    const typed = prop.anyOf?.find((p) => p.type !== 'null') ?? prop;
    return {
      minimum: typed.minimum,
      maximum: typed.maximum,
      exclusiveMinimum: typed.exclusiveMinimum,
      integer: typed.type === 'integer',
      maxLength: typed.maxLength,
    };
  }
  return {};
}

/** "1 to 1,000", "above 0, at most 100,000": the range in words, or null when there is none. */
export function rangeText(l: Limits): string | null {
  const fmt = (n: number) => new Intl.NumberFormat().format(n);
  const low =
    l.minimum !== undefined ? fmt(l.minimum) : l.exclusiveMinimum !== undefined ? null : undefined;
  if (l.minimum !== undefined && l.maximum !== undefined)
    return `${fmt(l.minimum)} to ${fmt(l.maximum)}`;
  if (l.exclusiveMinimum !== undefined && l.maximum !== undefined)
    return `above ${fmt(l.exclusiveMinimum)}, at most ${fmt(l.maximum)}`;
  if (l.maximum !== undefined) return `at most ${fmt(l.maximum)}`;
  if (low) return `at least ${low}`;
  return null;
}

/** Why a number breaks the limits, or null when it keeps them. */
export function outOfRange(label: string, n: number, l: Limits): string | null {
  const range = rangeText(l);
  if (l.integer && !Number.isInteger(n)) return `${label} must be a whole number`;
  if (
    (l.minimum !== undefined && n < l.minimum) ||
    (l.exclusiveMinimum !== undefined && n <= l.exclusiveMinimum) ||
    (l.maximum !== undefined && n > l.maximum)
  )
    return `${label} must be ${range}`;
  return null;
}
