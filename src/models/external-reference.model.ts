import { Model } from 'objection';
import type { SkipReason } from '../pipeline/page-outcome';

/**
 * An outside record as the hub holds it, keyed by (connector, entity type,
 * external id): the raw payload and what it was mapped to. status SYNCED =
 * mapped and stored (MAPPED in the API); FAILED = kept raw with its reason.
 */
export class ExternalReferenceModel extends Model {
  static override tableName = 'external_references';
  static override jsonAttributes = ['raw', 'mapped'];

  id!: number;
  connectorId!: number | null;
  entityType!: string;
  externalId!: string;
  internalId!: number | null;
  payloadHash!: string;
  raw!: unknown;
  mapped!: unknown;
  status!: 'SYNCED' | 'FAILED';
  reason!: SkipReason | null;
  error!: string | null;
  runId!: number | null;
  createdAt!: Date;
  updatedAt!: Date;
}
