/**
 * npm run bench:anchor [-- --records 10000 --seed-design 200]
 *
 * What anchoring costs per run, on a real local chain (ganache on loopback):
 *
 *  1. batched   an ISSUER_API run of --records credentials (no PDFs), queued
 *               with RunCommands and executed by the worker, with
 *               CHAIN_RPC_URL set; the run's batch is anchored in the
 *               background; counted: the hub's transactions (must be 1);
 *               timed: the Merkle tree over the run's data hashes, and
 *               StandardMerkleTree.verify over every stored proof;
 *  2. seed      the seed's one-transaction-per-credential design on the same
 *               chain: --seed-design transactions, one per credential, each
 *               carrying its data hash, each waited for; extrapolated.
 *
 * The issuer is a loopback HTTP server in this process serving
 * bench/records.ts records without pdf_url. Postgres is embedded in a temp
 * dir, or the server in DATABASE_URL (a fresh database, dropped at the end).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { JsonRpcProvider, Network, parseEther, Wallet } from 'ethers';
import pino from 'pino';
import { loadKeccak } from '../src/domains/credentials/anchoring/keccak';
import {
  buildTree,
  buildTreeOverRoots,
  LEAF_ENCODING,
} from '../src/domains/credentials/anchoring/merkle';
import { createDb } from '../src/db/knex';
import { migrateLatest } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { PgNotifier } from '../src/pubsub/notifier';
import { SecretBox } from '../src/security/secret-box';
import { createServices } from '../src/services';
import { setOutboundPolicy } from '../src/security/outbound';
import { firstIndexSince, recordAt } from './records';
import { benchDatabase } from './support/postgres';
import { freePort } from '../test/support/net';

// ganache's bundled types do not resolve under this CommonJS build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ganache = require('ganache') as {
  server(options: object): {
    listen(port: number, host: string): Promise<void>;
    close(): Promise<void>;
  };
};

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '10000' },
    'seed-design': { type: 'string', default: '200' },
  },
});
const RECORDS = Number(args.records);
const SEED_TXS = Number(args['seed-design']);
const API_KEY = 'bench-anchor-key';
const CHAIN_ID = 1337;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** ISSUER_API on loopback: `since`/`limit`/`page_token` over recordAt(0..count), no PDFs. */
async function startIssuer(count: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://issuer');
    if (req.headers['x-api-key'] !== API_KEY || url.pathname !== '/credentials') {
      res.writeHead(404).end();
      return;
    }
    const first = firstIndexSince(url.searchParams.get('since'));
    const limit = Math.max(1, Math.min(Number(url.searchParams.get('limit') ?? 100), 10_000));
    const offset = Number(url.searchParams.get('page_token') ?? 0);
    const matching = Math.max(0, count - first);
    const data = [];
    for (let i = first + offset; i < Math.min(count, first + offset + limit); i++) {
      const record: Partial<ReturnType<typeof recordAt>> = recordAt(i);
      delete record.pdf_url;
      data.push(record);
    }
    const next = offset + limit < matching ? String(offset + limit) : null;
    const text = JSON.stringify({ data, next_page_token: next, total: matching });
    res.writeHead(200, { 'content-type': 'application/json' }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function main(): Promise<void> {
  const logger = createLogger({
    level: process.env.LOG_LEVEL ?? 'warn',
    destination: pino.destination(2),
  });
  const database = await benchDatabase('tributary-bench-anchor');
  const { url } = database;
  const db = createDb({ url, poolMax: 10, logger });
  const notifier = new PgNotifier({ url, logger });
  const chainPort = await freePort();
  const chain = ganache.server({
    logging: { quiet: true },
    wallet: { deterministic: true },
    chain: { chainId: CHAIN_ID },
  });
  await chain.listen(chainPort, '127.0.0.1');
  const rpcUrl = `http://127.0.0.1:${chainPort}`;
  const network = Network.from(CHAIN_ID);
  const provider = new JsonRpcProvider(rpcUrl, network, {
    staticNetwork: network,
    pollingInterval: 50,
  });
  const issuer = await startIssuer(RECORDS);
  const hubKey = Wallet.createRandom();
  try {
    await migrateLatest(db);
    await notifier.start();
    const funder = await provider.getSigner(0);
    await (await funder.sendTransaction({ to: hubKey.address, value: parseEther('10') })).wait();
    // The issuer (and ganache) listen on loopback.
    setOutboundPolicy({ allowPrivateTargets: true });
    const services = createServices({
      db,
      logger,
      notifier,
      secretBox: new SecretBox(randomBytes(32)),
      anchorKey: hubKey.privateKey,
      chain: { rpcUrl, confirmations: 1 },
    });
    console.log(
      `Tributary anchoring benchmark: ${fmt(RECORDS)} credentials in one run, ganache on loopback ` +
        `(chain ${CHAIN_ID}, instamine), ${os.cpus().length} CPUs, Node ${process.version}`,
    );

    // 1. One run, one batch, one transaction.
    const connector = await services.connectors.create({
      name: 'bench-anchor',
      kind: 'ISSUER_API',
      sourceEntity: 'BENCH',
      authType: 'API_KEY',
      config: { baseUrl: issuer.url, pageSize: 1000, verifyPath: null },
      credentials: { apiKey: API_KEY },
    });
    const started = performance.now();
    const run = await services.runCommands.runConnector(connector.id, {}, 'bench');
    services.worker.start();
    let batch: Record<string, unknown> | undefined;
    for (;;) {
      const row = (await db('runs').where({ id: run.id }).first('status')) as { status: string };
      if (['FAILED', 'CANCELLED', 'PARTIAL_SUCCESS'].includes(row.status)) {
        throw new Error(`run ended ${row.status}`);
      }
      batch = (await db('anchorBatches').where({ runId: run.id }).first()) as
        Record<string, unknown> | undefined;
      if (row.status === 'SUCCESS' && batch?.status === 'ANCHORED') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const runToAnchoredMs = performance.now() - started;
    await services.worker.stop();
    const hubTxs = await provider.getTransactionCount(hubKey.address);
    const batches = Number(
      ((await db('anchorBatches').count({ n: '*' }).first()) as { n: string }).n,
    );
    const tx = (await provider.getTransaction(String(batch!.txHash)))!;

    // Each credential's whole proof: its group proof, then its group's batch proof.
    const rows = (await db('credentials as c')
      .join('anchorGroups as g', 'g.id', 'c.anchorGroupId')
      .where('g.batchId', Number(batch!.id))
      .orderBy('c.id')
      .select('c.dataHash', 'c.merkleProof', 'g.id as groupId', 'g.batchProof')) as {
      dataHash: string;
      merkleProof: string[];
      groupId: number;
      batchProof: string[];
    }[];
    const groups = new Map<number, string[]>();
    for (const r of rows) groups.set(r.groupId, [...(groups.get(r.groupId) ?? []), r.dataHash]);
    const wholeProofs = rows.map((r) => [...r.merkleProof, ...r.batchProof]);
    // The trees the hub builds for these credentials: one per page group (as each page
    // is written), then one over the group roots (at the end of the run).
    await loadKeccak();
    const treeRuns: number[] = [];
    let root = '';
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const groupRoots = [...groups.values()].map((hashes) => buildTree(hashes).root);
      root = buildTreeOverRoots(groupRoots).root;
      treeRuns.push(performance.now() - t0);
    }
    treeRuns.sort((a, b) => a - b);
    const treeMs = treeRuns[2];
    // Every stored proof against the anchored root, twice (the first pass warms up).
    let valid = 0;
    let verifyMs = 0;
    for (let pass = 0; pass < 2; pass++) {
      valid = 0;
      const t0 = performance.now();
      rows.forEach((r, i) => {
        if (StandardMerkleTree.verify(tx.data, [...LEAF_ENCODING], [r.dataHash], wholeProofs[i])) {
          valid++;
        }
      });
      verifyMs = performance.now() - t0;
    }
    const perProofMs = verifyMs / rows.length;

    console.log('');
    console.log(`batched (this hub)`);
    console.log(`  credentials in the run's batch   ${fmt(rows.length)} (${batches} batch)`);
    console.log(`  anchoring transactions           ${hubTxs} (signatures: 0)`);
    console.log(
      `  tx carries the root              ${tx.data === batch!.merkleRoot && root === tx.data ? 'yes' : 'NO'}`,
    );
    console.log(`  run queued -> batch ANCHORED     ${fmt(runToAnchoredMs / 1000, 2)} s`);
    console.log(
      `  build the trees (${fmt(rows.length)} leaves)   ${fmt(treeMs, 1)} ms (median of 5: ${groups.size} page groups + 1 over their roots, with all proofs)`,
    );
    console.log(
      `  verify one proof                 ${fmt(perProofMs * 1000, 1)} µs mean over ${fmt(rows.length)} proofs ` +
        `(${fmt(valid)} valid; target < 1 ms: ${perProofMs < 1 ? 'met' : 'NOT met'})`,
    );
    console.log(`  proof length                     ${wholeProofs[0]?.length ?? 0} hashes`);

    // 2. The seed's design: one transaction per credential, each waited for.
    const seedWallet = new Wallet(Wallet.createRandom().privateKey, provider);
    await (
      await funder.sendTransaction({ to: seedWallet.address, value: parseEther('10') })
    ).wait();
    const sample = rows.slice(0, SEED_TXS).map((r) => r.dataHash);
    // Nonces counted here: ethers caches identical calls for 250 ms, so asking the node
    // for the pending count after each mined transaction can return the previous one.
    let nonce = await provider.getTransactionCount(seedWallet.address, 'pending');
    const t0 = performance.now();
    for (const hash of sample) {
      const sent = await seedWallet.sendTransaction({
        to: seedWallet.address,
        data: hash,
        nonce: nonce++,
      });
      await sent.wait(1);
    }
    const seedMs = performance.now() - t0;
    const perCredentialMs = seedMs / sample.length;
    console.log('');
    console.log(`seed design (one transaction per credential, each waited for)`);
    console.log(`  transactions sent                ${fmt(sample.length)}`);
    console.log(`  total                            ${fmt(seedMs / 1000, 2)} s`);
    console.log(`  per credential                   ${fmt(perCredentialMs, 1)} ms`);
    console.log(
      `  extrapolated to ${fmt(RECORDS)}          ${fmt(RECORDS)} transactions, ` +
        `${fmt((perCredentialMs * RECORDS) / 1000, 1)} s (on an instamine chain; ` +
        `a real chain adds a block time per wait)`,
    );
  } finally {
    await issuer.close();
    await notifier.stop();
    await db.destroy();
    provider.destroy();
    await chain.close();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
