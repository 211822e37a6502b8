/**
 * Starting, cancelling and retrying sync runs. Every trigger ends in the same
 * place: a QUEUED row in `runs`, which a worker in some process claims.
 */
import type { Knex } from 'knex';
import { capabilitiesOf } from '../../connectors/capabilities';
import { getDefinition } from '../../connectors/registry';
import type { ConnectorDefinition, ConnectorKind } from '../../connectors/types';
import type { Logger } from '../../logger';
import { ConnectorModel } from '../../models/connector.model';
import { RunModel, type RemapFilter, type RunType } from '../../models/run.model';
import type { Publisher } from '../../pubsub/events';
import { cancelRun, enqueueRun, type RunHub } from '../../runs/store';
import { invalid, invalidState, notFound } from '../user-errors';

/** A backfill covers at most this many days, so one request cannot queue years of work. */
export const MAX_BACKFILL_DAYS = 366;

export interface RunCommandDeps {
  db: Knex;
  publisher?: Publisher;
  logger?: Logger;
  /** The connector kinds [the registry]. */
  kinds?: (kind: ConnectorKind) => ConnectorDefinition;
}

export interface Window {
  from?: Date | null;
  to?: Date | null;
}

export class RunCommands {
  constructor(private readonly deps: RunCommandDeps) {}

  /** A MANUAL run: incremental from the saved cursor, or limited to a window. */
  async runConnector(connectorId: number, window: Window, triggeredBy: string): Promise<RunModel> {
    if (window.from && window.to && window.from > window.to) {
      invalid('from must not be after to', ['input', 'from']);
    }
    return this.enqueue(connectorId, 'MANUAL', triggeredBy, window);
  }

  /** A BACKFILL run over whole days (UTC), leaving the incremental cursor where it is. */
  async backfill(
    connectorId: number,
    from: Date,
    to: Date,
    triggeredBy: string,
  ): Promise<RunModel> {
    const start = startOfDay(from);
    const end = startOfDay(to);
    if (start > end) invalid('from must not be after to', ['input', 'from']);
    const days = (end.getTime() - start.getTime()) / 86_400_000 + 1;
    if (days > MAX_BACKFILL_DAYS) {
      invalid(`a backfill covers at most ${MAX_BACKFILL_DAYS} days; split it`, ['input', 'to']);
    }
    const endOfDay = new Date(end.getTime() + 86_400_000 - 1);
    return this.enqueue(connectorId, 'BACKFILL', triggeredBy, { from: start, to: endOfDay });
  }

  /**
   * A QUEUED run is cancelled at once; a RUNNING one is asked to stop and
   * does so at its next page boundary, keeping its checkpoint.
   */
  async cancel(runId: number): Promise<RunModel> {
    return this.deps.db.transaction(async (trx) => {
      const outcome = await cancelRun(trx, this.hub, runId);
      if (outcome.kind === 'not-found') return notFound('no run with this id', ['id']);
      if (outcome.kind === 'ended') {
        return invalidState(`the run has already ended (${outcome.run.status})`, ['id']);
      }
      return outcome.run;
    });
  }

  /** A RETRY of an ended, unsuccessful run: same window, resuming from the saved checkpoint. */
  async retry(runId: number, triggeredBy: string): Promise<RunModel> {
    const run = await RunModel.query(this.deps.db).findById(runId);
    if (!run) return notFound('no run with this id', ['id']);
    if (run.type === 'TEST') invalidState('a TEST run is repeated with testConnector', ['id']);
    if (!['FAILED', 'CANCELLED', 'PARTIAL_SUCCESS'].includes(run.status)) {
      invalidState(
        `only FAILED, CANCELLED or PARTIAL_SUCCESS runs are retried, not ${run.status}`,
        ['id'],
      );
    }
    return this.enqueue(
      run.connectorId,
      'RETRY',
      triggeredBy,
      { from: run.windowFrom, to: run.windowTo },
      run,
    );
  }

  /**
   * A REMAP run: the connector's stored raw records (of one entity type, or
   * all) mapped again with its current settings; nothing is fetched.
   */
  async remap(
    connectorId: number,
    entityType: string | null,
    triggeredBy: string,
  ): Promise<RunModel> {
    const connector = await ConnectorModel.query(this.deps.db).findById(connectorId);
    if (!connector) return notFound('no connector with this id', ['input', 'connectorId']);
    if (!(this.deps.kinds ?? getDefinition)(connector.kind).remappable) {
      invalidState(`${connector.kind} connectors cannot re-map their stored records`, [
        'input',
        'connectorId',
      ]);
    }
    if (entityType !== null) {
      const stored = (await this.deps
        .db('externalReferences')
        .distinct('entityType')
        .where({ connectorId })
        .orderBy('entityType')) as { entityType: string }[];
      const types = stored.map((row) => row.entityType);
      if (!types.includes(entityType)) {
        invalid(
          `the connector holds no ${entityType} records${types.length ? `; it holds ${types.join(', ')}` : ''}`,
          ['input', 'entityType'],
        );
      }
    }
    return this.enqueue(connectorId, 'REMAP', triggeredBy, {}, undefined, {
      ...(entityType ? { entityType } : {}),
    });
  }

  /**
   * In `trx` (registerLearner's): a REMAP of the orders that failed on this
   * email, per connector holding any. A connector with a run already queued
   * or running gets none (a log line says so): its next sync maps those
   * orders from storage after the shop's (WooCommerce's claimedOrders).
   */
  async remapFailedOrdersOf(
    trx: Knex.Transaction,
    email: string,
    triggeredBy: string,
  ): Promise<RunModel[]> {
    const connectors = (await trx('externalReferences')
      .distinct('connectorId')
      .where({ entityType: 'order', status: 'FAILED' })
      .whereRaw(`lower(raw #>> '{billing,email}') = lower(?)`, [email])) as {
      connectorId: number;
    }[];
    const queued: RunModel[] = [];
    for (const { connectorId } of connectors) {
      const run = await enqueueRun(trx, this.hub, {
        connectorId,
        type: 'REMAP',
        triggeredBy,
        remapFilter: { entityType: 'order', failedOnly: true, email },
      });
      if (typeof run === 'string') {
        this.deps.logger?.info(
          { connectorId },
          'failed orders of a newly registered email left to the next sync: the connector has an active run',
        );
      } else {
        queued.push(run);
      }
    }
    return queued;
  }

  private get hub(): RunHub {
    return { logger: this.deps.logger, publisher: this.deps.publisher };
  }

  private async enqueue(
    connectorId: number,
    type: Exclude<RunType, 'TEST'>,
    triggeredBy: string,
    window: Window,
    retryOf?: RunModel,
    remapFilter?: RemapFilter,
  ): Promise<RunModel> {
    return this.deps.db.transaction(async (trx) => {
      const connector = await ConnectorModel.query(trx).findById(connectorId);
      if (!connector) return notFound('no connector with this id', ['input', 'id']);
      if (connector.status === 'PAUSED') {
        invalidState('the connector is paused; resume it first', ['input', 'id']);
      }
      const can = capabilitiesOf((this.deps.kinds ?? getDefinition)(connector.kind));
      if (!can.canSync || (type === 'BACKFILL' && !can.canBackfill)) {
        invalidState(
          `${connector.kind} connectors cannot ${type === 'BACKFILL' ? 'backfill' : 'sync'} yet`,
          ['input', 'id'],
        );
      }
      const run = await enqueueRun(trx, this.hub, {
        connectorId,
        type,
        triggeredBy,
        windowFrom: window.from ?? null,
        windowTo: window.to ?? null,
        retryOf: retryOf ?? null,
        remapFilter: remapFilter ?? null,
      });
      if (typeof run === 'string') {
        return invalidState('the connector already has a queued or running run', ['input', 'id']);
      }
      return run;
    });
  }
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
