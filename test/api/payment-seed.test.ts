/** The SabPaisa connector the payments seed expects, from SABPAISA_API_BASE_URL at start-up. */
import { startTestApp, type TestApp } from '../support/app';
import { applySeedConnectors, SeedConfigError } from '../../src/bootstrap/seed-connectors';
import { sabPaisaEndpoint } from '../../src/bootstrap/seed-payment-connectors';
import { createLogger } from '../../src/logger';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const logger = createLogger({ level: 'silent' });
const SEED_URL = 'https://reportapi.sabpaisa.in/SabPaisaReport/REST/SettlePaisa/txnData';

async function sabPaisa() {
  const list = await app.gql(
    `{ connectors { edges { node { id name kind sourceEntity authType hasCredentials config
        schedule { enabled cron timezone } } } } }`,
  );
  return list
    .data!.connectors.edges.map((e: { node: Record<string, any> }) => e.node)
    .filter((c: { name: string }) => c.name === 'SabPaisa PG API');
}

describe("the payments seed's SabPaisa connector", () => {
  it('is not created without SABPAISA_API_BASE_URL', async () => {
    expect(await applySeedConnectors({}, app.services.connectors, logger)).toEqual([]);
    expect(await sabPaisa()).toEqual([]);
  });

  it('is created from SABPAISA_API_BASE_URL as the seed describes it, then updated in place', async () => {
    const env = { SABPAISA_API_BASE_URL: SEED_URL };
    expect(await applySeedConnectors(env, app.services.connectors, logger)).toEqual([
      'SabPaisa PG API',
    ]);
    const [created] = await sabPaisa();
    expect(created).toMatchObject({
      kind: 'PG_API',
      sourceEntity: 'SABPAISA',
      authType: 'IP_WHITELIST',
      hasCredentials: false,
      config: {
        baseUrl: 'https://reportapi.sabpaisa.in/SabPaisaReport/REST/SettlePaisa',
        path: '/txnData',
        merchantCodes: ['ALL'],
        syncDaysBack: 1,
        pageSize: 500,
      },
      schedule: { enabled: true, cron: '0 2 * * *', timezone: 'Asia/Kolkata' },
    });

    // An admin's own settings stay; the variables own URL, auth and schedule.
    await app.gql(
      `mutation($input: UpdateConnectorInput!) { updateConnector(input: $input) { userErrors { message } } }`,
      { input: { id: created.id, config: { ...created.config, merchantCodes: ['M1', 'M2'] } } },
    );
    await applySeedConnectors(
      { SABPAISA_API_BASE_URL: 'https://gateway.example/api', SABPAISA_API_KEY: 'sp-key-5e1d' },
      app.services.connectors,
      logger,
    );
    const after = await sabPaisa();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      id: created.id,
      authType: 'API_KEY',
      hasCredentials: true,
      config: {
        baseUrl: 'https://gateway.example/api',
        path: '/txnData',
        merchantCodes: ['M1', 'M2'],
      },
    });
    expect(app.responses.join('\n')).not.toContain('sp-key-5e1d');
  });

  it('stops the start on a bad value, naming the variable', async () => {
    const error = await applySeedConnectors(
      { SABPAISA_API_BASE_URL: 'ftp://gateway.example' },
      app.services.connectors,
      logger,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedConfigError);
    expect((error as SeedConfigError).problems[0]).toMatch(/^SABPAISA_API_BASE_URL: /);
  });

  it('splits the seed report URL into base and path', () => {
    expect(sabPaisaEndpoint('https://gw.example/a/txnData/')).toEqual({
      baseUrl: 'https://gw.example/a',
      path: '/txnData',
    });
    expect(sabPaisaEndpoint('https://gw.example/txnData')).toEqual({
      baseUrl: 'https://gw.example',
      path: '/txnData',
    });
    expect(sabPaisaEndpoint('https://gw.example/reports/')).toEqual({
      baseUrl: 'https://gw.example/reports',
      path: '/txnData',
    });
  });
});
