/**
 * The environment's admin token (TRIBUTARY_ADMIN_TOKEN or DATA_DIR/admin-token)
 * is an API token like the others: listed, and revocable; a revoked one stays
 * revoked across restarts until the variable changes.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';

const LIST = '{ apiTokens { id name role revokedAt } }';
const REVOKE = `mutation($id: ID!) { revokeApiToken(id: $id) { apiToken { revokedAt } userErrors { code } } }`;
const CREATE = `mutation { createApiToken(input: { name: "spare", role: ADMIN }) { token } }`;

describe('the environment admin token', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database.drop();
  });

  async function start(adminToken: string): Promise<TestApp> {
    const app = await startTestApp({ database, adminToken });
    apps.push(app);
    return app;
  }

  it('is listed in apiTokens and can be revoked, staying revoked across restarts', async () => {
    const envToken = `env-admin-${randomBytes(16).toString('hex')}`;
    const first = await start(envToken);
    const listed = await first.gql(LIST);
    expect(listed.status).toBe(200);
    const env = listed.data!.apiTokens.find((t: { name: string }) => t.name === 'admin');
    expect(env).toMatchObject({ role: 'ADMIN', revokedAt: null });
    expect(listed.text).not.toContain(envToken);

    // Another admin revokes it (it is leaked, say).
    const spare = (await first.gql(CREATE)).data!.createApiToken.token;
    const revoked = await first.gql(REVOKE, { id: env.id }, spare);
    expect(revoked.data?.revokeApiToken.userErrors).toEqual([]);
    expect((await first.gql(LIST, {}, envToken)).status).toBe(401);

    // A restart with the same variable does not bring it back.
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    const second = await start(envToken);
    expect((await second.gql(LIST, {}, envToken)).status).toBe(401);

    // A new value is a new token; the old one stays refused.
    const rotated = `env-admin-${randomBytes(16).toString('hex')}`;
    await second.close();
    apps.splice(apps.indexOf(second), 1);
    const third = await start(rotated);
    const after = await third.gql(LIST, {}, rotated);
    expect(after.status).toBe(200);
    const envRows = after.data!.apiTokens.filter((t: { name: string }) => t.name === 'admin');
    expect(envRows).toHaveLength(2);
    expect(envRows.filter((t: { revokedAt: string | null }) => t.revokedAt === null)).toHaveLength(
      1,
    );
    expect((await third.gql(LIST, {}, envToken)).status).toBe(401);
  });

  it('revokes the previous variable’s token when the value changes', async () => {
    const before = `env-admin-${randomBytes(16).toString('hex')}`;
    const a = await start(before);
    expect((await a.gql(LIST, {}, before)).status).toBe(200);
    await a.close();
    apps.splice(apps.indexOf(a), 1);
    const after = `env-admin-${randomBytes(16).toString('hex')}`;
    const b = await start(after);
    expect((await b.gql(LIST, {}, after)).status).toBe(200);
    expect((await b.gql(LIST, {}, before)).status).toBe(401);
  });

  it('must be at least 32 characters', () => {
    expect(() => loadConfig({ TRIBUTARY_ADMIN_TOKEN: 'x'.repeat(31) })).toThrow(
      /TRIBUTARY_ADMIN_TOKEN: must be at least 32 characters/,
    );
    expect(loadConfig({ TRIBUTARY_ADMIN_TOKEN: 'x'.repeat(32) }).adminToken).toHaveLength(32);
  });
});
