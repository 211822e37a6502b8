/**
 * Verifiable credentials through the API (SIGNED mode, no chain): a sync
 * stores PDFs by CID and anchors its credentials in one signed Merkle batch;
 * issueCredential joins the next batch on the timer; verifyCredential and the
 * public routes check everything, and each tampering fails exactly its check.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getBytes, verifyMessage, keccak256, toUtf8Bytes } from 'ethers';
import canonicalize from 'canonicalize';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { stopCidWorker } from '../../src/blobs/cid';
import type { FileBlobStore } from '../../src/blobs/blob-store';
import { startTestApp, type TestApp } from '../support/app';
import { IssuerProvider } from '../support/issuer-provider';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';

function pdf(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  bytes.write('%PDF-1.7\n');
  for (let i = 9; i < size; i++) bytes[i] = (i * seed + (i >> 9)) & 0xff;
  return bytes;
}

const ANCHOR_KEY = `0x${'5a'.repeat(32)}`;

const VERIFY = `query($uid: String!) { verifyCredential(uid: $uid) { valid checks { name passed detail }
  credential { externalId } } }`;

async function until<T>(probe: () => Promise<T | undefined | null | false>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('timed out');
}

describe('verifiable credentials (signed roots)', () => {
  let app: TestApp;
  let issuer: IssuerProvider;
  const small = pdf(50_000, 7);
  const big = pdf(400_000, 11);
  let runId: string;
  const uidOf = async (externalId: string) =>
    ((await app.db('credentials').where({ externalId }).first('uid')) as { uid: string }).uid;
  const failed = async (uid: string) =>
    (await app.gql(VERIFY, { uid }))
      .data!.verifyCredential.checks.filter((c: { passed: boolean }) => !c.passed)
      .map((c: { name: string }) => c.name);

  beforeAll(async () => {
    app = await startTestApp({ worker: true, anchor: { key: ANCHOR_KEY } });
    issuer = await IssuerProvider.start();
    const records = issuer.seed(4);
    records[0].pdf_url = `${issuer.url}/pdf/small.pdf`;
    records[1].pdf_url = `${issuer.url}/pdf/big.pdf`;
    records[2].pdf_url = `${issuer.url}/pdf/gone.pdf`;
    issuer.http.on('GET', '/pdf/small.pdf', { bytes: small });
    issuer.http.on('GET', '/pdf/big.pdf', { bytes: big });
    issuer.http.on('GET', '/pdf/gone.pdf', { status: 404, text: 'gone' });
    const connectorId = await createIssuerConnector(app, issuer, 'Udemy', {
      verifyPath: null,
      issuerName: 'Udemy Business',
    });
    runId = await queueRun(app, connectorId);
    await until(async () => {
      const status = (await app.gql(`query($id: ID!) { run(id: $id) { status } }`, { id: runId }))
        .data?.run.status;
      return status === 'SUCCESS' || status === 'FAILED' ? status : null;
    });
  });
  afterAll(async () => {
    await issuer.close();
    await app.close();
    await stopCidWorker();
  });

  it('stores PDFs by CID, keeps a credential whose PDF failed, and signs one batch per run', async () => {
    const rows = await app.db('credentials').orderBy('externalId');
    expect(rows).toHaveLength(4);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(rows[0].pdfCid).toMatch(/^bafkrei/);
    expect(rows[1].pdfCid).toMatch(/^bafybei/);
    expect(rows[2].pdfCid).toBeNull();
    expect(rows[3].pdfCid).toBeNull();
    expect(sha(Buffer.from((await app.services.blobs.get(rows[0].pdfCid))!))).toBe(sha(small));
    const logs = await app.db('runLogs').where({ externalId: 'c2' });
    expect(logs.map((l: { message: string }) => l.message).join('\n')).toContain(
      'certificate PDF not stored (credential kept without it): GET /pdf/gone.pdf answered 404',
    );
    const batches = await app.db('anchorBatches');
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ status: 'SIGNED', leafCount: 4 });
    expect(verifyMessage(getBytes(batches[0].merkleRoot), batches[0].signature)).toBe(
      app.services.anchors.address,
    );
    const list = (
      await app.gql(
        `{ credentials { edges { node { externalId pdfCid anchor { status merkleRoot proof signature anchoredAt txHash } } } } }`,
      )
    ).data!.credentials.edges;
    for (const { node } of list) {
      expect(node.anchor).toMatchObject({
        status: 'SIGNED',
        merkleRoot: batches[0].merkleRoot,
        signature: batches[0].signature,
        txHash: null,
      });
      expect(node.anchor.proof).toHaveLength(2);
    }
  });

  it('verifies a credential and serves its PDF and a proof checkable with ethers alone', async () => {
    const uid = await uidOf('c1');
    const result = (await app.gql(VERIFY, { uid })).data!.verifyCredential;
    expect(result.valid).toBe(true);
    expect(result.checks.map((c: { name: string }) => c.name)).toEqual([
      'HASH_MATCHES',
      'PROOF_VALID',
      'SIGNATURE_VALID',
      'PDF_MATCHES',
      'NOT_REVOKED',
    ]);

    const pdfResponse = await fetch(`${app.url}/credentials/${uid}/pdf`);
    expect(pdfResponse.status).toBe(200);
    expect(pdfResponse.headers.get('content-type')).toBe('application/pdf');
    // Compared with Buffer.equals: jest's deep equality over 400,000 bytes takes seconds on a loaded
    // machine, long enough for the server to close the idle keep-alive socket just as the
    // next fetch reuses it (ECONNRESET).
    expect(Buffer.from(await pdfResponse.arrayBuffer()).equals(big)).toBe(true);

    const publicView = await fetch(`${app.url}/verify/${uid}`);
    expect(publicView.status).toBe(200);
    const text = await publicView.text();
    expect(JSON.parse(text)).toMatchObject({
      valid: true,
      credential: { issuer: 'Udemy Business' },
    });
    expect(text).not.toContain('learner1@example.org');
    expect((await fetch(`${app.url}/verify/no-such-uid`)).status).toBe(404);

    // The third party's steps (README): hash the canonical data, fold the proof, recover the signer.
    // The email is withheld from the public document; the learner gives it to the verifier.
    const doc = await (await fetch(`${app.url}/credentials/${uid}/proof`)).json();
    expect(doc.data.learnerEmail).toBeNull();
    const data = { ...doc.data, learnerEmail: 'learner1@example.org' };
    const dataHash = keccak256(toUtf8Bytes(canonicalize(data) as string));
    expect(dataHash).toBe(doc.dataHash);
    expect(
      StandardMerkleTree.verify(doc.merkle.root, ['bytes32'], [dataHash], doc.merkle.proof),
    ).toBe(true);
    expect(verifyMessage(getBytes(doc.merkle.root), doc.anchor.signature)).toBe(doc.anchor.signer);
  });

  it('issues a credential directly; the timer anchors it in the next batch', async () => {
    const issuerId = (await app.gql(`{ issuers { id } }`)).data!.issuers[0].id;
    const ISSUE = `mutation($input: IssueCredentialInput!) { issueCredential(input: $input) {
      credential { uid status metadata anchor { status } } userErrors { code field message } } }`;
    const input = {
      issuerId,
      externalId: 'direct-1',
      learnerEmail: 'direct@example.org',
      title: 'Welding',
      issuedAt: '2026-02-01T00:00:00.000Z',
      maxHours: 20,
      metadata: { grade: 'A' },
    };
    const issued = (await app.gql(ISSUE, { input })).data!.issueCredential;
    expect(issued.userErrors).toEqual([]);
    expect(issued.credential).toMatchObject({ status: 'UNCLAIMED', metadata: { grade: 'A' } });
    const again = (await app.gql(ISSUE, { input })).data!.issueCredential;
    expect(again.userErrors).toEqual([
      { code: 'CONFLICT', field: ['input', 'externalId'], message: 'already held, unchanged' },
    ]);
    const uid = issued.credential.uid;
    await until(async () => (await app.gql(VERIFY, { uid })).data!.verifyCredential.valid);
    expect(await app.db('anchorBatches').count({ n: '*' }).first()).toEqual({ n: 2 });
  });

  it('tampering with a field, a proof, a root or a PDF fails exactly the matching check', async () => {
    const uid = await uidOf('c1');
    expect(await failed(uid)).toEqual([]);

    await app.db('credentials').where({ uid }).update({ title: 'Forged' });
    expect(await failed(uid)).toEqual(['HASH_MATCHES']);
    await app.db('credentials').where({ uid }).update({ title: 'Data Entry Operator' });

    const row = await app.db('credentials').where({ uid }).first();
    const badProof = [...row.merkleProof];
    badProof[0] = `0x${'ab'.repeat(32)}`;
    await app
      .db('credentials')
      .where({ uid })
      .update({ merkleProof: JSON.stringify(badProof) });
    expect(await failed(uid)).toEqual(['PROOF_VALID']);
    await app
      .db('credentials')
      .where({ uid })
      .update({ merkleProof: JSON.stringify(row.merkleProof) });

    // The group's half of the proof (group root up to the batch root) is checked too.
    const group = await app.db('anchorGroups').where({ id: row.anchorGroupId }).first();
    const otherGroup = await app
      .db('anchorGroups')
      .whereNot({ id: group.id })
      .whereNotNull('batchId')
      .first();
    await app
      .db('anchorGroups')
      .where({ id: group.id })
      .update({ batchProof: JSON.stringify([otherGroup.merkleRoot, ...group.batchProof]) });
    expect(await failed(uid)).toEqual(['PROOF_VALID']);
    await app
      .db('anchorGroups')
      .where({ id: group.id })
      .update({ batchProof: JSON.stringify(group.batchProof) });

    const batch = await app.db('anchorBatches').where({ id: group.batchId }).first();
    await app
      .db('anchorBatches')
      .where({ id: batch.id })
      .update({ merkleRoot: `0x${'cd'.repeat(32)}` });
    // The root is what the proof leads to and what the signature covers: both fail.
    expect(await failed(uid)).toEqual(['PROOF_VALID', 'SIGNATURE_VALID']);
    await app.db('anchorBatches').where({ id: batch.id }).update({ merkleRoot: batch.merkleRoot });

    const store = app.services.blobs as FileBlobStore;
    const file = path.join(store.dir, row.pdfCid.slice(-2), row.pdfCid);
    const tampered = Buffer.from(big);
    tampered[300_000] ^= 1;
    await writeFile(file, tampered);
    expect(await failed(uid)).toEqual(['PDF_MATCHES']);
    expect((await fetch(`${app.url}/credentials/${uid}/pdf`)).status).toBe(409);
    await writeFile(file, big);

    await app.db('credentials').where({ uid }).update({ status: 'REVOKED' });
    expect(await failed(uid)).toEqual(['NOT_REVOKED']);
    await app.db('credentials').where({ uid }).update({ status: 'UNCLAIMED' });
    expect(await failed(uid)).toEqual([]);
  });

  it('groups and anchors a credential written without a group (rows from before groups existed)', async () => {
    const uid = await uidOf('c3');
    const before = await app.db('credentials').where({ uid }).first();
    const newestBatch = () => app.db('anchorBatches').orderBy('id', 'desc').first();
    const lastBatchId = (await newestBatch()).id;
    await app.db('credentials').where({ uid }).update({ anchorGroupId: null, merkleProof: null });
    // The anchoring timer (every 200 ms here) groups it on its own and batches that group.
    const row = await until(async () => {
      const current = await app.db('credentials').where({ uid }).first();
      return current.anchorGroupId !== null && current;
    });
    expect(row.anchorGroupId).not.toBe(before.anchorGroupId);
    await until(async () => (await failed(uid)).length === 0);
    const batch = await newestBatch();
    expect(batch.id).toBeGreaterThan(lastBatchId);
    expect(batch).toMatchObject({ status: 'SIGNED', leafCount: 1 });
    // Nothing waits any more: a round now builds no batch.
    expect(await app.services.anchors.anchorPending(null)).toBeNull();
  });

  it('never shows the anchor key in a response, a log line or the database', async () => {
    const needle = ANCHOR_KEY.slice(2);
    const dump = JSON.stringify([
      await app.db('anchorBatches'),
      await app.db('credentials'),
      await app.db('runLogs'),
    ]);
    for (const [place, text] of [
      ['responses', app.responses.join('\n')],
      ['logs', app.logLines.join('\n')],
      ['database', dump],
    ]) {
      expect({ place, leaked: text.includes(needle) }).toEqual({ place, leaked: false });
    }
  });
});
