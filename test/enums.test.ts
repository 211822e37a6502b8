/**
 * Each enum is declared once, as a list in the code that owns it; the
 * GraphQL enum and the database's CHECK constraint must say exactly the same.
 */
import 'reflect-metadata';
import { AUTH_TYPES, CONNECTOR_KINDS } from '../src/connectors/types';
import { createDb, type Db } from '../src/db/knex';
import { CONNECTOR_STATUSES } from '../src/models/connector.model';
import { CREDENTIAL_STATUSES } from '../src/models/credential.model';
import { LOG_LEVELS } from '../src/models/run-log.model';
import { JOB_KINDS, RUN_PHASES, RUN_STATUSES, RUN_TYPES } from '../src/models/run.model';
import * as graphql from '../src/schema/enums';
import { CredentialStatus } from '../src/schema/credential.type';
import { UserErrorCode } from '../src/schema/user-error.type';
import { ROLES } from '../src/security/tokens';
import { ERROR_CODES } from '../src/services/user-errors';
import { SKIP_REASONS } from '../src/pipeline/page-outcome';
import { EVENT_TYPES } from '../src/events/outbox';
import { DELIVERY_STATUSES } from '../src/events/event.service';
import * as events from '../src/schema/event.type';
import { createTestDatabase, type TestDatabase } from './support/db';

const LISTS: {
  name: string;
  values: readonly string[];
  graphql?: Record<string, string>;
  check?: [table: string, column: string];
}[] = [
  {
    name: 'ConnectorKind',
    values: CONNECTOR_KINDS,
    graphql: graphql.ConnectorKind,
    check: ['connectors', 'kind'],
  },
  {
    name: 'AuthType',
    values: AUTH_TYPES,
    graphql: graphql.AuthType,
    check: ['connectors', 'auth_type'],
  },
  { name: 'RunType', values: RUN_TYPES, graphql: graphql.RunType, check: ['runs', 'type'] },
  {
    name: 'RunStatus',
    values: RUN_STATUSES,
    graphql: graphql.RunStatus,
    check: ['runs', 'status'],
  },
  { name: 'RunPhase', values: RUN_PHASES, graphql: graphql.RunPhase, check: ['runs', 'phase'] },
  { name: 'JobKind', values: JOB_KINDS, check: ['runs', 'job_kind'] },
  {
    name: 'SkipReason',
    values: SKIP_REASONS,
    graphql: graphql.SkipReason,
    check: ['skipped_records', 'reason'],
  },
  {
    name: 'SkipReason (external references)',
    values: SKIP_REASONS,
    check: ['external_references', 'reason'],
  },
  {
    name: 'ConnectorStatus',
    values: CONNECTOR_STATUSES,
    graphql: graphql.ConnectorStatus,
    check: ['connectors', 'status'],
  },
  {
    name: 'CredentialStatus',
    values: CREDENTIAL_STATUSES,
    graphql: CredentialStatus,
    check: ['credentials', 'status'],
  },
  { name: 'LogLevel', values: LOG_LEVELS, graphql: graphql.LogLevel, check: ['run_logs', 'level'] },
  { name: 'Role', values: ROLES, graphql: graphql.Role, check: ['api_tokens', 'role'] },
  { name: 'Role (audit log)', values: ROLES, check: ['audit_log', 'role'] },
  { name: 'UserErrorCode', values: ERROR_CODES, graphql: UserErrorCode },
  {
    name: 'EventType',
    values: EVENT_TYPES,
    graphql: events.EventType,
    check: ['outbox_events', 'type'],
  },
  {
    name: 'DeliveryStatus',
    values: DELIVERY_STATUSES,
    graphql: events.DeliveryStatus,
    check: ['deliveries', 'status'],
  },
];

describe('enums declared once', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, poolMax: 1 });
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  /** The values a column's CHECK (col IN (...)) allows, read back from Postgres. */
  async function checkValues(table: string, column: string): Promise<string[]> {
    const { rows } = await db.raw<{ rows: { def: string }[] }>(
      `SELECT pg_get_constraintdef(c.oid) AS def
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'c' AND c.conrelid = ?::regclass AND a.attname = ?
          AND array_length(c.conkey, 1) = 1`,
      [table, column],
    );
    // IN (...) reads back as = ANY (ARRAY[...]), or as = '...' for a single value.
    const listed = rows.filter((row) => row.def.includes("'::text"));
    expect(listed).toHaveLength(1);
    return [...listed[0].def.matchAll(/'([^']+)'::text/g)].map((m) => m[1]);
  }

  it.each(LISTS)(
    '$name: the GraphQL enum and the CHECK constraint follow the list',
    async (list) => {
      if (list.graphql) expect(Object.values(list.graphql)).toEqual([...list.values]);
      if (list.check) {
        expect((await checkValues(...list.check)).sort()).toEqual([...list.values].sort());
      }
    },
  );
});
