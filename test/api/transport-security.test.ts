/**
 * Transports that refuse a man in the middle, and secrets that follow their
 * target: plain http:// and PG_DATABASE without TLS need allowInsecure off
 * loopback, BANK_SFTP pins its host key on first use, and moving a
 * connector's target needs its credentials again.
 */
import { setOutboundPolicy } from '../../src/security/outbound';
import { startTestApp, type TestApp } from '../support/app';
import { startSftpServer, type SftpServer } from '../support/sftp-server';

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id config } userErrors { code field message } }
}`;
const UPDATE = `mutation($input: UpdateConnectorInput!) {
  updateConnector(input: $input) { connector { id config } userErrors { code field message } }
}`;
const TEST = `mutation($id: ID!) { testConnector(id: $id) { run { status errorMessage } userErrors { code } } }`;
const CONFIG = `query($id: ID!) { connector(id: $id) { config } }`;

const PG_QUERY = 'select * from t where updated_at > :since order by updated_at limit :limit';

describe('transport security', () => {
  let app: TestApp;
  let seq = 0;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function create(input: Record<string, unknown>) {
    seq += 1;
    const res = await app.gql(CREATE, { input: { name: `t${seq}`, sourceEntity: 'X', ...input } });
    return res.data?.createConnector;
  }

  describe('plain http:// and Postgres without TLS', () => {
    it('refuses an http:// baseUrl off loopback unless allowInsecure is set', async () => {
      const refused = await create({
        kind: 'WOOCOMMERCE',
        authType: 'API_KEY',
        config: { baseUrl: 'http://shop.example' },
        credentials: { apiKey: 'ck_1:cs_1' },
      });
      expect(refused.userErrors).toEqual([
        expect.objectContaining({
          code: 'INVALID_INPUT',
          field: ['input', 'config', 'baseUrl'],
          message: expect.stringContaining('allowInsecure'),
        }),
      ]);
      const allowed = await create({
        kind: 'PG_API',
        authType: 'NONE',
        config: { baseUrl: 'http://reports.example', allowInsecure: true },
      });
      expect(allowed.userErrors).toEqual([]);
      expect(allowed.connector.config).toMatchObject({ allowInsecure: true });
      for (const baseUrl of ['http://127.0.0.1:9', 'http://localhost:9', 'https://x.example']) {
        const ok = await create({ kind: 'PG_API', authType: 'NONE', config: { baseUrl } });
        expect(ok.userErrors).toEqual([]);
      }
    });

    it('refuses PG_DATABASE without TLS off loopback unless allowInsecure is set', async () => {
      const base = {
        kind: 'PG_DATABASE',
        authType: 'BASIC',
        credentials: { username: 'u', password: 'p' },
      };
      const config = {
        database: 'payments',
        entity: 'transaction',
        query: PG_QUERY,
        cursorColumn: 'updated_at',
      };
      const refused = await create({
        ...base,
        config: { ...config, host: 'db.example', ssl: false },
      });
      expect(refused.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'config', 'ssl'] }),
      ]);
      for (const [extra, ssl] of [
        [{ host: 'db.example' }, true],
        [{ host: 'db.example', ssl: false, allowInsecure: true }, false],
        [{ host: '127.0.0.1' }, false],
      ] as const) {
        const ok = await create({ ...base, config: { ...config, ...extra } });
        expect(ok.userErrors).toEqual([]);
        expect(ok.connector.config.ssl).toBe(ssl);
      }
    });
  });

  describe('BANK_SFTP host key, trust on first use', () => {
    let sftp: SftpServer;
    afterEach(() => sftp?.close());

    it('pins the key on the first successful test and refuses a server with another key', async () => {
      sftp = await startSftpServer({ users: [{ username: 'bank', password: 'pw-sftp-1' }] });
      await sftp.put('/outbox/README', 'x');
      const created = await create({
        kind: 'BANK_SFTP',
        authType: 'SSH_PASSWORD',
        config: { host: sftp.host, port: sftp.port, remoteDir: '/outbox' },
        credentials: { username: 'bank', password: 'pw-sftp-1' },
      });
      expect(created.userErrors).toEqual([]);
      const { id } = created.connector;
      expect(created.connector.config.hostKeyFingerprint).toBeNull();

      const first = (await app.gql(TEST, { id })).data?.testConnector.run;
      expect(first.status).toBe('SUCCESS');
      const pinned = (await app.gql(CONFIG, { id })).data?.connector.config;
      expect(pinned.hostKeyFingerprint).toBe(sftp.hostKeyFingerprint);

      // The same port now answers with another host key: a man in the middle, or a new server.
      const { port } = sftp;
      const oldKey = sftp.hostKeyFingerprint;
      await sftp.close();
      sftp = await startSftpServer({ port, users: [{ username: 'bank', password: 'pw-sftp-1' }] });
      expect(sftp.hostKeyFingerprint).not.toBe(oldKey);
      const operations = sftp.operations.length;
      const second = (await app.gql(TEST, { id })).data?.testConnector.run;
      expect(second.status).toBe('FAILED');
      expect(second.errorMessage).toContain('does not match hostKeyFingerprint');
      expect(sftp.operations).toHaveLength(operations);
      expect((await app.gql(CONFIG, { id })).data?.connector.config.hostKeyFingerprint).toBe(
        oldKey,
      );

      // An edit that leaves the key out keeps it; only an ADMIN clearing it re-opens first use.
      const kept = await app.gql(UPDATE, {
        input: { id, config: { host: sftp.host, port, remoteDir: '/outbox', delimiter: ';' } },
      });
      expect(kept.data?.updateConnector.connector.config.hostKeyFingerprint).toBe(oldKey);
      const cleared = await app.gql(UPDATE, {
        input: { id, config: { host: sftp.host, port, remoteDir: '/', hostKeyFingerprint: null } },
      });
      expect(cleared.data?.updateConnector.userErrors).toEqual([]);
      expect((await app.gql(TEST, { id })).data?.testConnector.run.status).toBe('SUCCESS');
      expect((await app.gql(CONFIG, { id })).data?.connector.config.hostKeyFingerprint).toBe(
        sftp.hostKeyFingerprint,
      );
    });
  });

  describe('the outbound policy covers SFTP and Postgres too', () => {
    afterEach(() => setOutboundPolicy({ allowPrivateTargets: true }));

    it('refuses loopback SFTP and Postgres hosts with ALLOW_PRIVATE_TARGETS off, connecting nowhere', async () => {
      const sftp = await startSftpServer({ users: [{ username: 'bank', password: 'pw-2' }] });
      try {
        const bank = await create({
          kind: 'BANK_SFTP',
          authType: 'SSH_PASSWORD',
          config: { host: 'localhost', port: sftp.port, remoteDir: '/' },
          credentials: { username: 'bank', password: 'pw-2' },
        });
        const db = await create({
          kind: 'PG_DATABASE',
          authType: 'BASIC',
          credentials: { username: 'u', password: 'p' },
          config: {
            host: '127.0.0.1',
            port: new URL(app.database.url).port ? Number(new URL(app.database.url).port) : 5432,
            database: 'payments',
            entity: 'transaction',
            query: PG_QUERY,
            cursorColumn: 'updated_at',
          },
        });
        setOutboundPolicy({ allowPrivateTargets: false });
        for (const id of [bank.connector.id, db.connector.id]) {
          const run = (await app.gql(TEST, { id })).data?.testConnector.run;
          expect(run.status).toBe('FAILED');
          expect(run.errorMessage).toMatch(/refused: .* loopback or private address/);
        }
        expect(sftp.operations).toEqual([]);
        setOutboundPolicy({ allowPrivateTargets: true });
        expect(
          (await app.gql(TEST, { id: bank.connector.id })).data?.testConnector.run.status,
        ).toBe('SUCCESS');
      } finally {
        await sftp.close();
      }
    });
  });

  describe('secrets follow their target', () => {
    it.each([
      [
        'ISSUER_API',
        'baseUrl',
        { authType: 'API_KEY', credentials: { apiKey: 'k-1' } },
        { baseUrl: 'https://issuer.example' },
        { baseUrl: 'https://attacker.example' },
      ],
      [
        'ISSUER_API',
        'tokenPath',
        { authType: 'JWT', credentials: { clientId: 'c', clientSecret: 's' } },
        { baseUrl: 'https://issuer.example' },
        { baseUrl: 'https://issuer.example', tokenPath: '/../collect' },
      ],
      [
        'BANK_SFTP',
        'host',
        { authType: 'SSH_PASSWORD', credentials: { username: 'u', password: 'p' } },
        { host: 'sftp.bank.example', remoteDir: '/out' },
        { host: 'sftp.attacker.example', remoteDir: '/out' },
      ],
      [
        'BANK_SFTP',
        'port',
        { authType: 'SSH_PASSWORD', credentials: { username: 'u', password: 'p' } },
        { host: 'sftp.bank.example', remoteDir: '/out' },
        { host: 'sftp.bank.example', port: 2222, remoteDir: '/out' },
      ],
      [
        'PG_DATABASE',
        'database',
        { authType: 'BASIC', credentials: { username: 'u', password: 'p' } },
        {
          host: '127.0.0.1',
          database: 'payments',
          entity: 'transaction',
          query: PG_QUERY,
          cursorColumn: 'updated_at',
        },
        {
          host: '127.0.0.1',
          database: 'other',
          entity: 'transaction',
          query: PG_QUERY,
          cursorColumn: 'updated_at',
        },
      ],
    ])('%s: moving %s needs the credentials again', async (kind, field, auth, before, after) => {
      const created = await create({ kind, ...auth, config: before });
      expect(created.userErrors).toEqual([]);
      const { id } = created.connector;
      const moved = await app.gql(UPDATE, { input: { id, config: after } });
      expect(moved.data?.updateConnector.userErrors).toEqual([
        expect.objectContaining({
          code: 'INVALID_INPUT',
          field: ['input', 'config', field],
          message: expect.stringContaining('credentials'),
        }),
      ]);
      expect((await app.gql(CONFIG, { id })).data?.connector.config).toMatchObject(before);
      const withSecrets = await app.gql(UPDATE, {
        input: { id, config: after, credentials: auth.credentials },
      });
      expect(withSecrets.data?.updateConnector.userErrors).toEqual([]);
    });
  });
});
