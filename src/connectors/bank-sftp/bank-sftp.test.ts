import { symlink } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import { connectorContext, rejectionOf } from '../../../test/support/connector-context';
import {
  generateClientKeyPair,
  startSftpServer,
  type ClientKeyPair,
  type SftpServer,
} from '../../../test/support/sftp-server';
import { ConnectorError } from '../errors';
import type { AuthType, Secrets } from '../types';
import { bankSftp, bankSftpConfig, fileNameFor, filePatternRegExp, withSftp } from '.';

const PASSWORD = 'pw-7c41e9!b';
const PASSPHRASE = 'pp-0d5a3f';
const CSV = 'utr,amount,value_date,txn_id\nUTR1,100.50,2024-01-31,T1\n';

let server: SftpServer;
let keys: ClientKeyPair;

beforeAll(async () => {
  // Few bcrypt rounds: ssh2 derives the key in pure JS, twice per test (here and in the client).
  keys = generateClientKeyPair({ passphrase: PASSPHRASE, rounds: 2 });
  server = await startSftpServer({
    users: [
      { username: 'recon', password: PASSWORD },
      { username: 'recon-key', publicKey: keys.publicKey },
    ],
  });
  await server.put('/outbox/SETTLEMENT_20240130.csv', CSV);
  await server.put('/outbox/SETTLEMENT_20240130.csv.sha256', 'abc  SETTLEMENT_20240130.csv\n');
  await server.put('/outbox/SETTLEMENT_20240131.csv', CSV);
  await server.put('/outbox/README.txt', 'drop zone\n');
  await server.put('/outbox/archive/SETTLEMENT_20231231.csv', CSV);
});
afterAll(() => server.close());

interface Options {
  config?: Record<string, unknown>;
  authType?: AuthType;
  secrets?: Secrets;
  signal?: AbortSignal;
}

function context(options: Options = {}) {
  return connectorContext({
    config: bankSftpConfig.parse({
      host: server.host,
      port: server.port,
      remoteDir: '/outbox',
      timeoutMs: 5_000,
      hostKeyFingerprint: server.hostKeyFingerprint,
      ...options.config,
    }),
    authType: options.authType ?? 'SSH_PASSWORD',
    secrets: options.secrets ?? { username: 'recon', password: PASSWORD },
    signal: options.signal,
  });
}

function expectSecretAbsent(error: Error, ...secrets: string[]) {
  for (const secret of secrets) {
    expect(error.message).not.toContain(secret);
    expect(error.stack ?? '').not.toContain(secret);
  }
}

/** The server notices a disconnect a moment after the client makes it. */
async function expectNoConnections() {
  for (let i = 0; i < 50 && server.activeConnections() > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(server.activeConnections()).toBe(0);
}

describe('BANK_SFTP test()', () => {
  it('authenticates with a password and lists remoteDir, counting pattern matches', async () => {
    const outcome = await bankSftp.test(context());
    expect(outcome.message).toBe(
      'connected as recon; /outbox lists 5 entries (2 matching SETTLEMENT_{YYYYMMDD}.csv)',
    );
    expect(outcome.details).toEqual({
      remoteDir: '/outbox',
      entries: 5,
      matching: 2,
      hostKey: server.hostKeyFingerprint,
    });
    expect(server.operations).toContainEqual({ username: 'recon', op: 'OPENDIR', path: '/outbox' });
    await expectNoConnections();
  });

  it('accepts the pinned host key and refuses another before sending credentials', async () => {
    const pinned = await bankSftp.test(
      context({ config: { hostKeyFingerprint: server.hostKeyFingerprint } }),
    );
    expect(pinned.details).toMatchObject({ hostKey: server.hostKeyFingerprint });

    const impostor = `SHA256:${'A'.repeat(43)}`;
    const operationsBefore = server.operations.length;
    const error = await rejectionOf(
      bankSftp.test(context({ config: { hostKeyFingerprint: impostor } })),
    );
    expect(error).toMatchObject({ code: 'AUTH_FAILED' });
    expect(error.message).toContain(`host key ${server.hostKeyFingerprint} does not match`);
    // No session was opened, so nothing was listed.
    expect(server.operations).toHaveLength(operationsBefore);
    await expectNoConnections();
  });

  it('authenticates with a passphrase-protected private key', async () => {
    const outcome = await bankSftp.test(
      context({
        authType: 'SSH_KEY',
        secrets: { username: 'recon-key', privateKey: keys.privateKey, passphrase: PASSPHRASE },
        config: { filePattern: 'README.{YYYYMMDD}' },
      }),
    );
    expect(outcome.message).toBe(
      'connected as recon-key; /outbox lists 5 entries (0 matching README.{YYYYMMDD})',
    );
    await expectNoConnections();
  });

  it('reports a wrong password as AUTH_FAILED without echoing it', async () => {
    const wrong = 'not-the-pw-93f1';
    const error = await rejectionOf(
      bankSftp.test(context({ secrets: { username: 'recon', password: wrong } })),
    );
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'AUTH_FAILED' });
    expect(error.message).toContain('recon');
    expectSecretAbsent(error, wrong, PASSWORD);
    await expectNoConnections();
  });

  it('reports a key the server does not know, or a wrong passphrase, as AUTH_FAILED', async () => {
    const stranger = generateClientKeyPair();
    const unknownKey = await rejectionOf(
      bankSftp.test(
        context({
          authType: 'SSH_KEY',
          secrets: { username: 'recon-key', privateKey: stranger.privateKey },
        }),
      ),
    );
    expect(unknownKey).toMatchObject({ code: 'AUTH_FAILED' });
    expectSecretAbsent(unknownKey, stranger.privateKey, 'PRIVATE KEY');

    const wrongPassphrase = 'pp-wrong-44';
    const badPassphrase = await rejectionOf(
      bankSftp.test(
        context({
          authType: 'SSH_KEY',
          secrets: {
            username: 'recon-key',
            privateKey: keys.privateKey,
            passphrase: wrongPassphrase,
          },
        }),
      ),
    );
    expect(badPassphrase).toMatchObject({ code: 'AUTH_FAILED' });
    expect(badPassphrase.message).toMatch(/passphrase/);
    expectSecretAbsent(badPassphrase, wrongPassphrase, keys.privateKey, 'PRIVATE KEY');

    const publicOnly = await rejectionOf(
      bankSftp.test(
        context({
          authType: 'SSH_KEY',
          secrets: { username: 'recon-key', privateKey: keys.publicKey },
        }),
      ),
    );
    expect(publicOnly).toMatchObject({ code: 'AUTH_FAILED' });
  });

  it('reports a missing remoteDir as an SFTP error naming it', async () => {
    const error = await rejectionOf(bankSftp.test(context({ config: { remoteDir: '/missing' } })));
    expect(error).toMatchObject({ code: 'SFTP' });
    expect(error.message).toContain('/missing');
    expect(error.message).toMatch(/no such file/);
    await expectNoConnections();
  });

  it('reports a closed port as NETWORK', async () => {
    const port = await closedPort();
    const error = await rejectionOf(bankSftp.test(context({ config: { port } })));
    expect(error).toMatchObject({ code: 'NETWORK' });
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('reports a server that never speaks SSH as TIMEOUT', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const started = Date.now();
      const error = await rejectionOf(bankSftp.test(context({ config: { port, timeoutMs: 300 } })));
      expect(error).toMatchObject({ code: 'TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      silent.close();
    }
  });

  it('stops at once when the signal aborts, closing the connection', async () => {
    const controller = new AbortController();
    const reason = new Error('run cancelled');
    const pending = withSftp(context({ signal: controller.signal }), async (session) => {
      await session.call('list /outbox', (client) => client.list('/outbox'));
      controller.abort(reason);
      return new Promise(() => undefined); // would never settle on its own
    });
    await expect(pending).rejects.toBe(reason);
    await expectNoConnections();
  });
});

describe('withSftp', () => {
  it('sends no credential to a server whose key is not pinned (only a test pins it)', async () => {
    const before = server.operations.length;
    const error = await rejectionOf(
      withSftp(context({ config: { hostKeyFingerprint: null } }), async () => 'listed'),
    );
    expect(error).toMatchObject({ code: 'CONFIG' });
    expect(error.message).toContain('no host key is pinned yet');
    expect(server.operations).toHaveLength(before);
    const learned = await bankSftp.test(context({ config: { hostKeyFingerprint: null } }));
    expect(learned.learned).toEqual({ hostKeyFingerprint: server.hostKeyFingerprint });
    expect((await bankSftp.test(context())).learned).toBeUndefined();
  });

  it('downloads a file and its sidecar', async () => {
    const [csv, sidecar] = await withSftp(context(), (session) =>
      Promise.all([
        session.call('get', (client) => client.get('/outbox/SETTLEMENT_20240131.csv')),
        session.call('get', (client) => client.get('/outbox/SETTLEMENT_20240130.csv.sha256')),
      ]),
    );
    expect(csv.toString()).toBe(CSV);
    expect(sidecar.toString()).toMatch(/^abc {2}SETTLEMENT_20240130\.csv/);
  });

  it('sees the served directory as / and refuses writes and escapes', async () => {
    await symlink(os.tmpdir(), `${server.root}/outbox-link`);
    await withSftp(context(), async (session) => {
      // `..` stops at the top, as under chroot.
      const top = await session.call('list', (client) => client.list('/../..'));
      expect(top.map((entry) => entry.name).sort()).toEqual(['outbox', 'outbox-link']);
      expect(await session.client.realPath('/outbox/../..')).toBe('/');

      const escape = await rejectionOf(
        session.call('list /outbox-link', (client) => client.list('/outbox-link')),
      );
      expect(escape).toMatchObject({ code: 'SFTP', message: expect.stringMatching(/permission/) });

      const write = await rejectionOf(
        session.call('put /outbox/x.csv', (client) =>
          client.put(Buffer.from('x'), '/outbox/x.csv'),
        ),
      );
      expect(write).toMatchObject({ code: 'SFTP' });
    });
  });
});

describe('BANK_SFTP config', () => {
  it('fills in the defaults', () => {
    expect(bankSftpConfig.parse({ host: 'sftp.bank.example', remoteDir: '/out' })).toEqual({
      host: 'sftp.bank.example',
      port: 22,
      remoteDir: '/out',
      filePattern: 'SETTLEMENT_{YYYYMMDD}.csv',
      delimiter: ',',
      columns: { bankReference: 'utr', amount: 'amount', valueDate: 'value_date', txnId: 'txn_id' },
      checksum: 'sha256-sidecar',
      hostKeyFingerprint: null,
      syncDaysBack: 1,
      requireFile: false,
      timeoutMs: 30_000,
    });
    expect(
      bankSftpConfig.parse({
        host: '10.0.0.7',
        remoteDir: '/',
        columns: { amount: 'amt' },
        checksum: 'none',
        delimiter: '|',
      }),
    ).toMatchObject({ columns: { amount: 'amt', bankReference: 'utr' }, checksum: 'none' });
  });

  it.each([
    ['an unknown key', { extra: 1 }],
    ['an unknown column key', { columns: { utr: 'x' } }],
    ['a pattern without the date', { filePattern: 'SETTLEMENT.csv' }],
    ['a pattern with a directory', { filePattern: 'in/SETTLEMENT_{YYYYMMDD}.csv' }],
    ['a relative remoteDir', { remoteDir: 'outbox' }],
    ['a long delimiter', { delimiter: ';;' }],
    ['a port out of range', { port: 70_000 }],
    ['a host with a scheme', { host: 'sftp://bank.example' }],
    ['an empty host', { host: ' ' }],
  ])('rejects %s', (_, override) => {
    const result = bankSftpConfig.safeParse({
      host: 'bank.example',
      remoteDir: '/out',
      ...override,
    });
    expect(result.success).toBe(false);
  });

  it('matches file names by pattern and names a date’s file', () => {
    const pattern = filePatternRegExp('SETTLEMENT_{YYYYMMDD}.csv');
    expect(pattern.test('SETTLEMENT_20240131.csv')).toBe(true);
    expect(pattern.test('SETTLEMENT_20240131.csv.sha256')).toBe(false);
    expect(pattern.test('SETTLEMENT_2024013.csv')).toBe(false);
    expect(pattern.test('SETTLEMENT_20240131xcsv')).toBe(false);
    expect(fileNameFor('SETTLEMENT_{YYYYMMDD}.csv', new Date('2024-01-31T00:00:00Z'))).toBe(
      'SETTLEMENT_20240131.csv',
    );
    expect(fileNameFor('S_{DDMMYYYY}_{YYYY-MM-DD}.csv', new Date('2024-01-31T00:00:00Z'))).toBe(
      'S_31012024_2024-01-31.csv',
    );
    const ofDate = filePatternRegExp('STL_{DDMMYYYY}_*.csv', '2024-01-31');
    expect(ofDate.test('STL_31012024_batch7.csv')).toBe(true);
    expect(ofDate.test('STL_30012024_batch7.csv')).toBe(false);
    expect(filePatternRegExp('S_{YYYY-MM-DD}.csv').test('S_2024-01-31.csv')).toBe(true);
  });

  it('offers both SSH auth types with the shared schemas', () => {
    expect(bankSftp.authTypes).toEqual(['SSH_PASSWORD', 'SSH_KEY']);
    expect(bankSftp.credentialsSchemas.SSH_KEY?.parse({ username: 'u', privateKey: 'k' })).toEqual({
      username: 'u',
      privateKey: 'k',
    });
    expect(bankSftp.credentialsSchemas.SSH_PASSWORD?.safeParse({ username: 'u' }).success).toBe(
      false,
    );
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
