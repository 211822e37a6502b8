/**
 * BANK_API end to end: a bank's settlement API on loopback (`GET
 * /settlements?date&page` answering `{ data, next_page }`), connectors run
 * through GraphQL, the settlements read back through GraphQL.
 */
import { LosslessNumber } from 'lossless-json';
import { startTestApp, type TestApp } from '../support/app';
import { bankSettlementsRoute } from '../support/bank-api';
import { HttpProvider } from '../support/http-provider';

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;
const BACKFILL = `mutation($input: BackfillConnectorInput!) {
  backfillConnector(input: $input) { run { id } userErrors { message } }
}`;
const GET_RUN = `query($id: ID!) { run(id: $id) {
  id status errorMessage
  stats { recordsFetched recordsCreated recordsUpdated recordsSkipped recordsFailed pagesFetched skipped { reason count } }
} }`;
const SETTLEMENTS = `query($filter: SettlementFilter) {
  settlements(first: 100, filter: $filter) {
    totalCount edges { node { bankReference amount currency valueDate txnId lineNumber sourceFile { id } } }
  }
}`;
const FAST_RETRY = { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 50 };
const API_KEY = 'bank-key-6f0d1a';

/** Pages of settlements per date, as the bank serves them. */
type Book = Record<string, Record<string, unknown>[][]>;

const bankRoute = (book: Book) => bankSettlementsRoute((date) => book[date] ?? [[]]);

describe('BANK_API sync', () => {
  let app: TestApp;
  let bank: HttpProvider;
  beforeAll(async () => {
    app = await startTestApp({ worker: { heartbeatMs: 100 } });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    bank = await HttpProvider.start();
  });
  afterEach(() => bank.close());

  let count = 0;
  async function createConnector(authType: string, credentials: Record<string, string>) {
    count += 1;
    const result = await app.gql(CREATE, {
      input: {
        name: `bank api ${count}`,
        kind: 'BANK_API',
        sourceEntity: 'ICICI',
        authType,
        config: { baseUrl: bank.url, retry: FAST_RETRY },
        credentials,
      },
    });
    expect(result.data?.createConnector.userErrors).toEqual([]);
    return result.data!.createConnector.connector.id as string;
  }

  async function backfill(id: string, from: string, to = from) {
    const queued = await app.gql(BACKFILL, { input: { id, from, to } });
    const runId = queued.data!.backfillConnector.run.id as string;
    for (;;) {
      const run = (await app.gql(GET_RUN, { id: runId })).data!.run;
      if (!['QUEUED', 'RUNNING'].includes(run.status)) return run;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('reads every page of every date with an API key, twins kept, amounts exact; a re-run is all DUPLICATE', async () => {
    const book: Book = {
      '2024-05-01': [
        [
          {
            utr: 'A1',
            amount: new LosslessNumber('12345678901234.56'),
            value_date: '2024-05-01',
            txn_id: 'T1',
          },
          { utr: 'A2', amount: new LosslessNumber('10.50'), value_date: '2024-05-01' },
        ],
        [
          { utr: 'A2', amount: new LosslessNumber('10.50'), value_date: '2024-05-01' },
          { utr: '', amount: 1, value_date: '2024-05-01' },
        ],
      ],
      '2024-05-02': [[{ utr: 'B1', amount: '7', value_date: '2024-05-02', currency: 'usd' }]],
    };
    bank.on('GET', '/settlements', bankRoute(book), { header: 'X-API-Key', value: API_KEY });
    const id = await createConnector('API_KEY', { apiKey: API_KEY });

    const run = await backfill(id, '2024-05-01', '2024-05-03');
    expect(run).toMatchObject({
      status: 'SUCCESS',
      stats: {
        recordsFetched: 5,
        recordsCreated: 4,
        recordsSkipped: 1,
        pagesFetched: 4,
        skipped: [{ reason: 'INVALID_RECORD', count: 1 }],
      },
    });
    expect(
      bank.requestsTo('/settlements').map((r) => `${r.query.get('date')}#${r.query.get('page')}`),
    ).toEqual(['2024-05-01#1', '2024-05-01#2', '2024-05-02#1', '2024-05-03#1']);
    const listed = (await app.gql(SETTLEMENTS, { filter: { connectorId: id } })).data!.settlements;
    expect(listed.totalCount).toBe(4);
    expect(
      listed.edges
        .map((e: { node: Record<string, unknown> }) => e.node)
        .sort((a: any, b: any) => `${a.bankReference}`.localeCompare(`${b.bankReference}`)),
    ).toEqual([
      {
        bankReference: 'A1',
        amount: '12345678901234.56',
        currency: 'INR',
        valueDate: '2024-05-01',
        txnId: 'T1',
        lineNumber: null,
        sourceFile: null,
      },
      {
        bankReference: 'A2',
        amount: '10.50',
        currency: 'INR',
        valueDate: '2024-05-01',
        txnId: null,
        lineNumber: null,
        sourceFile: null,
      },
      {
        bankReference: 'A2',
        amount: '10.50',
        currency: 'INR',
        valueDate: '2024-05-01',
        txnId: null,
        lineNumber: null,
        sourceFile: null,
      },
      {
        bankReference: 'B1',
        amount: '7',
        currency: 'USD',
        valueDate: '2024-05-02',
        txnId: null,
        lineNumber: null,
        sourceFile: null,
      },
    ]);
    const search = await app.gql(SETTLEMENTS, { filter: { connectorId: id, search: 'T1' } });
    expect(search.data!.settlements.totalCount).toBe(1);
    const byDate = await app.gql(SETTLEMENTS, {
      filter: { connectorId: id, valueDate: '2024-05-02' },
    });
    expect(byDate.data!.settlements.totalCount).toBe(1);

    const again = await backfill(id, '2024-05-01', '2024-05-02');
    expect(again).toMatchObject({
      status: 'SUCCESS',
      stats: {
        recordsCreated: 0,
        recordsUpdated: 0,
        recordsSkipped: 5,
        skipped: [
          { reason: 'DUPLICATE', count: 4 },
          { reason: 'INVALID_RECORD', count: 1 },
        ],
      },
    });
    expect(
      (await app.gql(SETTLEMENTS, { filter: { connectorId: id } })).data!.settlements.totalCount,
    ).toBe(4);
  });

  it('authenticates with OAuth2 client credentials and with Basic', async () => {
    const book: Book = {
      '2024-06-01': [[{ utr: 'O1', amount: '1.00', value_date: '2024-06-01' }]],
    };
    bank.serveTokens({
      path: '/oauth/token',
      clientId: 'cid',
      clientSecret: 'csecret-9',
      encoding: 'form',
    });
    bank.on('GET', '/settlements', bankRoute(book), { bearer: true });
    const oauth = await createConnector('OAUTH2_CLIENT_CREDENTIALS', {
      clientId: 'cid',
      clientSecret: 'csecret-9',
    });
    expect(await backfill(oauth, '2024-06-01')).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsCreated: 1 },
    });

    const basicBank = await HttpProvider.start();
    try {
      basicBank.on('GET', '/settlements', bankRoute(book), {
        basic: { username: 'u', password: 'p-3' },
      });
      count += 1;
      const created = await app.gql(CREATE, {
        input: {
          name: `bank api ${count}`,
          kind: 'BANK_API',
          sourceEntity: 'ICICI',
          authType: 'BASIC',
          config: { baseUrl: basicBank.url, retry: FAST_RETRY },
          credentials: { username: 'u', password: 'p-3' },
        },
      });
      const basic = created.data!.createConnector.connector.id as string;
      expect(await backfill(basic, '2024-06-01')).toMatchObject({
        status: 'SUCCESS',
        stats: { recordsCreated: 1 },
      });
    } finally {
      await basicBank.close();
    }
  });

  it('fails the run clearly when the OAuth2 token endpoint refuses the client, never showing the secret', async () => {
    const secret = 'csecret-never-shown-71c3';
    // A refusal, not a 5xx: no retry would help.
    bank.on('POST', '/oauth/token', {
      status: 401,
      // A careless endpoint that echoes what it was sent.
      json: {
        error: 'invalid_client',
        error_description: `client authentication failed for cid-refused:${secret}`,
      },
    });
    bank.on('GET', '/settlements', bankRoute({}), { bearer: true });
    const id = await createConnector('OAUTH2_CLIENT_CREDENTIALS', {
      clientId: 'cid-refused',
      clientSecret: secret,
    });
    const run = await backfill(id, '2024-06-02');
    expect(run.status).toBe('FAILED');
    expect(run.errorMessage).toBe(
      'authentication failed: token endpoint answered 401: client authentication failed for [redacted]:[redacted]',
    );
    expect(run.stats).toMatchObject({ recordsFetched: 0, recordsCreated: 0 });
    // The client did offer the secret to the token endpoint, and never got past it.
    expect(bank.requestsTo('/oauth/token').length).toBeGreaterThan(0);
    expect(bank.requestsTo('/settlements')).toEqual([]);

    // The secret is nowhere the API or the database show: the run, its logs, the connector.
    const shown = await app.gql(
      `query($run: ID!, $connector: ID!) {
        run(id: $run) { errorMessage logs(first: 100) { edges { node { message data } } } }
        connector(id: $connector) { config }
      }`,
      { run: run.id, connector: id },
    );
    expect(shown.errors).toBeUndefined();
    expect(JSON.stringify(shown.data)).not.toContain(secret);
    const [logs, runs] = await Promise.all([
      app.db.raw(`SELECT string_agg(message || coalesce(data::text, ''), ' ') AS t FROM run_logs`),
      app.db.raw(`SELECT string_agg(coalesce(error_message, ''), ' ') AS t FROM runs`),
    ]);
    expect(`${logs.rows[0].t} ${runs.rows[0].t}`).not.toContain(secret);
    expect(`${logs.rows[0].t}`).toContain('token endpoint answered 401');
  });

  it('fails the run on a body that is not the protocol, naming it', async () => {
    bank.on(
      'GET',
      '/settlements',
      { json: { items: [] } },
      { header: 'X-API-Key', value: API_KEY },
    );
    const id = await createConnector('API_KEY', { apiKey: API_KEY });
    const run = await backfill(id, '2024-07-01');
    expect(run.status).toBe('FAILED');
    expect(run.errorMessage).toContain('GET /settlements');
  });
});
