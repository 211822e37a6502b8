import { Model } from 'objection';

// The one declaration of a run log's levels: the migration's CHECK and the
// GraphQL enum are tested against it (test/enums.test.ts).
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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
