/**
 * The dashboard's two read-only queries through the real API: `viewer` (the
 * caller's role, which decides the buttons the client shows) and
 * `runActivity` (finished sync runs per day, for its chart).
 */
import { startTestApp, type TestApp } from '../support/app';
import { IssuerProvider } from '../support/issuer-provider';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';

const ACTIVITY = `query($days: Int) { runActivity(days: $days) {
  day succeeded partial failed cancelled recordsSynced } }`;

describe('dashboard queries', () => {
  let app: TestApp;
  let issuer: IssuerProvider;
  beforeAll(async () => {
    app = await startTestApp({ worker: { heartbeatMs: 100 } });
    issuer = await IssuerProvider.start();
  });
  afterAll(async () => {
    await issuer.close();
    await app.close();
  });

  it('viewer tells each token its name and role', async () => {
    expect((await app.gql(`{ viewer { name role } }`)).data).toEqual({
      viewer: { name: 'admin', role: 'ADMIN' },
    });
    const created = await app.gql(
      `mutation { createApiToken(input: { name: "wall screen", role: VIEWER }) { token } }`,
    );
    const token = created.data!.createApiToken.token as string;
    expect((await app.gql(`{ viewer { name role } }`, {}, token)).data).toEqual({
      viewer: { name: 'token:wall screen', role: 'VIEWER' },
    });
  });

  it('runActivity counts finished sync runs per day by outcome, tests left out', async () => {
    issuer.seed(7);
    const id = await createIssuerConnector(app, issuer, 'Charted', { verifyPath: null });
    await app.gql(`mutation($id: ID!) { testConnector(id: $id) { run { id } } }`, { id });
    const runId = await queueRun(app, id);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const status = (await app.gql(`query($id: ID!) { run(id: $id) { status } }`, { id: runId }))
        .data!.run.status;
      if (status === 'SUCCESS') break;
      if (Date.now() > deadline) throw new Error(`run still ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const days = (await app.gql(ACTIVITY, { days: 3 })).data!.runActivity;
    expect(days).toHaveLength(3);
    expect(days[2]).toEqual({
      day: new Date().toISOString().slice(0, 10),
      succeeded: 1,
      partial: 0,
      failed: 0,
      cancelled: 0,
      recordsSynced: 7,
    });
    expect(days[0]).toMatchObject({ succeeded: 0, failed: 0, recordsSynced: 0 });
    expect((await app.gql(`{ runActivity { day } }`)).data!.runActivity).toHaveLength(30);
  });

  it('refuses a window outside 1..366 days', async () => {
    const result = await app.gql(ACTIVITY, { days: 0 });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
