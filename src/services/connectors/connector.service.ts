import type { Knex } from 'knex';
import { UniqueViolationError } from 'objection';
import { kindCapabilities } from '../../connectors/capabilities';
import { getDefinition } from '../../connectors/registry';
import { findOrCreateIssuer } from '../../domains/credentials/issuers';
import { isConnectorError } from '../../connectors/errors';
import type { AuthType, ConnectorKind, Secrets } from '../../connectors/types';
import type { Logger } from '../../logger';
import { ConnectorSecretModel } from '../../models/connector-secret.model';
import { ConnectorModel, type ConnectorStatus } from '../../models/connector.model';
import type { Publisher } from '../../pubsub/events';
import type { RunModel } from '../../models/run.model';
import { SealError, type SecretBox } from '../../security/secret-box';
import { likePattern, pageRequest, keysetPage } from '../pagination';
import { appendLog, finishRun, startTestRun, type RunHub } from '../../runs/store';
import { fail, fromZod, invalid, invalidState, notFound, DomainError } from '../user-errors';
import { validateSchedule, type ScheduleInputShape, type ValidSchedule } from './schedule';

export interface CreateConnector {
  name: string;
  kind: ConnectorKind;
  sourceEntity: string;
  authType: AuthType;
  config: unknown;
  credentials?: unknown;
  schedule?: ScheduleInputShape | null;
  paused?: boolean | null;
}

export interface UpdateConnector {
  id: number;
  name?: string | null;
  sourceEntity?: string | null;
  authType?: AuthType | null;
  config?: unknown;
  credentials?: unknown;
  schedule?: ScheduleInputShape | null;
}

/** An unsaved configuration to test (testConnection). */
export interface TestConnection {
  kind: ConnectorKind;
  authType: AuthType;
  config: unknown;
  credentials?: unknown;
  sourceEntity?: string | null;
  /** Whose stored secrets stand in for omitted credentials. */
  connectorId?: number | null;
}

export interface TestConnectionOutcome {
  ok: boolean;
  message: string;
  durationSeconds: number;
}

export interface ConnectorFilter {
  status?: ConnectorStatus | null;
  kind?: ConnectorKind | null;
  search?: string | null;
}

export interface ConnectorServiceDeps {
  db: Knex;
  secretBox: SecretBox;
  logger: Logger;
  /** Upper bound on one connection test, whatever the kind's own timeouts. */
  testTimeoutMs?: number;
  /** Publishes a `connector` event on every change (schedulers in every process reload). */
  notifier?: Publisher;
}

const NAME_MAX = 200;

/** Connector lifecycle: validation, encrypted secrets, listing, testing. */
export class ConnectorService {
  private readonly logger: Logger;
  /** Aborted on shutdown: connection tests in flight end as interrupted. */
  private readonly stopping = new AbortController();

  constructor(private readonly deps: ConnectorServiceDeps) {
    this.logger = deps.logger.child({ source: 'connectors' });
  }

  async get(id: number): Promise<ConnectorModel | undefined> {
    return ConnectorModel.query(this.deps.db).findById(id);
  }

  /** By name, case-insensitively (names are unique that way). */
  async findByName(name: string): Promise<ConnectorModel | undefined> {
    return ConnectorModel.query(this.deps.db).whereRaw('lower(name) = lower(?)', [name]).first();
  }

  async getMany(ids: readonly number[]): Promise<ConnectorModel[]> {
    return ConnectorModel.query(this.deps.db).findByIds(ids as number[]);
  }

  async list(
    first: number | null | undefined,
    after: string | null | undefined,
    filter: ConnectorFilter,
  ) {
    const page = pageRequest(first, after);
    const filtered = () => {
      const query = ConnectorModel.query(this.deps.db);
      if (filter.status) query.where('status', filter.status);
      if (filter.kind) query.where('kind', filter.kind);
      if (filter.search) {
        const pattern = likePattern(filter.search);
        query.where((q) => q.whereILike('name', pattern).orWhereILike('sourceEntity', pattern));
      }
      return query;
    };
    return keysetPage(filtered, page);
  }

  async hasSecrets(ids: readonly number[]): Promise<Map<number, Date>> {
    const rows = await ConnectorSecretModel.query(this.deps.db)
      .select('connectorId', 'updatedAt')
      .whereIn('connectorId', ids as number[]);
    return new Map(rows.map((row) => [row.connectorId, row.updatedAt]));
  }

  async create(input: CreateConnector): Promise<ConnectorModel> {
    const name = this.validName(input.name, ['input', 'name']);
    const sourceEntity = this.validSourceEntity(input.sourceEntity, ['input', 'sourceEntity']);
    const config = this.validConfig(input.kind, sourceEntity, input.config);
    const secrets = this.validCredentials(input.kind, input.authType, input.credentials, true);
    const schedule = input.schedule
      ? validateSchedule(input.schedule, ['input', 'schedule'])
      : { enabled: false, cron: null, timezone: 'UTC' };
    schedulable(input.kind, schedule);
    return this.withUniqueName(() =>
      this.deps.db.transaction(async (trx) => {
        const connector = await ConnectorModel.query(trx).insertAndFetch({
          name,
          kind: input.kind,
          sourceEntity,
          authType: input.authType,
          config,
          status: input.paused ? 'PAUSED' : 'ACTIVE',
          ...scheduleColumns(schedule),
        });
        if (secrets) await this.storeSecrets(trx, connector.id, secrets);
        await this.ensureIssuer(trx, connector);
        await this.changed(trx, connector.id);
        this.logger.info({ connectorId: connector.id, kind: input.kind }, 'connector created');
        return connector;
      }),
    );
  }

  async update(input: UpdateConnector): Promise<ConnectorModel> {
    return this.withUniqueName(() =>
      this.deps.db.transaction(async (trx) => {
        const current = await ConnectorModel.query(trx).findById(input.id).forUpdate();
        if (!current) return notFound('no connector with this id', ['input', 'id']);
        const patch: Partial<ConnectorModel> = { updatedAt: new Date() };
        if (input.name != null) patch.name = this.validName(input.name, ['input', 'name']);
        const sourceEntity =
          input.sourceEntity != null
            ? this.validSourceEntity(input.sourceEntity, ['input', 'sourceEntity'])
            : current.sourceEntity;
        patch.sourceEntity = sourceEntity;
        const authType = input.authType ?? current.authType;
        patch.authType = authType;
        const hasNewCredentials = input.credentials !== undefined && input.credentials !== null;
        if (input.config !== undefined && input.config !== null) {
          const config = this.validConfig(current.kind, sourceEntity, input.config);
          const moved = movedTarget(current.config, config);
          // Secrets follow their target: pointing a connector elsewhere must not hand its
          // stored credentials (which the API never shows) to whoever answers there.
          if (moved && !hasNewCredentials && (await this.hasStoredSecrets(trx, current.id))) {
            invalid(
              `changing ${moved} would send the stored credentials to a new target; send credentials again`,
              ['input', 'config', moved],
            );
          }
          if (!moved) keepLearned(current.kind, current.config, config, input.config);
          patch.config = config;
        }
        if (hasNewCredentials || authType !== current.authType) {
          // A new auth type needs credentials of its own shape (unless it takes none).
          const secrets = this.validCredentials(current.kind, authType, input.credentials, true);
          if (secrets) await this.storeSecrets(trx, current.id, secrets);
          else await ConnectorSecretModel.query(trx).deleteById(current.id);
        }
        if (input.schedule) {
          const schedule = validateSchedule(input.schedule, ['input', 'schedule']);
          schedulable(current.kind, schedule);
          Object.assign(patch, scheduleColumns(schedule));
        }
        const updated = await ConnectorModel.query(trx).patchAndFetchById(current.id, patch);
        await this.ensureIssuer(trx, updated);
        await this.changed(trx, current.id);
        this.logger.info({ connectorId: current.id }, 'connector updated');
        return updated;
      }),
    );
  }

  async delete(id: number): Promise<void> {
    // One transaction, so the audit row commits with the delete.
    await this.deps.db.transaction(async (trx) => {
      const deleted = await ConnectorModel.query(trx).deleteById(id);
      if (!deleted) notFound('no connector with this id', ['id']);
      await this.changed(trx, id, true);
    });
    this.logger.info({ connectorId: id }, 'connector deleted');
  }

  async pause(id: number): Promise<ConnectorModel> {
    return this.deps.db.transaction(async (trx) => {
      const current = await this.lockedOrNotFound(trx, id);
      if (current.status === 'PAUSED') invalidState('connector is already paused', ['id']);
      const paused = await ConnectorModel.query(trx).patchAndFetchById(id, {
        status: 'PAUSED',
        updatedAt: new Date(),
      });
      await this.changed(trx, id);
      return paused;
    });
  }

  async resume(id: number): Promise<ConnectorModel> {
    return this.deps.db.transaction(async (trx) => {
      const current = await this.lockedOrNotFound(trx, id);
      if (current.status !== 'PAUSED') invalidState('connector is not paused', ['id']);
      const resumed = await ConnectorModel.query(trx).patchAndFetchById(id, {
        status: 'ACTIVE',
        updatedAt: new Date(),
      });
      await this.changed(trx, id);
      return resumed;
    });
  }

  /**
   * Checks reachability and authentication the kind's way, recorded as a TEST
   * run. Failure marks the connector FAILED, success ACTIVE again; a PAUSED
   * connector stays PAUSED either way.
   */
  async test(id: number, triggeredBy: string): Promise<RunModel> {
    const connector = await this.get(id);
    if (!connector) return notFound('no connector with this id', ['id']);
    const definition = getDefinition(connector.kind);
    const hub: RunHub = { logger: this.logger, publisher: this.deps.notifier };
    const run = await startTestRun(this.deps.db, hub, { connectorId: id, triggeredBy });
    const before = connector.status;
    if (before !== 'PAUSED') {
      await this.setStatus(id, 'TESTING');
      await this.changed(this.deps.db, id);
    }
    let outcome:
      | {
          ok: true;
          message: string;
          details?: Record<string, unknown>;
          learned?: Record<string, unknown>;
        }
      | { ok: false; message: string };
    try {
      const secrets = await this.loadSecrets(id);
      const result = await definition.test({
        config: connector.config,
        authType: connector.authType,
        secrets,
        sourceEntity: connector.sourceEntity,
        timeZone: connector.scheduleTimezone,
        signal: this.testSignal(),
        logger: this.logger.child({ connectorId: id, runId: run.id }),
      });
      outcome = { ok: true, ...result };
    } catch (error) {
      outcome = {
        ok: false,
        message: this.stopping.signal.aborted
          ? 'interrupted: the process shut down'
          : this.describeFailure(error, id),
      };
    }
    return this.deps.db.transaction(async (trx) => {
      await appendLog(trx, run.id, {
        level: outcome.ok ? 'INFO' : 'ERROR',
        message: outcome.ok ? outcome.message : `test failed: ${outcome.message}`,
        data: outcome.ok ? (outcome.details ?? null) : null,
      });
      if (outcome.ok && outcome.learned) {
        await this.storeLearned(trx, connector, outcome.learned, run.id);
      }
      if (before !== 'PAUSED') {
        await ConnectorModel.query(trx)
          .patch({
            // An interrupted test says nothing about the connector: it keeps its status.
            status: outcome.ok ? 'ACTIVE' : this.stopping.signal.aborted ? before : 'FAILED',
            updatedAt: new Date(),
          })
          .where({ id, status: 'TESTING' });
      }
      // Last test result and status, with the commit (a PAUSED one too: it was tested).
      await this.changed(trx, id);
      const ended = await finishRun(trx, hub, run.id, {
        status: outcome.ok ? 'SUCCESS' : 'FAILED',
        errorMessage: outcome.ok ? null : outcome.message,
      });
      // Only a TEST run left RUNNING for hours could be reaped; TEST runs are never reaped.
      return ended ?? run;
    });
  }

  /**
   * Checks an unsaved configuration the kind's way, as `test` does, and
   * stores nothing: no connector, no run, no status change. Bad config or
   * credentials are userErrors (nothing is attempted); a failed connection
   * is `ok: false` with the reason. `signal` ends the attempt early (the
   * caller went away).
   */
  async testConnection(
    input: TestConnection,
    signal?: AbortSignal,
  ): Promise<TestConnectionOutcome> {
    const sourceEntity = input.sourceEntity?.trim() || input.kind;
    const config = this.validConfig(input.kind, sourceEntity, input.config);
    let secrets: Secrets;
    const given = input.credentials !== undefined && input.credentials !== null;
    if (!given && input.connectorId != null) {
      const stored = await this.get(input.connectorId);
      if (!stored) return notFound('no connector with this id', ['input', 'connectorId']);
      if (stored.kind !== input.kind || stored.authType !== input.authType) {
        invalid("the connector's stored secrets are for another kind or auth type; type them", [
          'input',
          'credentials',
        ]);
      }
      this.validCredentials(input.kind, input.authType, undefined, false);
      // Secrets follow their target, as in update: stored ones are never sent elsewhere.
      const moved = movedTarget(stored.config, config);
      if (moved) {
        invalid(`changing ${moved} would send the stored credentials to a new target; type them`, [
          'input',
          'config',
          moved,
        ]);
      }
      keepLearned(stored.kind, stored.config, config, input.config);
      secrets = await this.loadSecrets(stored.id);
    } else {
      secrets = this.validCredentials(input.kind, input.authType, input.credentials, true) ?? {};
    }
    const started = performance.now();
    let ok = false;
    let message: string;
    try {
      const result = await getDefinition(input.kind).test({
        config,
        authType: input.authType,
        secrets,
        sourceEntity,
        signal: this.testSignal(signal),
        logger: this.logger.child({ kind: input.kind, unsaved: true }),
      });
      ok = true;
      message = result.message;
    } catch (error) {
      message = this.describeFailure(error, null);
    }
    const durationSeconds = (performance.now() - started) / 1000;
    this.logger.info({ kind: input.kind, ok, durationSeconds }, 'unsaved connection tested');
    return { ok, message, durationSeconds };
  }

  /** The bound on one connection test, ended early by `signal` when given, and by a shutdown. */
  private testSignal(signal?: AbortSignal): AbortSignal {
    const timeout = AbortSignal.timeout(this.deps.testTimeoutMs ?? 120_000);
    return AbortSignal.any([timeout, this.stopping.signal, ...(signal ? [signal] : [])]);
  }

  /**
   * Trust on first use: what a passing test learned (BANK_SFTP's host key)
   * goes into the config where it has no value yet, unless the connector was
   * pointed elsewhere while the test ran. Changing it later is an ADMIN's
   * updateConnector.
   */
  private async storeLearned(
    trx: Knex.Transaction,
    tested: ConnectorModel,
    learned: Record<string, unknown>,
    runId: number,
  ): Promise<void> {
    const allowed = getDefinition(tested.kind).learnedSettings ?? [];
    const current = await ConnectorModel.query(trx).findById(tested.id).forUpdate();
    if (!current || movedTarget(tested.config, current.config)) return;
    const config = { ...current.config };
    const stored: string[] = [];
    for (const [key, value] of Object.entries(learned)) {
      if (!allowed.includes(key) || (config[key] !== null && config[key] !== undefined)) continue;
      config[key] = value;
      stored.push(`${key} ${String(value)}`);
    }
    if (stored.length === 0) return;
    await ConnectorModel.query(trx).patch({ config }).where({ id: tested.id });
    await appendLog(trx, runId, {
      level: 'INFO',
      message: `pinned on first use: ${stored.join(', ')}`,
    });
  }

  private async hasStoredSecrets(trx: Knex.Transaction, connectorId: number): Promise<boolean> {
    return (await ConnectorSecretModel.query(trx).findById(connectorId)) !== undefined;
  }

  /** Ends the connection tests in flight (recorded FAILED, interrupted) for a shutdown. */
  stopTests(): void {
    this.stopping.abort();
  }

  /** An issuer connector's credentials are issued under its issuerName: found or created with it. */
  private async ensureIssuer(trx: Knex.Transaction, connector: ConnectorModel): Promise<void> {
    if (connector.kind !== 'ISSUER_API') return;
    await findOrCreateIssuer(trx, connector.config as { issuerName: string; providerId?: string });
  }

  /** Tells every process the connector changed; inside a transaction, on commit only. */
  private async changed(db: Knex, connectorId: number, deleted = false): Promise<void> {
    const at = new Date().toISOString();
    await this.deps.notifier?.publish(db, { type: 'connector', connectorId, deleted, at });
  }

  /**
   * Decrypted secrets; only ever held for the length of one call. A row
   * sealed before secrets were bound to their connector is refused (SealError):
   * `resealUnbound` migrates such rows at start-up.
   */
  async loadSecrets(connectorId: number): Promise<Secrets> {
    const row = await ConnectorSecretModel.query(this.deps.db).findById(connectorId);
    if (!row) return {};
    return this.deps.secretBox.open<Secrets>(row, secretOwner(connectorId));
  }

  /**
   * Seals again, bound to their connector, the rows sealed before secrets were
   * bound (so the owner check cannot be skipped by the stored flag). Run at
   * start-up right after the migrations (main.ts); one transaction, so a
   * replica starting at the same time waits and then finds nothing left.
   * Returns how many rows were re-sealed.
   */
  async resealUnbound(): Promise<number> {
    return this.deps.db.transaction(async (trx) => {
      const rows = await ConnectorSecretModel.query(trx).where({ bound: false }).forUpdate();
      for (const row of rows) {
        const secrets = this.deps.secretBox.openUnbound<Secrets>(row);
        await this.storeSecrets(trx, row.connectorId, secrets);
      }
      if (rows.length > 0) this.logger.info({ rows: rows.length }, 'unbound secrets re-sealed');
      return rows.length;
    });
  }

  private describeFailure(error: unknown, connectorId: number | null): string {
    if (isConnectorError(error) || error instanceof SealError) return error.message;
    if (error instanceof Error && error.name === 'TimeoutError') return 'the test timed out';
    // Unexpected: keep the detail in the server log, not in the API.
    this.logger.error({ err: error, connectorId }, 'connection test crashed');
    return 'internal error while testing; see the server log';
  }

  private async setStatus(id: number, status: ConnectorStatus): Promise<void> {
    await ConnectorModel.query(this.deps.db).patch({ status, updatedAt: new Date() }).where({ id });
  }

  private async lockedOrNotFound(trx: Knex.Transaction, id: number): Promise<ConnectorModel> {
    const current = await ConnectorModel.query(trx).findById(id).forUpdate();
    return current ?? notFound('no connector with this id', ['id']);
  }

  private async storeSecrets(trx: Knex.Transaction, connectorId: number, secrets: Secrets) {
    const sealed = this.deps.secretBox.seal(secrets, secretOwner(connectorId));
    await ConnectorSecretModel.query(trx)
      .insert({ connectorId, ...sealed, updatedAt: new Date() })
      .onConflict('connectorId')
      .merge();
  }

  private validName(name: string, field: string[]): string {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > NAME_MAX)
      invalid(`name must be 1 to ${NAME_MAX} characters`, field);
    return trimmed;
  }

  private validSourceEntity(sourceEntity: string, field: string[]): string {
    const trimmed = sourceEntity.trim();
    if (!trimmed || trimmed.length > NAME_MAX) {
      invalid(`sourceEntity must be 1 to ${NAME_MAX} characters`, field);
    }
    return trimmed;
  }

  private validConfig(
    kind: ConnectorKind,
    sourceEntity: string,
    config: unknown,
  ): Record<string, unknown> {
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
      invalid('config must be a JSON object', ['input', 'config']);
    }
    const definition = getDefinition(kind);
    const withDefaults = { ...definition.sourceDefaults?.(sourceEntity), ...(config as object) };
    const parsed = definition.configSchema.safeParse(withDefaults);
    if (!parsed.success) throw new DomainError(fromZod(parsed.error, ['input', 'config']));
    return parsed.data as Record<string, unknown>;
  }

  /** Validated secrets, or null when the auth type takes none. */
  private validCredentials(
    kind: ConnectorKind,
    authType: AuthType,
    credentials: unknown,
    required: boolean,
  ): Secrets | null {
    const definition = getDefinition(kind);
    if (!definition.authTypes.includes(authType)) {
      invalid(
        `${kind} connectors accept auth types ${definition.authTypes.join(', ')}, not ${authType}`,
        ['input', 'authType'],
      );
    }
    const schema = definition.credentialsSchemas[authType];
    const takesNone = !schema || schema.safeParse({}).success;
    if (credentials === undefined || credentials === null) {
      if (takesNone) return null;
      if (required) invalid(`${authType} needs credentials`, ['input', 'credentials']);
      return null;
    }
    if (!schema) return null;
    const parsed = schema.safeParse(credentials);
    // zod messages name the key and the expected type, never the value.
    if (!parsed.success) throw new DomainError(fromZod(parsed.error, ['input', 'credentials']));
    return Object.keys(parsed.data).length ? parsed.data : null;
  }

  private async withUniqueName<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      if (error instanceof UniqueViolationError && error.constraint === 'connectors_name_key') {
        fail('CONFLICT', 'a connector with this name already exists', ['input', 'name']);
      }
      throw error;
    }
  }
}

/** An enabled schedule on a kind that cannot run on one would only queue failures: refused. */
function schedulable(kind: ConnectorKind, schedule: ValidSchedule): void {
  if (schedule.enabled && !kindCapabilities(kind).canSchedule) {
    invalid(`${kind} connectors cannot sync yet, so they cannot run on a schedule`, [
      'input',
      'schedule',
      'enabled',
    ]);
  }
}

function scheduleColumns(schedule: ValidSchedule) {
  return {
    scheduleEnabled: schedule.enabled,
    scheduleCron: schedule.cron,
    scheduleTimezone: schedule.timezone,
  };
}

/** Config settings that say where credentials are sent: moving one needs the credentials again. */
const TARGET_FIELDS = ['baseUrl', 'host', 'port', 'tokenPath', 'database'] as const;

/** The first target setting that differs between two configs, if any. */
function movedTarget(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): (typeof TARGET_FIELDS)[number] | undefined {
  return TARGET_FIELDS.find((field) => before[field] !== after[field]);
}

/** Learned settings an update leaves out stay as they were (the target being unchanged). */
function keepLearned(
  kind: ConnectorKind,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  given: unknown,
): void {
  for (const key of getDefinition(kind).learnedSettings ?? []) {
    if (!Object.hasOwn(given as object, key)) after[key] = before[key] ?? null;
  }
}

/** What a connector's sealed secrets are bound to. */
function secretOwner(connectorId: number): string {
  return `connector:${connectorId}`;
}
