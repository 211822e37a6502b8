/** Building the `run` HubEvent every part of the engine publishes. */
import type { RunModel } from '../models/run.model';
import type { HubEvent, RunCounters } from '../pubsub/events';

export type RunEvent = Extract<HubEvent, { type: 'run' }>;

/** The counters a run row holds. */
export function countersOf(run: RunCounters): RunCounters {
  return {
    recordsTotal: run.recordsTotal,
    recordsFetched: run.recordsFetched,
    recordsCreated: run.recordsCreated,
    recordsUpdated: run.recordsUpdated,
    recordsSkipped: run.recordsSkipped,
    recordsFailed: run.recordsFailed,
    pagesFetched: run.pagesFetched,
  };
}

/**
 * A run event from the run row, with what changed given explicitly
 * (status, phase and counters default to the row's own).
 */
export function runEvent(
  run: Pick<RunModel, 'id' | 'connectorId' | 'status' | 'phase' | 'startedAt'> & RunCounters,
  change: Partial<Pick<RunEvent, 'status' | 'phase' | 'counters'>> & { statusChanged: boolean },
): RunEvent {
  return {
    type: 'run',
    runId: run.id,
    connectorId: run.connectorId,
    status: change.status ?? run.status,
    phase: change.phase ?? run.phase,
    statusChanged: change.statusChanged,
    counters: { ...(change.counters ?? countersOf(run)) },
    startedAt: run.startedAt?.toISOString() ?? null,
    at: new Date().toISOString(),
  };
}
