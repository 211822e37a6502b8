/**
 * What each kind can do (connectorKinds), the API and scheduler following it,
 * and testConnection: an unsaved config checked against a real issuer on
 * loopback, storing nothing.
 */
import { getDefinition } from '../../src/connectors/registry';
import { wooCommerce } from '../../src/connectors/woocommerce';
import { startTestApp, type TestApp } from '../support/app';
import { HttpProvider } from '../support/http-provider';
import { IssuerProvider } from '../support/issuer-provider';
import { waitFor } from '../support/wait';

const KINDS = `{ connectorKinds {
  kind authTypes canTest canSync canBackfill canSchedule canPush configSchema
} }`;
const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;
const TEST_CONNECTION = `mutation($input: TestConnectionInput!) {
  testConnection(input: $input) { ok message durationSeconds userErrors { code field message } }
}`;

describe('connector kinds and testConnection', () => {
  let app: TestApp;
  let issuer: IssuerProvider;
  beforeAll(async () => {
    app = await startTestApp({ scheduler: { resyncMs: 200 } });
    issuer = await IssuerProvider.start('the-right-key');
    issuer.seed(3);
  });
  afterAll(async () => {
    await issuer.close();
    await app.close();
  });

  const counts = async () => ({
    connectors: Number((await app.db('connectors').count({ n: '*' }).first())!.n),
    runs: Number((await app.db('runs').count({ n: '*' }).first())!.n),
    secrets: Number((await app.db('connectorSecrets').count({ n: '*' }).first())!.n),
  });

  it('lists every kind with its capabilities and its config as JSON Schema', async () => {
    const { data, errors } = await app.gql(KINDS, {}, app.adminToken);
    expect(errors).toBeUndefined();
    const byKind = Object.fromEntries(
      data!.connectorKinds.map((k: { kind: string }) => [k.kind, k]),
    );
    expect(Object.keys(byKind).sort()).toEqual([
      'BANK_API',
      'BANK_SFTP',
      'ISSUER_API',
      'PG_API',
      'PG_DATABASE',
      'WOOCOMMERCE',
    ]);
    expect(byKind.ISSUER_API).toMatchObject({
      authTypes: ['API_KEY', 'JWT', 'OAUTH2_CLIENT_CREDENTIALS'],
      canTest: true,
      canSync: true,
      canBackfill: true,
      canSchedule: true,
      canPush: true,
    });
    expect(byKind.PG_API).toMatchObject({
      canSync: true,
      canBackfill: true,
      canSchedule: true,
      canPush: true,
    });
    // Files and re-shaped bank pages cannot be pushed as records.
    for (const kind of ['BANK_SFTP', 'BANK_API', 'PG_DATABASE', 'WOOCOMMERCE']) {
      expect(byKind[kind].canPush).toBe(false);
    }
    // Only kinds that declare streams sync; this follows the registry, not a list.
    for (const kind of ['BANK_SFTP', 'BANK_API', 'PG_DATABASE', 'WOOCOMMERCE']) {
      expect(byKind[kind]).toMatchObject({ canTest: true, canSync: true, canSchedule: true });
    }
    const schema = byKind.ISSUER_API.configSchema;
    expect(schema.type).toBe('object');
    expect(schema.required).toContain('baseUrl');
    // Defaults and limits, for the form.
    expect(schema.properties.pageSize).toMatchObject({ default: 100, minimum: 1, maximum: 1000 });
    expect(schema.additionalProperties).toBe(false);
  });

  it('refuses a run and a backfill for a kind that cannot sync', async () => {
    // Every registered kind syncs now: a WOOCOMMERCE without streams plays one (the run
    // commands follow the kinds they are given, as the worker does).
    const noStreams = { ...wooCommerce, streams: [] };
    const own = await startTestApp({
      kinds: (kind) => (kind === 'WOOCOMMERCE' ? noStreams : getDefinition(kind)),
    });
    try {
      const created = await own.gql(CREATE, {
        input: {
          name: 'Gateway',
          kind: 'WOOCOMMERCE',
          sourceEntity: 'SHOP',
          authType: 'BASIC',
          config: { baseUrl: 'http://127.0.0.1:9/' },
          credentials: { consumerKey: 'ck_test', consumerSecret: 'cs_test' },
        },
      });
      const id = created.data!.createConnector.connector.id;
      const run = await own.gql(
        `mutation($id: ID!) {
          runConnector(input: { id: $id }) { run { id } userErrors { code message } }
          backfillConnector(input: { id: $id, from: "2026-01-01", to: "2026-01-02" }) {
            run { id } userErrors { code message } }
        }`,
        { id },
      );
      expect(run.data!.runConnector).toEqual({
        run: null,
        userErrors: [{ code: 'INVALID_STATE', message: 'WOOCOMMERCE connectors cannot sync yet' }],
      });
      expect(run.data!.backfillConnector.userErrors[0].code).toBe('INVALID_STATE');
      expect(Number((await own.db('runs').count({ n: '*' }).first())!.n)).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('tests an unsaved config: ok with the right key, a reason with the wrong one, and stores nothing', async () => {
    const before = await counts();
    const input = {
      kind: 'ISSUER_API',
      authType: 'API_KEY',
      sourceEntity: 'NSDC',
      config: { baseUrl: issuer.url },
    };
    const good = await app.gql(TEST_CONNECTION, {
      input: { ...input, credentials: { apiKey: 'the-right-key' } },
    });
    expect(good.errors).toBeUndefined();
    expect(good.data!.testConnection).toMatchObject({ ok: true, userErrors: [] });
    expect(good.data!.testConnection.message).toMatch(/listed 1/);
    expect(good.data!.testConnection.durationSeconds).toBeGreaterThan(0);

    const bad = await app.gql(TEST_CONNECTION, {
      input: { ...input, credentials: { apiKey: 'a-wrong-key-0451' } },
    });
    expect(bad.data!.testConnection).toMatchObject({ ok: false, userErrors: [] });
    expect(bad.data!.testConnection.message).toMatch(/401/);

    // Nothing stored: no connector, no run, no secret; the key is in no response or log.
    expect(await counts()).toEqual(before);
    expect(issuer.http.requests.some((r) => r.headers['x-api-key'] === 'a-wrong-key-0451')).toBe(
      true,
    );
    for (const text of [...app.responses, ...app.logLines]) {
      expect(text).not.toContain('a-wrong-key-0451');
      expect(text).not.toContain('the-right-key');
    }
  });

  it('answers bad config and credentials with userErrors by field, attempting nothing', async () => {
    const calls = issuer.http.requests.length;
    const result = await app.gql(TEST_CONNECTION, {
      input: {
        kind: 'ISSUER_API',
        authType: 'API_KEY',
        config: { baseUrl: 'not a url', pageSize: 100000, fieldMap: { email: 'x' } },
      },
    });
    const { ok, userErrors } = result.data!.testConnection;
    expect(ok).toBe(false);
    const fields = userErrors.map((e: { field: string[] }) => e.field.join('.'));
    expect(fields).toEqual(
      expect.arrayContaining([
        'input.config.baseUrl',
        'input.config.pageSize',
        'input.config.fieldMap.email',
      ]),
    );
    expect(userErrors.every((e: { code: string }) => e.code === 'INVALID_INPUT')).toBe(true);

    const noKey = await app.gql(TEST_CONNECTION, {
      input: { kind: 'ISSUER_API', authType: 'API_KEY', config: { baseUrl: issuer.url } },
    });
    expect(noKey.data!.testConnection.userErrors).toEqual([
      {
        code: 'INVALID_INPUT',
        field: ['input', 'credentials'],
        message: 'API_KEY needs credentials',
      },
    ]);
    expect(issuer.http.requests.length).toBe(calls);
  });

  it("uses a saved connector's stored secrets for an edit tested without typing them, never at a new target", async () => {
    const created = await app.gql(CREATE, {
      input: {
        name: 'Issuer',
        kind: 'ISSUER_API',
        sourceEntity: 'NSDC',
        authType: 'API_KEY',
        config: { baseUrl: issuer.url },
        credentials: { apiKey: 'the-right-key' },
      },
    });
    const connectorId = created.data!.createConnector.connector.id;
    const result = await app.gql(TEST_CONNECTION, {
      input: {
        kind: 'ISSUER_API',
        authType: 'API_KEY',
        config: { baseUrl: issuer.url, pageSize: 7 },
        connectorId,
      },
    });
    expect(result.data!.testConnection).toMatchObject({ ok: true, userErrors: [] });
    // Pointed elsewhere, the stored key would go to whoever answers there: refused, nothing sent.
    const elsewhere = await HttpProvider.start();
    try {
      const moved = await app.gql(TEST_CONNECTION, {
        input: {
          kind: 'ISSUER_API',
          authType: 'API_KEY',
          config: { baseUrl: elsewhere.url },
          connectorId,
        },
      });
      expect(moved.data!.testConnection.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'config', 'baseUrl'] }),
      ]);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
    const otherAuth = await app.gql(TEST_CONNECTION, {
      input: { kind: 'ISSUER_API', authType: 'JWT', config: { baseUrl: issuer.url }, connectorId },
    });
    expect(otherAuth.data!.testConnection.userErrors[0].field).toEqual(['input', 'credentials']);
  });

  it("stops the attempt when the caller goes away (the dashboard's Cancel)", async () => {
    issuer.pageDelayMs = 5_000;
    try {
      const lists = () => issuer.http.requests.filter((r) => r.path === '/credentials').length;
      const before = lists();
      const controller = new AbortController();
      const request = fetch(`${app.url}/graphql`, {
        method: 'POST',
        signal: controller.signal,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminToken}` },
        body: JSON.stringify({
          query: TEST_CONNECTION,
          variables: {
            input: {
              kind: 'ISSUER_API',
              authType: 'API_KEY',
              config: { baseUrl: issuer.url, timeoutMs: 30_000 },
              credentials: { apiKey: 'the-right-key' },
            },
          },
        }),
      });
      await waitFor('the test to reach the issuer', () => lists() > before);
      const seen = app.logLines.length;
      controller.abort();
      await expect(request).rejects.toThrow();
      // Ended at once, not when the issuer answers five seconds later.
      const line = await waitFor('the attempt to end', () =>
        app.logLines.slice(seen).find((l) => l.includes('unsaved connection tested')),
      );
      const logged = JSON.parse(line) as { ok: boolean; durationSeconds: number };
      expect(logged.ok).toBe(false);
      expect(logged.durationSeconds).toBeLessThan(3);
    } finally {
      issuer.pageDelayMs = 0;
    }
  });

  it('is for ADMIN tokens only', async () => {
    const token = (
      await app.gql(`mutation { createApiToken(input: { name: "ops", role: OPERATOR }) { token } }`)
    ).data!.createApiToken.token;
    const result = await app.gql(
      TEST_CONNECTION,
      {
        input: {
          kind: 'ISSUER_API',
          authType: 'API_KEY',
          config: { baseUrl: issuer.url },
          credentials: { apiKey: 'the-right-key' },
        },
      },
      token,
    );
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
