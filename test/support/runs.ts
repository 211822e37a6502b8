import type { Knex } from 'knex';
import { RunModel, type RunStatus, type RunType } from '../../src/models/run.model';

/**
 * A run row put straight into the database, for tests that need one in a
 * given state without a worker (live events, subscriptions). Runs the hub
 * makes go through src/runs/store.ts.
 */
export async function insertRun(
  db: Knex,
  run: { connectorId: number; type: RunType; status: RunStatus; triggeredBy: string },
): Promise<RunModel> {
  const running = run.status === 'RUNNING';
  return RunModel.query(db).insertAndFetch({
    ...run,
    phase: running ? 'AUTHENTICATING' : 'QUEUED',
    startedAt: running ? new Date() : null,
    heartbeatAt: running ? new Date() : null,
  });
}
