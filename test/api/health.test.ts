import { startTestApp, type TestApp } from '../support/app';

describe('health endpoints', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('serves /healthz, /readyz and a local GraphiQL without a token', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    const graphiql = await fetch(`${app.url}/graphiql`);
    expect(graphiql.status).toBe(200);
    const html = await graphiql.text();
    expect(html).toContain('/graphql');
    // No CDN: every script is inline.
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
  });

  it('answers /readyz 503 when a migration is pending, and when the database is gone', async () => {
    const [latest] = await app.db('knex_migrations').orderBy('id', 'desc').limit(1);
    await app.db('knex_migrations').where({ id: latest.id }).delete();
    const pending = await fetch(`${app.url}/readyz`);
    expect(pending.status).toBe(503);
    expect(await pending.json()).toMatchObject({ reason: 'migrations pending' });
    await app.db('knex_migrations').insert(latest);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);

    await app.database.drop();
    const gone = await fetch(`${app.url}/readyz`);
    expect(gone.status).toBe(503);
    expect(await gone.json()).toMatchObject({ reason: 'database unreachable' });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
