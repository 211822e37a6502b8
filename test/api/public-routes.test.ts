/**
 * The routes anyone can reach without a token: what they reveal, how they
 * fail, and the headers every page carries.
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { keccak256, toUtf8Bytes } from 'ethers';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '../support/wait';

const EMAIL = 'Private.Learner@example.org';
const ISSUE = `mutation($input: IssueCredentialInput!) { issueCredential(input: $input) {
  credential { uid } userErrors { code field message } } }`;
const VERIFY = `query($uid: String!) { verifyCredential(uid: $uid) { valid } }`;

/** No stack frame, file path or error class name in a response body. */
function expectNoStack(text: string) {
  expect(text).not.toMatch(/\bat .+\(.+:\d+:\d+\)|node_modules|\/src\/|URIError|Error:/);
}

describe('public routes', () => {
  let app: TestApp;
  let uid: string;

  beforeAll(async () => {
    app = await startTestApp();
    const created = await app.gql(
      `mutation($input: CreateConnectorInput!) { createConnector(input: $input) { userErrors { message } } }`,
      {
        input: {
          name: 'Issuer',
          kind: 'ISSUER_API',
          sourceEntity: 'ACME',
          authType: 'API_KEY',
          config: { baseUrl: 'https://acme.example', issuerName: 'Acme Academy' },
          credentials: { apiKey: 'k' },
        },
      },
    );
    expect(created.data?.createConnector.userErrors).toEqual([]);
    const issuerId = (await app.gql('{ issuers { id } }')).data!.issuers[0].id;
    const issued = await app.gql(ISSUE, {
      input: {
        issuerId,
        externalId: 'pub-1',
        learnerEmail: EMAIL,
        title: 'Public Speaking',
        issuedAt: '2026-03-01T00:00:00.000Z',
        maxHours: 12,
      },
    });
    expect(issued.data?.issueCredential.userErrors).toEqual([]);
    uid = issued.data!.issueCredential.credential.uid;
    await waitFor(
      'the anchor',
      async () => (await app.gql(VERIFY, { uid })).data?.verifyCredential.valid,
    );
  });
  afterAll(() => app.close());

  describe('no email on the public routes', () => {
    it('leaves the learner email out of the proof document, which stays verifiable with it', async () => {
      const response = await fetch(`${app.url}/credentials/${uid}/proof`);
      const text = await response.text();
      expect(text.toLowerCase()).not.toContain(EMAIL.toLowerCase());
      expect(text.toLowerCase()).not.toContain('private.learner');
      const doc = JSON.parse(text);
      expect(doc.data.learnerEmail).toBeNull();
      expect(doc.withheld).toEqual(['data.learnerEmail']);

      // Anyone can check that dataHash is anchored and signed...
      expect(
        StandardMerkleTree.verify(doc.merkle.root, ['bytes32'], [doc.dataHash], doc.merkle.proof),
      ).toBe(true);
      // ...and whoever the learner gives the email to can check the data is theirs.
      const withEmail = { ...doc.data, learnerEmail: EMAIL };
      expect(keccak256(toUtf8Bytes(canonicalize(withEmail) as string))).toBe(doc.dataHash);
      const wrong = { ...doc.data, learnerEmail: 'someone.else@example.org' };
      expect(keccak256(toUtf8Bytes(canonicalize(wrong) as string))).not.toBe(doc.dataHash);
    });

    it('shows no email on /verify/<uid>', async () => {
      const text = await (await fetch(`${app.url}/verify/${uid}`)).text();
      expect(JSON.parse(text).valid).toBe(true);
      expect(text.toLowerCase()).not.toContain(EMAIL.toLowerCase());
    });
  });

  describe('errors', () => {
    it('answers a malformed URL with a JSON 400 and no stack trace', async () => {
      const response = await fetch(`${app.url}/verify/%E0`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: 'Bad Request' });
      expectNoStack(text);
    });

    it('answers malformed JSON to /graphql with a JSON 400 and no stack trace', async () => {
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminToken}` },
        body: '{"query": ',
      });
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: 'Bad Request' });
      expectNoStack(text);
    });
  });

  describe('headers', () => {
    function expectCommon(headers: Headers) {
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('x-powered-by')).toBeNull();
    }

    it('serves the dashboard with a CSP: no framing, no inline script unless hashed', async () => {
      const response = await fetch(`${app.url}/`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expectCommon(response.headers);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    });

    it('serves GraphiQL with the hashes of its own inline scripts and nothing looser', async () => {
      const response = await fetch(`${app.url}/graphiql`);
      expectCommon(response.headers);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      const page = await response.text();
      const inline = [...page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)];
      expect(inline.length).toBeGreaterThan(0);
      for (const [, body] of inline) {
        const hash = createHash('sha256').update(body, 'utf8').digest('base64');
        expect(scriptSrc).toContain(`'sha256-${hash}'`);
      }
    });

    it('serves a certificate PDF sandboxed, as an attachment', async () => {
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n<script>alert(1)</script>')]);
      const cid = await app.services.blobs.put(pdf);
      await app.db('credentials').where({ uid }).update({ pdf_cid: cid });
      const response = await fetch(`${app.url}/credentials/${uid}/pdf`);
      expect(response.status).toBe(200);
      expectCommon(response.headers);
      expect(response.headers.get('content-security-policy')).toBe('sandbox');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="credential-${uid}.pdf"`,
      );
      expect(response.headers.get('content-type')).toBe('application/pdf');
    });

    it('puts the security headers on the public JSON routes too', async () => {
      const response = await fetch(`${app.url}/verify/${uid}`);
      expectCommon(response.headers);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    });
  });

  describe('TRUST_PROXY', () => {
    async function limitedFor(trustProxy: number | false): Promise<number[]> {
      const proxied = await startTestApp({
        trustProxy,
        database: app.database,
        anchor: { verifyRateLimitPerMinute: 2 },
      });
      try {
        const statuses: number[] = [];
        for (const client of ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2']) {
          const response = await fetch(`${proxied.url}/verify/${uid}`, {
            headers: { 'x-forwarded-for': client },
          });
          statuses.push(response.status);
        }
        return statuses;
      } finally {
        await proxied.close();
      }
    }

    it('gives each client behind a trusted proxy its own rate-limit bucket', async () => {
      expect(await limitedFor(1)).toEqual([200, 200, 429, 200]);
      // Untrusted, X-Forwarded-For is ignored: every client shares the proxy's bucket.
      expect(await limitedFor(false)).toEqual([200, 200, 429, 429]);
    });
  });
});
