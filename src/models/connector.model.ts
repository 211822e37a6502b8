import { Model } from 'objection';
import type { AuthType, ConnectorKind } from '../connectors/types';

export type ConnectorStatus = 'ACTIVE' | 'PAUSED' | 'FAILED' | 'TESTING';

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
