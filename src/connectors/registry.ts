/** Every built-in connector kind: one line each. */
import { bankApi } from './bank-api';
import { bankSftp } from './bank-sftp';
import { issuerApi } from './issuer-api';
import { pgApi } from './pg-api';
import { pgDatabase } from './pg-database';
import type { ConnectorDefinition, ConnectorKind } from './types';
import { wooCommerce } from './woocommerce';

const definitions = [issuerApi, pgApi, bankSftp, bankApi, pgDatabase, wooCommerce];

const byKind = new Map<ConnectorKind, ConnectorDefinition>(
  definitions.map((definition) => [definition.kind, definition as ConnectorDefinition]),
);

export function getDefinition(kind: ConnectorKind): ConnectorDefinition {
  const definition = byKind.get(kind);
  if (!definition) throw new Error(`no connector kind ${kind} is registered`);
  return definition;
}
