/**
 * A provider's data steering the hub's requests, through a real sync: PDF
 * URLs pointing at cloud metadata and at another port (which records what
 * it receives), an error page whose body must not reach the run log a
 * VIEWER reads, and a loopback provider with ALLOW_PRIVATE_TARGETS off.
 * (Private ranges other than loopback are refused in client.test.ts, which
 * proves no connection is attempted.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setOutboundPolicy } from '../../src/security/outbound';
import { startTestApp, type TestApp } from '../support/app';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';
import { IssuerProvider } from '../support/issuer-provider';
import { waitFor } from '../support/wait';

const LOGS = `query($id: ID!) { run(id: $id) { status logs(first: 50) { edges { node { message externalId } } } } }`;

describe('outbound requests during a sync', () => {
  let app: TestApp;
  let issuer: IssuerProvider;
  let elsewhere: http.Server;
  const seen: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    issuer = await IssuerProvider.start();
    elsewhere = http.createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7\n');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    setOutboundPolicy({ allowPrivateTargets: true });
    await new Promise((resolve) => elsewhere.close(resolve));
    await issuer.close();
    await app.close();
  });

  async function sync(name: string): Promise<{ status: string; logs: string[] }> {
    const connectorId = await createIssuerConnector(app, issuer, name, {
      verifyPath: null,
      retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 10 },
    });
    const runId = await queueRun(app, connectorId);
    const run = await waitFor('the run to end', async () => {
      const r = (await app.gql(LOGS, { id: runId })).data?.run;
      return r && ['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED'].includes(r.status) ? r : null;
    });
    return {
      status: run.status,
      logs: run.logs.edges.map((e: { node: { message: string } }) => e.node.message),
    };
  }

  it('fetches no metadata address, sends no key to another port, and logs no body', async () => {
    const port = (elsewhere.address() as AddressInfo).port;
    const records = issuer.seed(3, Date.UTC(2026, 1, 1), 'o');
    records[0].pdf_url = 'http://169.254.169.254/latest/meta-data/iam/security-credentials/';
    records[1].pdf_url = `http://127.0.0.1:${port}/x.pdf`;
    records[2].pdf_url = `${issuer.url}/pdf/error.pdf`;
    issuer.http.on('GET', '/pdf/error.pdf', {
      status: 500,
      text: '<html>db password: hunter2, internal host db-7.corp</html>',
    });
    const { status, logs } = await sync('Outbound');
    expect(status).toBe('SUCCESS');
    const text = logs.join('\n');
    expect(text).toContain('link-local or cloud metadata address, which is never reached');
    expect(text).toContain('GET /pdf/error.pdf answered 500');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('db-7.corp');
    // Another origin gets no credential, whatever its port.
    expect(seen).toHaveLength(1);
    expect(seen[0]['x-api-key']).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain(issuer.apiKey);
    // Every credential is kept, with or without its PDF.
    expect(await app.db('credentials').whereIn('externalId', ['o0', 'o1', 'o2'])).toHaveLength(3);
  });

  it('refuses private and loopback targets when ALLOW_PRIVATE_TARGETS is off', async () => {
    setOutboundPolicy({ allowPrivateTargets: false });
    try {
      issuer.seed(1, Date.UTC(2026, 2, 1), 'p');
      const before = issuer.http.requests.length;
      const { status, logs } = await sync('Loopback');
      expect(status).toBe('FAILED');
      expect(logs.join('\n')).toContain('loopback or private address');
      expect(issuer.http.requests).toHaveLength(before);
    } finally {
      setOutboundPolicy({ allowPrivateTargets: true });
    }
  });
});
