import { buildTributarySchema } from '../../src/schema/build';
import { idOf } from '../../src/schema/global-id';
import { startTestApp, type TestApp } from '../support/app';

/**
 * Every mutation leaves one audit row, successful or not: in the same
 * transaction as its change, or alone when it changed nothing, with the
 * secrets of its input removed. Only admins read the log, and nothing in
 * the API changes it.
 */

const CREATE_CONNECTOR = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;
const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id } userErrors { code } }
}`;
const AUDIT_LOG = `query($first: Int, $after: String, $action: String, $actor: String) {
  auditLog(first: $first, after: $after, action: $action, actor: $actor) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id at actor role action targetId input outcome } }
  }
}`;

const SECRET = 'sk-live-d0-not-leak-7f3a9c';

function connectorInput(name: string, apiKey = SECRET) {
  return {
    input: {
      name,
      kind: 'BANK_API',
      sourceEntity: 'ICICI_BANK',
      authType: 'API_KEY',
      config: { baseUrl: 'https://api.icici.example' },
      credentials: { apiKey },
    },
  };
}

describe('audit log', () => {
  let app: TestApp;
  let operatorToken: string;

  beforeAll(async () => {
    app = await startTestApp();
    const created = await app.gql(CREATE_TOKEN, { input: { name: 'ops', role: 'OPERATOR' } });
    operatorToken = created.data!.createApiToken.token;
  });
  afterAll(async () => {
    await app.close();
  });

  async function lastRow(action: string) {
    return app.db('auditLog').where({ action }).orderBy('id', 'desc').first();
  }

  it('a mutation that succeeds: one OK row, committed in the same transaction as its change, secret removed', async () => {
    const res = await app.gql(CREATE_CONNECTOR, connectorInput('Audited'));
    expect(res.data!.createConnector.userErrors).toEqual([]);
    const connectorId: string = res.data!.createConnector.connector.id;

    const row = await lastRow('createConnector');
    expect(row).toMatchObject({
      actor: 'admin',
      role: 'ADMIN',
      // The environment's admin token has a row of its own (listed as 'admin').
      tokenId: expect.any(Number),
      action: 'createConnector',
      targetId: connectorId,
      outcome: 'OK',
      input: {
        input: {
          name: 'Audited',
          kind: 'BANK_API',
          sourceEntity: 'ICICI_BANK',
          authType: 'API_KEY',
          config: { baseUrl: 'https://api.icici.example' },
          credentials: { apiKey: '[removed]' },
          paused: false,
        },
      },
    });
    // Same transaction: Postgres stamps both rows with the id of the transaction that wrote them.
    const [{ xmin: auditXmin }] = await app.db('auditLog').where({ id: row.id }).select('xmin');
    const [{ xmin: connectorXmin }] = await app
      .db('connectors')
      .where({ id: idOf('Connector', connectorId) as number })
      .select('xmin');
    expect(auditXmin).toBe(connectorXmin);
    expect(JSON.stringify(await app.db('auditLog').select())).not.toContain(SECRET);
  });

  it('a mutation that returns a userError: a USER_ERROR row alone, nothing else written', async () => {
    const before = await app.db('connectors').count('* as n');
    const res = await app.gql(CREATE_CONNECTOR, connectorInput('Audited'));
    expect(res.data!.createConnector.userErrors).toEqual([
      expect.objectContaining({ code: 'CONFLICT' }),
    ]);
    expect(await app.db('connectors').count('* as n')).toEqual(before);
    expect(await lastRow('createConnector')).toMatchObject({
      outcome: 'USER_ERROR',
      targetId: null,
      input: { input: expect.objectContaining({ credentials: { apiKey: '[removed]' } }) },
    });
    // A limit's refusal (before the resolver) is audited the same way.
    await app.gql(CREATE_CONNECTOR, connectorInput('Huge key', 'k'.repeat(9_000)));
    const limited = await lastRow('createConnector');
    expect(limited.outcome).toBe('USER_ERROR');
    expect(limited.input.input.credentials).toEqual({ apiKey: '[removed]' });
  });

  it('a mutation that throws: an ERROR row alone, the change rolled back', async () => {
    await app.db.raw(`ALTER TABLE connectors ADD CONSTRAINT test_poison CHECK (name <> 'Poison')`);
    try {
      const res = await app.gql(CREATE_CONNECTOR, connectorInput('Poison'));
      expect(res.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await app.db.raw('ALTER TABLE connectors DROP CONSTRAINT test_poison');
    }
    expect(await app.db('connectors').where({ name: 'Poison' }).first()).toBeUndefined();
    expect(await lastRow('createConnector')).toMatchObject({
      outcome: 'ERROR',
      targetId: null,
      input: {
        input: expect.objectContaining({ name: 'Poison', credentials: { apiKey: '[removed]' } }),
      },
    });

    // Refused for the caller's role (checked before any resolver): on the log too.
    const refused = await app.gql(CREATE_CONNECTOR, connectorInput('Not mine'), operatorToken);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await lastRow('createConnector')).toMatchObject({
      actor: 'token:ops',
      role: 'OPERATOR',
      outcome: 'ERROR',
      input: { input: expect.objectContaining({ credentials: { apiKey: '[removed]' } }) },
    });
    expect(JSON.stringify(await app.db('auditLog').select())).not.toContain(SECRET);
    expect(app.logLines.join('\n')).not.toContain(SECRET);
  });

  it('names the target of mutations that act on an id, and of changes outside the database', async () => {
    const connectorId = (await app.gql(CREATE_CONNECTOR, connectorInput('Pausable'))).data!
      .createConnector.connector.id;
    await app.gql(`mutation($id: ID!) { pauseConnector(id: $id) { userErrors { code } } }`, {
      id: connectorId,
    });
    expect(await lastRow('pauseConnector')).toMatchObject({
      targetId: connectorId,
      outcome: 'OK',
      input: { id: connectorId },
    });
    await app.gql(`mutation($id: ID!) { pauseConnector(id: $id) { userErrors { code } } }`, {
      id: connectorId,
    });
    expect(await lastRow('pauseConnector')).toMatchObject({ outcome: 'USER_ERROR' });

    const token = await app.gql(CREATE_TOKEN, { input: { name: 'reporting', role: 'VIEWER' } });
    expect(await lastRow('createApiToken')).toMatchObject({
      targetId: token.data!.createApiToken.apiToken.id,
      outcome: 'OK',
    });
    // The token the call returned is output, never in the row.
    expect(JSON.stringify(await app.db('auditLog').select())).not.toContain(
      token.data!.createApiToken.token,
    );

    await app.gql(`mutation { stopScheduler { userErrors { code } } }`);
    expect(await lastRow('stopScheduler')).toMatchObject({ outcome: 'OK', input: null });
  });

  it('auditLog: ADMIN only, newest first, filtered by action and actor, paged', async () => {
    const forbidden = await app.gql(AUDIT_LOG, {}, operatorToken);
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const all = await app.gql(AUDIT_LOG, {});
    const total = await app.db('auditLog').count('* as n');
    expect(all.data!.auditLog.totalCount).toBe(Number(total[0].n));
    const ids = all.data!.auditLog.edges.map((e: { node: { id: string } }) => e.node.id);
    const rowIds = ids.map((id: string) => idOf('AuditEntry', id) as number);
    expect(rowIds).toEqual([...rowIds].sort((a, b) => b - a));
    expect(all.text).not.toContain(SECRET);

    const creates = await app.gql(AUDIT_LOG, { action: 'createConnector', first: 2 });
    expect(creates.data!.auditLog.edges.map((e: any) => e.node.action)).toEqual([
      'createConnector',
      'createConnector',
    ]);
    expect(creates.data!.auditLog.pageInfo.hasNextPage).toBe(true);
    const next = await app.gql(AUDIT_LOG, {
      action: 'createConnector',
      first: 2,
      after: creates.data!.auditLog.pageInfo.endCursor,
    });
    expect(idOf('AuditEntry', next.data!.auditLog.edges[0].node.id)).toBeLessThan(
      idOf('AuditEntry', creates.data!.auditLog.edges[1].node.id) as number,
    );

    const byOps = await app.gql(AUDIT_LOG, { actor: 'token:ops' });
    expect(byOps.data!.auditLog.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ actor: 'token:ops', role: 'OPERATOR', outcome: 'ERROR' }),
    ]);

    // node(id:) finds an entry for admins, and refuses others.
    const node = await app.gql(
      `query($id: ID!) { node(id: $id) { ... on AuditEntry { action } } }`,
      {
        id: ids[0],
      },
    );
    expect(node.data!.node.action).toBe(all.data!.auditLog.edges[0].node.action);
    const hidden = await app.gql(
      `query($id: ID!) { node(id: $id) { id } }`,
      { id: ids[0] },
      operatorToken,
    );
    expect(hidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('has no mutation that changes or removes a row', async () => {
    const schema = await buildTributarySchema();
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    expect(mutations.filter((name) => /audit/i.test(name))).toEqual([]);
  });
});
