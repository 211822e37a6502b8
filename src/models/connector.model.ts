import { Model } from 'objection';
import type { AuthType, ConnectorKind } from '../connectors/types';

// The one declaration of a connector's statuses: the migration's CHECK and the
// GraphQL enum are tested against it (test/enums.test.ts).
export const CONNECTOR_STATUSES = ['ACTIVE', 'PAUSED', 'FAILED', 'TESTING'] as const;
export type ConnectorStatus = (typeof CONNECTOR_STATUSES)[number];

export class ConnectorModel extends Model {
  static override tableName = 'connectors';
  static override jsonAttributes = ['config'];

  id!: number;
  name!: string;
  kind!: ConnectorKind;
  sourceEntity!: string;
  status!: ConnectorStatus;
  authType!: AuthType;
  config!: Record<string, unknown>;
  scheduleEnabled!: boolean;
  scheduleCron!: string | null;
  scheduleTimezone!: string;
  totalRuns!: number;
  successCount!: number;
  failureCount!: number;
  cancelledCount!: number;
  createdAt!: Date;
  updatedAt!: Date;
}
