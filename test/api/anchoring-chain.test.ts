/**
 * Verifiable credentials on a real local chain (ganache on loopback): a sync's
 * credentials go on chain in ONE self-transaction from the hub's funded
 * address carrying the batch root; the API shows them ANCHORED and
 * verifyCredential finds the transaction. With the chain down, issued
 * credentials are stored and their batch stays PENDING; when the same chain
 * (same port, same database directory, so the first transaction is still on
 * it) comes back, the hub's backoff retry anchors the batch.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getAddress, JsonRpcProvider, Network, parseEther, Wallet } from 'ethers';
import { stopCidWorker } from '../../src/blobs/cid';
import { startTestApp, type TestApp } from '../support/app';
import { IssuerProvider } from '../support/issuer-provider';
import { freePort } from '../support/net';
import { waitFor } from '../support/wait';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';

// ganache ships its own types in a layout the strict CommonJS build does not resolve.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ganache = require('ganache') as {
  server(options: object): {
    listen(port: number, host: string): Promise<void>;
    close(): Promise<void>;
  };
};

const ANCHOR_KEY = `0x${'6b'.repeat(32)}`;
const HUB = new Wallet(ANCHOR_KEY).address;
const GANACHE_CHAIN_ID = 1337;

const VERIFY = `query($uid: String!) { verifyCredential(uid: $uid) { valid checks { name passed detail } } }`;
const LIST = `{ credentials(first: 100) { edges { node { id uid externalId
  anchor { status merkleRoot proof chainId txHash blockNumber anchoredAt signature } } } } }`;
const ONE = `query($id: ID!) { credential(id: $id) { externalId
  anchor { status merkleRoot chainId txHash blockNumber anchoredAt } } }`;

interface Node {
  id: string;
  uid: string;
  externalId: string;
  anchor: {
    status: string;
    merkleRoot: string;
    proof: string[];
    chainId: number | null;
    txHash: string | null;
    blockNumber: number | null;
    anchoredAt: string | null;
    signature: string | null;
  } | null;
}

describe('verifiable credentials (roots on a local chain)', () => {
  let app: TestApp;
  let issuer: IssuerProvider;
  let dbPath: string;
  let port: number;
  let chain: { close(): Promise<void> } | null = null;
  let provider: JsonRpcProvider;
  const network = Network.from(GANACHE_CHAIN_ID);

  /** Ganache on the fixed port, its state kept in dbPath across restarts. */
  async function startChain(): Promise<void> {
    const server = ganache.server({
      logging: { quiet: true },
      wallet: { deterministic: true },
      chain: { chainId: GANACHE_CHAIN_ID },
      database: { dbPath },
    });
    await server.listen(port, '127.0.0.1');
    chain = server;
  }

  const nodes = async (): Promise<Node[]> =>
    (await app.gql(LIST)).data!.credentials.edges.map((e: { node: Node }) => e.node);
  const verify = async (uid: string) => (await app.gql(VERIFY, { uid })).data!.verifyCredential;

  beforeAll(async () => {
    dbPath = await mkdtemp(path.join(os.tmpdir(), 'tributary-ganache-'));
    port = await freePort();
    await startChain();
    provider = new JsonRpcProvider(`http://127.0.0.1:${port}`, network, {
      staticNetwork: network,
    });
    // Fund the hub's anchor address from ganache's first (unlocked) account.
    const funder = await provider.getSigner(0);
    await (await funder.sendTransaction({ to: HUB, value: parseEther('1') })).wait();
    app = await startTestApp({
      worker: true,
      anchor: {
        key: ANCHOR_KEY,
        chain: { rpcUrl: `http://127.0.0.1:${port}`, confirmations: 1 },
        batchMs: 200,
        retryBaseMs: 100,
      },
    });
    issuer = await IssuerProvider.start();
  });
  afterAll(async () => {
    await issuer?.close();
    await app?.close();
    provider?.destroy();
    await chain?.close();
    await stopCidWorker();
    await rm(dbPath, { recursive: true, force: true });
  });

  it('anchors a run’s credentials in ONE transaction from the hub carrying the root', async () => {
    issuer.seed(5);
    const connectorId = await createIssuerConnector(app, issuer, 'Udemy', {
      verifyPath: null,
      issuerName: 'Udemy Business',
    });
    const runId = await queueRun(app, connectorId);
    await waitFor(
      'the chain',
      async () => {
        const status = (await app.gql(`query($id: ID!) { run(id: $id) { status } }`, { id: runId }))
          .data?.run.status;
        return status === 'SUCCESS' || status === 'FAILED' ? status : null;
      },
      20_000,
    );
    const batch = await waitFor(
      'the chain',
      async () => {
        const rows = await app.db('anchorBatches');
        return rows.length === 1 && rows[0].status === 'ANCHORED' ? rows[0] : null;
      },
      20_000,
    );
    expect(batch).toMatchObject({ leafCount: 5, chainId: GANACHE_CHAIN_ID, signature: null });

    // Exactly one transaction from the hub's address, to itself, carrying exactly the root.
    expect(await provider.getTransactionCount(HUB)).toBe(1);
    const tx = (await provider.getTransaction(batch.txHash))!;
    expect(getAddress(tx.from)).toBe(HUB);
    expect(getAddress(tx.to!)).toBe(HUB);
    expect(tx.value).toBe(0n);
    expect(tx.data).toBe(batch.merkleRoot);
    const receipt = (await provider.getTransactionReceipt(batch.txHash))!;
    expect(receipt.status).toBe(1);
    expect(receipt.blockNumber).toBe(Number(batch.blockNumber));
    const block = (await provider.getBlock(receipt.blockNumber))!;

    const list = await nodes();
    expect(list).toHaveLength(5);
    for (const node of list) {
      expect(node.anchor).toMatchObject({
        status: 'ANCHORED',
        merkleRoot: batch.merkleRoot,
        chainId: GANACHE_CHAIN_ID,
        txHash: batch.txHash,
        blockNumber: receipt.blockNumber,
        anchoredAt: new Date(block.timestamp * 1000).toISOString(),
        signature: null,
      });
      expect(node.anchor!.proof.length).toBeGreaterThan(0);
    }
    const one = (await app.gql(ONE, { id: list[0].id })).data!.credential;
    expect(one.anchor).toMatchObject({ status: 'ANCHORED', txHash: batch.txHash });

    const result = await verify(list[0].uid);
    expect(result.valid).toBe(true);
    expect(result.checks.map((c: { name: string }) => c.name)).toEqual([
      'HASH_MATCHES',
      'PROOF_VALID',
      'ANCHOR_FOUND',
      'NOT_REVOKED',
    ]);
    expect(result.checks[2]).toMatchObject({
      passed: true,
      detail: `in block ${receipt.blockNumber} of chain ${GANACHE_CHAIN_ID}`,
    });
  });

  it('keeps issuing while the chain is down (batch PENDING), and anchors the batch when it is back', async () => {
    const firstBatch = await app.db('anchorBatches').first();
    const oldUid = (await nodes())[0].uid;
    await chain!.close();
    chain = null;

    const issuerId = (await app.gql(`{ issuers { id } }`)).data!.issuers[0].id;
    const ISSUE = `mutation($input: IssueCredentialInput!) { issueCredential(input: $input) {
      credential { uid anchor { status } } userErrors { code message } } }`;
    const uids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const issued = (
        await app.gql(ISSUE, {
          input: {
            issuerId,
            externalId: `offline-${i}`,
            learnerEmail: `offline${i}@example.org`,
            title: 'Welding',
            issuedAt: '2026-03-01T00:00:00.000Z',
            maxHours: 10,
          },
        })
      ).data!.issueCredential;
      expect(issued.userErrors).toEqual([]);
      uids.push(issued.credential.uid);
    }
    // The timer batches them (one batch, or two if a round fell between the mutations);
    // sending fails and is retried with backoff.
    const later = () => app.db('anchorBatches').whereNot({ id: firstBatch.id }).orderBy('id');
    const pendingBatches = await waitFor(
      'the chain',
      async () => {
        const rows = await later();
        const leaves = rows.reduce(
          (sum: number, row: { leafCount: number }) => sum + row.leafCount,
          0,
        );
        return leaves === 3 && rows.every((row: { attempts: number }) => row.attempts >= 2)
          ? rows
          : null;
      },
      20_000,
    );
    for (const row of pendingBatches) {
      expect(row).toMatchObject({ status: 'PENDING', txHash: null });
      expect(row.lastError).toBeTruthy();
    }
    const roots = new Set(pendingBatches.map((row: { merkleRoot: string }) => row.merkleRoot));
    const stored = (await nodes()).filter((n) => n.externalId.startsWith('offline-'));
    expect(stored).toHaveLength(3);
    for (const node of stored) {
      expect(node.anchor).toMatchObject({ status: 'PENDING', txHash: null });
      expect(roots.has(node.anchor!.merkleRoot)).toBe(true);
      expect(node.anchor!.proof).toBeInstanceOf(Array);
    }
    const whileDown = await verify(uids[0]);
    expect(whileDown.valid).toBe(false);
    expect(
      whileDown.checks
        .filter((c: { passed: boolean }) => !c.passed)
        .map((c: { name: string }) => c.name),
    ).toEqual(['ANCHOR_FOUND']);
    // The already-anchored credential cannot be checked either: the chain is unreachable.
    const oldWhileDown = await verify(oldUid);
    expect(
      oldWhileDown.checks.find((c: { name: string }) => c.name === 'ANCHOR_FOUND'),
    ).toMatchObject({ passed: false, detail: expect.stringContaining('chain unreachable') });

    // Same chain back (same port and state): the retry anchors the pending batch.
    await startChain();
    const anchored = await waitFor(
      'the chain',
      async () => {
        const rows = await later();
        return rows.every((row: { status: string }) => row.status === 'ANCHORED') ? rows : null;
      },
      20_000,
    );
    expect(await provider.getTransactionCount(HUB)).toBe(1 + anchored.length);
    for (const row of anchored) {
      expect(row).toMatchObject({ chainId: GANACHE_CHAIN_ID, lastError: null });
      const tx = (await provider.getTransaction(row.txHash))!;
      expect(getAddress(tx.from)).toBe(HUB);
      expect(tx.data).toBe(row.merkleRoot);
    }
    const byRoot = new Map(
      anchored.map(
        (row: { merkleRoot: string; txHash: string; blockNumber: string }) =>
          [row.merkleRoot, row] as const,
      ),
    );

    for (const uid of [...uids, oldUid]) {
      const result = await verify(uid);
      expect({ uid, valid: result.valid }).toEqual({ uid, valid: true });
    }
    const after = (await nodes()).filter((n) => n.externalId.startsWith('offline-'));
    for (const node of after) {
      const row = byRoot.get(node.anchor!.merkleRoot)!;
      expect(node.anchor).toMatchObject({
        status: 'ANCHORED',
        txHash: row.txHash,
        blockNumber: Number(row.blockNumber),
      });
      expect(node.anchor!.anchoredAt).not.toBeNull();
    }
  });
});
