/**
 * WooCommerce over real HTTPS: a hub process (src/main.ts) trusting a
 * self-signed certificate made for 127.0.0.1 (NODE_EXTRA_CA_CERTS, read at
 * start-up, hence a process of its own) syncs a shop behind a TLS listener
 * on loopback. Over HTTPS the consumer key and secret go as HTTP Basic, never
 * as query parameters; a wrong secret fails the run "consumer key rejected".
 * Needs the `openssl` command (Debian's openssl package) for the certificate.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from './support/db';
import { hubFleet } from './support/hub-process';
import { WooShop } from './support/woo-provider';

const KEY = 'ck_tls_5e1d';
const SECRET = `cs_tls_${randomBytes(8).toString('hex')}`;
const WRONG = `cs_wrong_${randomBytes(8).toString('hex')}`;

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) { connector { id } userErrors { code field message } }
}`;
const RUN = `mutation($input: RunConnectorInput!) {
  runConnector(input: $input) { run { id } userErrors { code message } }
}`;
const GET_RUN = `query($id: ID!) { run(id: $id) {
  id status errorMessage stats { recordsFetched recordsCreated recordsSkipped }
} }`;

describe('WOOCOMMERCE over HTTPS', () => {
  let database: TestDatabase;
  let dir: string;
  let shop: WooShop;
  let tls: https.Server;
  let tlsUrl: string;
  const adminToken = `test-admin-${randomBytes(16).toString('hex')}`;
  const { spawnServer, listening, gql, waitForEnd, killAll } = hubFleet<{
    msg?: string;
    url?: string;
  }>({
    env: () => ({
      DATABASE_URL: database.url,
      TRIBUTARY_SECRET_KEY: randomBytes(32).toString('hex'),
      TRIBUTARY_ADMIN_TOKEN: adminToken,
      DATA_DIR: dir,
      NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem'),
    }),
    adminToken,
    getRun: GET_RUN,
    runTimeoutMs: 20_000,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'tributary-woo-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    shop = await WooShop.start({ key: KEY, secret: SECRET });
    shop.putProduct({
      id: 7,
      name: 'Gold bar',
      sku: 'GB-1',
      price: '1200.00',
      date_modified_gmt: '2026-01-01T10:00:00',
    });
    // TLS in front of the shop: the request, Authorization header included, passed on as it came.
    tls = https.createServer(
      {
        key: await readFile(path.join(dir, 'key.pem')),
        cert: await readFile(path.join(dir, 'cert.pem')),
      },
      (req, res) => {
        void (async () => {
          const answer = await fetch(`${shop.url}${req.url}`, {
            headers: req.headers.authorization ? { authorization: req.headers.authorization } : {},
          });
          const headers: Record<string, string> = {};
          for (const name of ['content-type', 'x-wp-total', 'x-wp-totalpages']) {
            const value = answer.headers.get(name);
            if (value !== null) headers[name] = value;
          }
          res.writeHead(answer.status, headers).end(await answer.text());
        })().catch(() => res.writeHead(502).end());
      },
    );
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    tlsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await killAll();
    tls?.closeAllConnections();
    await new Promise((resolve) => tls?.close(resolve));
    await shop?.close();
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('authenticates with HTTP Basic, puts no key in the URL, and names a rejected key', async () => {
    const hub = await listening(spawnServer('hub'));
    const connector = async (name: string, consumerSecret: string) => {
      const created = (
        await gql(hub, CREATE, {
          input: {
            name,
            kind: 'WOOCOMMERCE',
            sourceEntity: 'SHOP',
            authType: 'BASIC',
            config: { baseUrl: tlsUrl, syncOrders: false, retry: { maxAttempts: 1 } },
            credentials: { consumerKey: KEY, consumerSecret },
          },
        })
      ).createConnector;
      expect(created.userErrors).toEqual([]);
      const queued = (await gql(hub, RUN, { input: { id: created.connector.id } })).runConnector;
      expect(queued.userErrors).toEqual([]);
      return waitForEnd(hub, queued.run.id);
    };

    const good = await connector('tls shop', SECRET);
    expect(good).toMatchObject({
      status: 'SUCCESS',
      stats: { recordsFetched: 1, recordsCreated: 1 },
    });
    const [request] = shop.requestsTo('/products');
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`,
    );
    expect(request.query.has('consumer_key')).toBe(false);
    expect(request.query.has('consumer_secret')).toBe(false);

    const bad = await connector('tls shop, wrong secret', WRONG);
    expect(bad.status).toBe('FAILED');
    expect(bad.errorMessage).toMatch(
      /^WooCommerce consumer key rejected \(authentication failed: GET \/wp-json\/wc\/v3\/products answered 401/,
    );
    const output = hub.output.join('');
    expect(output).not.toContain(SECRET);
    expect(output).not.toContain(WRONG);
    expect(output).not.toContain(Buffer.from(`${KEY}:${WRONG}`).toString('base64'));
  });
});
