import { insertRun } from '../support/runs';
import { startTestApp, type TestApp } from '../support/app';
import { RawSocket } from '../support/raw-socket';

const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id } userErrors { code message } }
}`;
const REVOKE = `mutation($id: ID!) { revokeApiToken(id: $id) { apiToken { revokedAt } userErrors { code } } }`;
const CONNECTOR_UPDATED = 'subscription { connectorUpdated { id } }';
const RUN_PROGRESS = 'subscription { runProgress { status progress { recordsProcessed } } }';

describe('WebSocket security', () => {
  let app: TestApp;
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app.close();
  });

  async function open(token?: string | null, target = app): Promise<RawSocket> {
    const socket = await RawSocket.open(target.wsUrl, token);
    sockets.push(socket);
    return socket;
  }

  async function newToken(role: string): Promise<{ id: string; token: string }> {
    const res = await app.gql(CREATE_TOKEN, { input: { name: `ws ${role}`, role } });
    expect(res.data?.createApiToken.userErrors).toEqual([]);
    return { id: res.data?.createApiToken.apiToken.id, token: res.data?.createApiToken.token };
  }

  async function subscribed(socket: RawSocket, id: string, query = CONNECTOR_UPDATED) {
    const before = app.notifier.subscriberCount;
    socket.subscribe(id, query);
    const deadline = Date.now() + 5_000;
    while (app.notifier.subscriberCount <= before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(app.notifier.subscriberCount).toBeGreaterThan(before);
  }

  it('lets a revoked ADMIN token neither mint a token nor subscribe, and closes its socket with 4401', async () => {
    const admin = await newToken('ADMIN');
    const socket = await open(admin.token);
    await subscribed(socket, 'watch');
    expect((await app.gql(REVOKE, { id: admin.id })).data?.revokeApiToken.userErrors).toEqual([]);

    socket.send({
      id: 'mint',
      type: 'subscribe',
      payload: { query: CREATE_TOKEN, variables: { input: { name: 'stolen', role: 'ADMIN' } } },
    });
    socket.subscribe('again', CONNECTOR_UPDATED);
    expect(await socket.closeCodeWithin(5_000)).toBe(4401);
    const minted = socket.messages.find((m) => m.id === 'mint' && m.type === 'next');
    expect(minted?.payload?.data?.createApiToken?.token).toBeUndefined();
    expect(socket.messages.some((m) => m.id === 'again' && m.type === 'next')).toBe(false);
    const stolen = await app.db('api_tokens').where({ name: 'stolen' });
    expect(stolen).toEqual([]);
  });

  it('serves only subscriptions over the socket: queries and mutations go over HTTP', async () => {
    const socket = await open(app.adminToken);
    socket.send({
      id: 'q',
      type: 'subscribe',
      payload: { query: '{ viewer { name role } }' },
    });
    const answer = await socket.waitFor((m) => m.id === 'q' && m.type !== 'complete');
    expect(answer.type).toBe('error');
    expect(answer.payload[0].extensions.code).toBe('BAD_REQUEST');
    expect(answer.payload[0].message).toMatch(/only subscriptions/);
    socket.send({
      id: 'm',
      type: 'subscribe',
      payload: { query: CREATE_TOKEN, variables: { input: { name: 'over ws', role: 'VIEWER' } } },
    });
    const refused = await socket.waitFor((m) => m.id === 'm');
    expect(refused.type).toBe('error');
    expect(await app.db('api_tokens').where({ name: 'over ws' })).toEqual([]);
  });

  it('closes the sockets of a token revoked in another process within 5 s', async () => {
    const other = await startTestApp({ database: app.database });
    try {
      const viewer = await newToken('VIEWER');
      const socket = await open(viewer.token);
      await subscribed(socket, 'watch');
      const started = Date.now();
      const revoked = await other.gql(REVOKE, { id: viewer.id });
      expect(revoked.data?.revokeApiToken.userErrors).toEqual([]);
      expect(await socket.closeCodeWithin(5_000)).toBe(4401);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await other.close();
    }
  });

  it('refuses a 5 MB message, even before connection_init', async () => {
    const socket = await open();
    socket.send('x'.repeat(5 * 1024 * 1024));
    expect(await socket.closeCodeWithin(5_000)).toBe(1009);
  });

  it('closes a connection past 50 subscriptions with 4429', async () => {
    const socket = await open(app.adminToken);
    for (let i = 0; i < 50; i += 1) socket.subscribe(`s${i}`, CONNECTOR_UPDATED);
    await socket.waitFor(() => false, 500).catch(() => null);
    expect(socket.isOpen).toBe(true);
    socket.subscribe('s50', CONNECTOR_UPDATED);
    expect(await socket.closeCodeWithin(5_000)).toBe(4429);
  });

  it('refuses a token its 21st connection with 4429', async () => {
    const viewer = await newToken('VIEWER');
    const open20 = [];
    for (let i = 0; i < 20; i += 1) open20.push(await open(viewer.token));
    const extra = await open();
    extra.send({ type: 'connection_init', payload: { authorization: `Bearer ${viewer.token}` } });
    expect(await extra.closeCodeWithin(5_000)).toBe(4429);
    // Closing one frees a place.
    open20[0].close();
    await open20[0].closed;
    await expect(open(viewer.token)).resolves.toBeInstanceOf(RawSocket);
    for (const socket of open20) socket.close();
  });

  it('formats and masks errors on the socket like over HTTP', async () => {
    const socket = await open(app.adminToken);
    socket.subscribe('bad', 'subscription { runProgress { nope } }');
    const invalid = await socket.waitFor((m) => m.id === 'bad');
    expect(invalid.type).toBe('error');
    expect(invalid.payload[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const [connector] = await app
      .db('connectors')
      .insert({
        name: 'masked',
        kind: 'PG_API',
        sourceEntity: 'X',
        authType: 'NONE',
        config: { baseUrl: 'http://127.0.0.1:1' },
        status: 'ACTIVE',
      })
      .returning('id');
    const run = await insertRun(app.db, {
      connectorId: connector.id,
      type: 'MANUAL',
      status: 'RUNNING',
      triggeredBy: 'test',
    });
    await subscribed(socket, 'progress', RUN_PROGRESS);
    // A malformed event makes the resolver throw a TypeError, a fault the caller must not see.
    await app.notifier.publish(app.db, {
      type: 'run',
      runId: run.id,
      connectorId: connector.id,
      status: 'RUNNING',
      phase: 'PROCESSING',
      statusChanged: false,
      counters: null as never,
      startedAt: null,
      at: new Date().toISOString(),
    });
    const faulty = await socket.waitFor((m) => m.id === 'progress' && m.type !== 'complete');
    const text = JSON.stringify(faulty);
    expect(text).toContain('Internal server error');
    expect(text).toContain('INTERNAL_SERVER_ERROR');
    expect(text).not.toMatch(/Cannot read|TypeError|counters/);
  });
});
