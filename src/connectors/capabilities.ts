/**
 * What each connector kind can do in this hub, derived from its definition
 * in one place, so the API (connectorKinds), the run commands and the
 * scheduler agree: a kind that cannot sync is offered no Run, Backfill or
 * schedule, and never gets a scheduled run that can only fail.
 */
import { z } from 'zod';
import {
  canSync as definitionCanSync,
  CONNECTOR_KINDS,
  type AuthType,
  type ConnectorDefinition,
  type ConnectorKind,
} from './types';
import { getDefinition } from './registry';

export interface KindCapabilities {
  canTest: boolean;
  canSync: boolean;
  canBackfill: boolean;
  canSchedule: boolean;
  /** Accepts records pushed to an inbound webhook. */
  canPush: boolean;
}

/**
 * The one derivation. A kind syncs when its definition says how to read its
 * records; backfills and schedules are syncs (windowed, or on a cron), so
 * they follow. A kind accepts pushed records when one of its streams does.
 */
export function capabilitiesOf(definition: ConnectorDefinition): KindCapabilities {
  const canSync = definitionCanSync(definition);
  return {
    canTest: typeof definition.test === 'function',
    canSync,
    canBackfill: canSync,
    canSchedule: canSync,
    canPush: (definition.streams ?? []).some((stream) => stream.acceptsPush === true),
  };
}

export function kindCapabilities(kind: ConnectorKind): KindCapabilities {
  return capabilitiesOf(getDefinition(kind));
}

export interface KindInfo extends KindCapabilities {
  kind: ConnectorKind;
  authTypes: AuthType[];
  /** The kind's config as JSON Schema (what a form may send: defaults and limits included). */
  configSchema: Record<string, unknown>;
}

let infos: KindInfo[] | undefined;

/** Every registered kind and what it can do; computed once (definitions do not change). */
export function kindInfos(): KindInfo[] {
  infos ??= CONNECTOR_KINDS.map((kind) => {
    const definition = getDefinition(kind);
    return {
      kind,
      authTypes: [...definition.authTypes],
      ...capabilitiesOf(definition),
      // `input`: what a client sends (defaults optional); refinements it cannot express are left out.
      configSchema: z.toJSONSchema(definition.configSchema, {
        io: 'input',
        unrepresentable: 'any',
      }) as Record<string, unknown>,
    };
  });
  return infos;
}
