/**
 * The connector SDK.
 *
 * Glossary
 * - kind: a protocol family the hub speaks (ISSUER_API, PG_API, ...). One
 *   folder under src/connectors/ per kind, exporting one ConnectorDefinition.
 * - connector: one configured instance of a kind (a row in `connectors`).
 * - config: the non-secret settings of a connector, validated and defaulted by
 *   the kind's `configSchema`. Stored as jsonb, returned by the API.
 * - secrets: the write-only credentials of a connector, validated by the
 *   kind's `credentialsSchemas[authType]`, stored encrypted, never returned.
 */
import type { z } from 'zod';
import type { Logger } from '../logger';

export const CONNECTOR_KINDS = [
  'ISSUER_API',
  'PG_API',
  'BANK_SFTP',
  'BANK_API',
  'PG_DATABASE',
  'WOOCOMMERCE',
] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];

export const AUTH_TYPES = [
  'NONE',
  'API_KEY',
  'BASIC',
  'JWT',
  'OAUTH2_CLIENT_CREDENTIALS',
  'SSH_PASSWORD',
  'SSH_KEY',
  'IP_WHITELIST',
] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

/** Decrypted credentials. Only ever held in memory, for the length of one call. */
export type Secrets = Record<string, string>;

export interface ConnectorContext<Config> {
  /** Parsed by the kind's configSchema: defaults filled in. */
  config: Config;
  authType: AuthType;
  /** Validated by credentialsSchemas[authType]; `{}` for NONE / IP_WHITELIST. */
  secrets: Secrets;
  /** The connector's sourceEntity (e.g. NSDC), for defaults such as issuerName. */
  sourceEntity: string;
  /** Aborted when the run is cancelled or the process shuts down. */
  signal: AbortSignal;
  logger: Logger;
}

/** What a successful `test()` found; failures throw a ConnectorError. */
export interface TestOutcome {
  /** One line for the run log, e.g. "authenticated; listed 1 record". */
  message: string;
  /** Non-secret facts worth keeping on the TEST run's log entry. */
  details?: Record<string, unknown>;
}

export interface ConnectorDefinition<Config = unknown> {
  kind: ConnectorKind;
  /** Strict zod object: unknown keys rejected, defaults filled in. */
  configSchema: z.ZodType<Config>;
  /** Auth types this kind accepts, in the order a form should offer them. */
  authTypes: readonly AuthType[];
  /** Per accepted auth type, the strict schema its credentials must satisfy. */
  credentialsSchemas: Partial<Record<AuthType, z.ZodType<Secrets>>>;
  /**
   * Config defaults that derive from the connector's sourceEntity (e.g. an
   * issuer's name), merged under the given config before it is parsed.
   */
  sourceDefaults?(sourceEntity: string): Partial<Config>;
  /** Reachability and authentication, as contract/providers.md describes per kind. */
  test(ctx: ConnectorContext<Config>): Promise<TestOutcome>;
}
