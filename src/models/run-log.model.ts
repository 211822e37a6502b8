import { Model } from 'objection';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export class RunLogModel extends Model {
  static override tableName = 'run_logs';
  static override jsonAttributes = ['data'];

  id!: number;
  runId!: number;
  at!: Date;
  level!: LogLevel;
  message!: string;
  externalId!: string | null;
  data!: Record<string, unknown> | null;
}
