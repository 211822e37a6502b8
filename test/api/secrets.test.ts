/**
 * Secrets go in and never come out: not in API responses, not in errors,
 * not in logs, not in the database in plain text.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { SealError } from '../../src/security/secret-box';
import { startTestApp, type TestApp } from '../support/app';
import { HttpProvider } from '../support/http-provider';

const SECRET = 'S3cr3t-Needle-7f2c91';
const API_KEY = 'key-Needle-a81be0';
/** The hub's secret key, known here to write a row the way an older hub sealed it. */
const SECRET_KEY = randomBytes(32);
const CONNECTOR_FIELDS = 'id name config authType hasCredentials credentialsUpdatedAt';

describe('secrets', () => {
  let app: TestApp;
  let provider: HttpProvider;
  beforeAll(async () => {
    app = await startTestApp({ secretKey: SECRET_KEY });
    provider = await HttpProvider.start();
  });
  afterAll(async () => {
    await provider.close();
    await app.close();
  });

  /** A BANK_API connector holding `apiKey`: its global id and its row id. */
  async function createBankApi(name: string, apiKey: string) {
    const created = await app.gql(
      `mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id } } }`,
      {
        input: {
          name,
          kind: 'BANK_API',
          sourceEntity: 'BANK',
          authType: 'API_KEY',
          config: { baseUrl: provider.url },
          credentials: { apiKey },
        },
      },
    );
    const id: string = created.data!.createConnector.connector.id;
    return { id, rowId: Number(Buffer.from(id, 'base64url').toString().split(':')[1]) };
  }

  it('never appear in responses, errors, logs or the raw tables', async () => {
    // The provider refuses every request and echoes back the credentials it received.
    provider.serveTokens({
      path: '/auth/token',
      clientId: 'id',
      clientSecret: 'other',
      encoding: 'form',
    });
    provider.on(
      'GET',
      '/credentials',
      { json: { data: [] } },
      { header: 'X-API-Key', value: 'other' },
    );

    const created = await app.gql(
      `mutation($input: CreateConnectorInput!) {
        createConnector(input: $input) { connector { ${CONNECTOR_FIELDS} } userErrors { field message } }
      }`,
      {
        input: {
          name: 'Leaky?',
          kind: 'ISSUER_API',
          sourceEntity: 'NSDC',
          authType: 'OAUTH2_CLIENT_CREDENTIALS',
          config: { baseUrl: provider.url },
          credentials: { clientId: 'id', clientSecret: SECRET },
        },
      },
    );
    const connector = created.data?.createConnector.connector;
    expect(connector).toMatchObject({ hasCredentials: true });
    expect(connector.credentialsUpdatedAt).toEqual(expect.any(String));

    // A failing OAuth2 test: the token endpoint echoes the form it got, secret included.
    const oauthTest = await app.gql(
      `mutation($id: ID!) { testConnector(id: $id) { run { status errorMessage logs { edges { node { message data } } } } } }`,
      { id: connector.id },
    );
    expect(oauthTest.data?.testConnector.run.status).toBe('FAILED');

    // Switch to an API key the provider also refuses and echoes.
    const updated = await app.gql(
      `mutation($input: UpdateConnectorInput!) { updateConnector(input: $input) { connector { ${CONNECTOR_FIELDS} } userErrors { message } } }`,
      { input: { id: connector.id, authType: 'API_KEY', credentials: { apiKey: API_KEY } } },
    );
    expect(updated.data?.updateConnector.userErrors).toEqual([]);
    const keyTest = await app.gql(
      `mutation($id: ID!) { testConnector(id: $id) { run { status errorMessage } } }`,
      { id: connector.id },
    );
    expect(keyTest.data?.testConnector.run).toMatchObject({ status: 'FAILED' });
    expect(keyTest.data?.testConnector.run.errorMessage).toMatch(/401/);

    // Bad input that carries a secret: the error must not repeat it.
    await app.gql(
      `mutation($input: UpdateConnectorInput!) { updateConnector(input: $input) { userErrors { field message } } }`,
      { input: { id: connector.id, credentials: { apiKey: API_KEY, extra: SECRET } } },
    );
    await app.gql(`{ connectors(first: 10) { edges { node { ${CONNECTOR_FIELDS} } } } }`);
    await app.gql(
      `{ runs(first: 10) { edges { node { errorMessage logs { edges { node { message data } } } } } } }`,
    );

    // Every place a secret could end up.
    expect(provider.requests.length).toBeGreaterThanOrEqual(2);
    const places = {
      responses: app.responses.join('\n'),
      logs: app.logLines.join('\n'),
      database: await dumpDatabase(app),
    };
    for (const [place, text] of Object.entries(places)) {
      for (const needle of [SECRET, API_KEY, encodeURIComponent(SECRET)]) {
        expect({ place, leaked: text.includes(needle) }).toEqual({ place, leaked: false });
      }
    }
    expect(places.logs.length).toBeGreaterThan(0);
  });

  it('seals each write with a fresh IV and the key id beside the ciphertext', async () => {
    const { id, rowId } = await createBankApi('Twice', API_KEY);
    const read = () => app.db('connector_secrets').where({ connectorId: rowId }).first();
    const first = await read();
    await app.gql(
      `mutation($input: UpdateConnectorInput!) { updateConnector(input: $input) { userErrors { message } } }`,
      { input: { id, credentials: { apiKey: API_KEY } } },
    );
    const second = await read();
    expect(first.iv).toHaveLength(12);
    expect(first.tag).toHaveLength(16);
    expect(first.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(second.iv.equals(first.iv)).toBe(false);
    expect(second.ciphertext.equals(first.ciphertext)).toBe(false);
    expect(await app.services.connectors.loadSecrets(rowId)).toEqual({ apiKey: API_KEY });
  });

  it("binds sealed secrets to their connector: another connector's row does not open", async () => {
    const victim = await createBankApi('Victim', API_KEY);
    const thief = await createBankApi('Thief', 'thief-own-key');
    // Someone with write access to the table copies the victim's sealed row onto the thief's.
    const stolen = await app.db('connector_secrets').where({ connectorId: victim.rowId }).first();
    await app
      .db('connector_secrets')
      .where({ connectorId: thief.rowId })
      .update({ ciphertext: stolen.ciphertext, iv: stolen.iv, tag: stolen.tag });
    const requestsBefore = provider.requests.length;
    const test = await app.gql(
      `mutation($id: ID!) { testConnector(id: $id) { run { status errorMessage } } }`,
      { id: thief.id },
    );
    expect(test.data!.testConnector.run).toEqual({
      status: 'FAILED',
      errorMessage: `the stored secrets of connector:${thief.rowId} were altered or belong to another owner`,
    });
    expect(JSON.stringify(test)).not.toContain(API_KEY);
    // Refused before any request: the victim's key never reached the provider for the thief.
    expect(provider.requests).toHaveLength(requestsBefore);
  });

  it('refuses a row from before the binding until the start-up re-seal binds it', async () => {
    const { rowId } = await createBankApi('Legacy', 'placeholder');
    // A row as the hub sealed it before: no additional authenticated data.
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', SECRET_KEY, iv);
    const ciphertext = Buffer.concat([
      cipher.update(JSON.stringify({ apiKey: API_KEY }), 'utf8'),
      cipher.final(),
    ]);
    await app
      .db('connector_secrets')
      .where({ connectorId: rowId })
      .update({ ciphertext, iv, tag: cipher.getAuthTag(), bound: false });
    // The flag is not trusted to switch the owner check off.
    await expect(app.services.connectors.loadSecrets(rowId)).rejects.toThrow(SealError);
    // What main.ts runs right after the migrations.
    expect(await app.services.connectors.resealUnbound()).toBe(1);
    const row = await app.db('connector_secrets').where({ connectorId: rowId }).first();
    expect(row.bound).toBe(true);
    expect(row.iv.equals(iv)).toBe(false);
    expect(await app.services.connectors.loadSecrets(rowId)).toEqual({ apiKey: API_KEY });
    expect(await app.services.connectors.resealUnbound()).toBe(0);
  });
});

/** Every row of every table in the public schema, as text (bytea as UTF-8 too). */
async function dumpDatabase(app: TestApp): Promise<string> {
  const tables: { tablename: string }[] = await app
    .db('pg_tables')
    .where({ schemaname: 'public' })
    .select('tablename');
  const parts: string[] = [];
  for (const { tablename } of tables) {
    const rows: Record<string, unknown>[] = await app.db(tablename).select('*');
    for (const row of rows) {
      for (const value of Object.values(row)) {
        parts.push(Buffer.isBuffer(value) ? value.toString('utf8') : JSON.stringify(value));
      }
    }
  }
  expect(tables.map((t) => t.tablename)).toContain('connector_secrets');
  return parts.join('\n');
}
