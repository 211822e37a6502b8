/**
 * The credential domain through the API: issuers created with their
 * connectors, credentials listed and searched, learners registered and their
 * UNCLAIMED credentials claimed in the same transaction.
 */
import { startTestApp, type TestApp } from '../support/app';
import { IssuerProvider } from '../support/issuer-provider';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';
import { applySeedConnectors, SeedConfigError } from '../../src/bootstrap/seed-connectors';
import { createLogger } from '../../src/logger';

const CREDENTIAL_FIELDS = `id uid externalId learnerEmail title status maxHours dataHash
  issuedAt completionDate metadata issuer { id name providerId } learner { email } connector { name }`;

describe('credentials, learners and issuers', () => {
  let app: TestApp;
  let issuer: IssuerProvider;
  let connectorId: string;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    issuer = await IssuerProvider.start();
    const records = issuer.seed(6);
    records[1].learner_email = 'Asha@Example.org';
    records[2].learner_email = 'asha@example.org';
    records[2].certificate_title = 'Welding';
    records[3].max_hr = 12.5;
    connectorId = await createIssuerConnector(app, issuer, 'Udemy', {
      verifyPath: null,
      issuerName: 'Udemy Business',
    });
    const runId = await queueRun(app, connectorId);
    for (let i = 0; i < 200; i++) {
      const status = (await app.gql(`query($id: ID!) { run(id: $id) { status } }`, { id: runId }))
        .data?.run.status;
      if (status === 'SUCCESS') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(async () => {
    await issuer.close();
    await app.close();
  });

  it('created the issuer with the connector, and lists and searches credentials', async () => {
    const issuers = (await app.gql(`{ issuers { id name providerId } }`)).data?.issuers;
    expect(issuers).toEqual([
      { id: expect.any(String), name: 'Udemy Business', providerId: 'udemy' },
    ]);

    const all = (
      await app.gql(
        `{ credentials(first: 10) { totalCount edges { node { ${CREDENTIAL_FIELDS} } } } }`,
      )
    ).data?.credentials;
    expect(all.totalCount).toBe(6);
    const c3 = all.edges.find(
      (e: { node: { externalId: string } }) => e.node.externalId === 'c3',
    ).node;
    expect(c3).toMatchObject({
      status: 'UNCLAIMED',
      maxHours: 12.5,
      learner: null,
      metadata: {},
      issuer: { name: 'Udemy Business' },
      connector: { name: 'Udemy' },
      dataHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    });
    expect(c3.uid).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const search = async (filter: Record<string, unknown>) =>
      (
        await app.gql(
          `query($filter: CredentialFilter) { credentials(filter: $filter) { totalCount edges { node { externalId } } } }`,
          { filter },
        )
      ).data?.credentials;
    expect((await search({ search: 'welding' })).edges).toEqual([{ node: { externalId: 'c2' } }]);
    expect((await search({ search: c3.uid })).edges).toEqual([{ node: { externalId: 'c3' } }]);
    expect((await search({ learnerEmail: 'ASHA@example.ORG' })).totalCount).toBe(2);
    expect((await search({ issuerId: issuers[0].id, status: 'UNCLAIMED' })).totalCount).toBe(6);
    expect((await search({ connectorId })).totalCount).toBe(6);
    expect((await search({ issuedAfter: '2026-01-01T00:00:04Z' })).totalCount).toBe(2);
    expect((await search({ search: '50%_' })).totalCount).toBe(0);

    const node = await app.gql(
      `query($id: ID!) { node(id: $id) { ... on Credential { externalId } } credential(id: $id) { title } }`,
      {
        id: c3.id,
      },
    );
    expect(node.data).toEqual({
      node: { externalId: 'c3' },
      credential: { title: 'Data Entry Operator' },
    });
  });

  it('registers a learner, claiming their UNCLAIMED credentials case-insensitively, once', async () => {
    const REGISTER = `mutation($email: String!) { registerLearner(email: $email) {
      learner { id email } claimed { externalId status learner { email } } userErrors { code field message } } }`;
    const registered = (await app.gql(REGISTER, { email: 'ASHA@example.org' })).data
      ?.registerLearner;
    expect(registered.userErrors).toEqual([]);
    expect(registered.learner.email).toBe('ASHA@example.org');
    expect(registered.claimed.map((c: { externalId: string }) => c.externalId).sort()).toEqual([
      'c1',
      'c2',
    ]);
    expect(registered.claimed[0]).toMatchObject({
      status: 'ISSUED',
      learner: { email: 'ASHA@example.org' },
    });

    const again = (await app.gql(REGISTER, { email: 'asha@EXAMPLE.org' })).data?.registerLearner;
    expect(again).toEqual({
      learner: null,
      claimed: [],
      userErrors: [
        { code: 'CONFLICT', field: ['email'], message: 'a learner with this email already exists' },
      ],
    });
    const bad = (await app.gql(REGISTER, { email: 'not an email' })).data?.registerLearner;
    expect(bad.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['email'], message: 'must be an email address' },
    ]);

    const learner = (
      await app.gql(`{ learner(email: "asha@example.org") { email credentials { totalCount } } }`)
    ).data?.learner;
    expect(learner).toEqual({ email: 'ASHA@example.org', credentials: { totalCount: 2 } });
    expect(
      (await app.gql(`{ learner(email: "nobody@example.org") { email } }`)).data?.learner,
    ).toBeNull();

    // Only ADMIN registers learners.
    const token = (
      await app.gql(`mutation { createApiToken(input: { name: "ops", role: OPERATOR }) { token } }`)
    ).data?.createApiToken.token;
    const forbidden = await app.gql(REGISTER, { email: 'b@example.org' }, token);
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("turns the seed's NSDC_*/UDEMY_*/JAIMIN_* variables into connectors, updating them in place", async () => {
    const env = {
      NSDC_ENABLED: 'true',
      NSDC_BASE_URL: 'https://nsdc.example',
      NSDC_ISSUER_ID: '1',
      NSDC_CLIENT_ID: 'nsdc-client',
      NSDC_CLIENT_SECRET: 'nsdc-secret',
      JAIMIN_ENABLED: 'true',
      JAIMIN_BASE_URL: 'https://jaimin.example',
      JAIMIN_API_KEY: 'jaimin-key',
      POLL_INTERVAL_HOURS: '6',
      POSSIBLE_MAX_HOUR: '800',
    };
    const logger = createLogger({ level: 'silent' });
    expect(await applySeedConnectors(env, app.services.connectors, logger)).toEqual([
      'NSDC',
      'JAIMIN',
    ]);
    expect(
      await applySeedConnectors(
        { ...env, NSDC_BASE_URL: 'https://nsdc2.example' },
        app.services.connectors,
        logger,
      ),
    ).toEqual(['NSDC', 'JAIMIN']);
    const list = (
      await app.gql(
        `{ connectors { edges { node { name authType hasCredentials config schedule { enabled cron timezone } } } } }`,
      )
    ).data?.connectors.edges.map((e: { node: Record<string, any> }) => e.node);
    const nsdc = list.find((c: { name: string }) => c.name === 'NSDC');
    expect(nsdc).toMatchObject({
      authType: 'JWT',
      hasCredentials: true,
      config: {
        baseUrl: 'https://nsdc2.example',
        maxHours: 800,
        issuerName: 'NSDC',
        providerId: 'nsdc',
      },
      schedule: { enabled: true, cron: '0 */6 * * *', timezone: 'UTC' },
    });
    expect(list.find((c: { name: string }) => c.name === 'JAIMIN')).toMatchObject({
      authType: 'API_KEY',
    });
    expect(
      await applySeedConnectors({ UDEMY_ENABLED: 'true' }, app.services.connectors, logger).catch(
        (e: unknown) => e,
      ),
    ).toBeInstanceOf(SeedConfigError);
  });
});
