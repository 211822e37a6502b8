/**
 * Opaque, globally unique ids: base64url of "<Type>:<row id>". node(id:)
 * decodes the type to find the row; clients must treat the text as opaque.
 */
export type NodeType =
  | 'Connector'
  | 'Run'
  | 'ApiToken'
  | 'Credential'
  | 'Issuer'
  | 'Learner'
  | 'PaymentTransaction'
  | 'ExternalRecord'
  | 'AuditEntry'
  | 'Settlement'
  | 'SourceFile'
  | 'ReconciliationSummary'
  | 'ReconException'
  | 'Webhook'
  | 'OutboxEvent';

export function toGlobalId(type: NodeType, id: number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  type: string;
  id: number;
}

export function fromGlobalId(globalId: string): DecodedId | null {
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(text);
  if (!match) return null;
  return { type: match[1], id: Number(match[2]) };
}

/** The row id when `globalId` is an id of `type`, else null. */
export function idOf(type: NodeType, globalId: string): number | null {
  const decoded = fromGlobalId(globalId);
  return decoded && decoded.type === type ? decoded.id : null;
}
