/**
 * Anchoring: every group of credentials not yet in a batch goes into the
 * next batch, one Merkle tree whose root alone is anchored — signed by the hub's anchor
 * key (SIGNED) or, with a chain configured, carried by one transaction
 * (ANCHORED). A batch whose transaction cannot be sent or confirmed stays
 * PENDING and is retried with backoff; its credentials keep their proofs.
 */
import type { Knex } from 'knex';
import {
  FetchRequest,
  getAddress,
  getBytes,
  JsonRpcProvider,
  Network,
  verifyMessage,
} from 'ethers';
import type { Wallet } from 'ethers';
import type { Logger } from '../../../logger';
import type { AnchorBatchModel } from '../../../models/anchor-batch.model';
import { insertGroup } from './groups';
import { buildTreeOverRoots } from './merkle';

export interface ChainSettings {
  rpcUrl: string;
  /** Blocks to wait for after the transaction's own [1]. */
  confirmations: number;
}

export interface AnchorDeps {
  db: Knex;
  logger: Logger;
  /** The hub's anchor key. Never logged, stored or returned: only its address is. */
  wallet: Wallet;
  chain?: ChainSettings;
  /** How often directly issued credentials are batched, and PENDING batches retried [5000]. */
  batchMs?: number;
  /** First retry delay of a PENDING batch; doubles per attempt up to 5 minutes [2000]. */
  retryBaseMs?: number;
  /** Timeout of one RPC call [10000]. */
  rpcTimeoutMs?: number;
}

/** Groups one batch takes at most (a page's group holds up to 1,000 credentials). */
const MAX_GROUPS = 10_000;
/** Ungrouped credentials grouped per round. */
const MAX_STRAGGLERS = 10_000;
const ADVISORY_LOCK = 0x7a1b_0001;

export class AnchorService {
  readonly address: string;
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private chainId: number | null = null;
  private ticking: Promise<void> | null = null;

  constructor(private readonly deps: AnchorDeps) {
    this.address = deps.wallet.address;
  }

  get mode(): 'SIGNED' | 'ANCHORED' {
    return this.deps.chain ? 'ANCHORED' : 'SIGNED';
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      // One round at a time: a round waiting on the chain must not overlap the next.
      if (this.ticking) return;
      this.ticking = this.tick().finally(() => (this.ticking = null));
      this.track(this.ticking);
    }, this.deps.batchMs ?? 5_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.inFlight]);
  }

  /** One round: batch what waits, then retry PENDING batches that are due. */
  async tick(): Promise<void> {
    try {
      await this.anchorPending(null);
      await this.retryDue();
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'anchoring round failed; retried on the next');
    }
  }

  /**
   * Builds one batch over every group of credentials not yet in one: one tree
   * over the groups' roots (see merkle.ts). SIGNED batches
   * are signed in the same transaction; with a chain, the transaction is
   * sent after commit (awaited unless `background`). Returns the batch, or
   * null when nothing waited or another process is building one.
   */
  async anchorPending(
    runId: number | null,
    options: { background?: boolean } = {},
  ): Promise<AnchorBatchModel | null> {
    const { db, wallet } = this.deps;
    const batch = await db.transaction(async (trx) => {
      const locked = await trx.raw<{ rows: { ok: boolean }[] }>(
        'SELECT pg_try_advisory_xact_lock(?) AS ok',
        [ADVISORY_LOCK],
      );
      if (!locked.rows[0].ok) return null;
      await this.groupStragglers(trx);
      // Groups are immutable once written (a changed credential joins a new group), so
      // no credential row is locked or rewritten here: only the group rows are.
      const groups: { id: number; merkleRoot: string; leafCount: number }[] = await trx(
        'anchorGroups',
      )
        .select('id', 'merkleRoot', 'leafCount')
        .whereNull('batchId')
        .orderBy('id')
        .limit(MAX_GROUPS);
      if (groups.length === 0) return null;
      const { root, proofs } = buildTreeOverRoots(groups.map((g) => g.merkleRoot));
      const signed = this.deps.chain
        ? {}
        : {
            status: 'SIGNED',
            signature: await wallet.signMessage(getBytes(root)),
            signer: wallet.address,
            anchoredAt: new Date(),
          };
      const [row] = (await trx('anchorBatches')
        .insert({
          merkleRoot: root,
          leafCount: groups.reduce((sum, g) => sum + g.leafCount, 0),
          status: 'PENDING',
          signer: wallet.address,
          runId,
          // Claimed by this process for its first send: a retry round may not send it too.
          nextAttemptAt: new Date(Date.now() + this.leaseMs()),
          ...signed,
        })
        .returning('*')) as AnchorBatchModel[];
      await trx.raw(
        `UPDATE anchor_groups g SET batch_id = ?, batch_proof = p.proof
         FROM unnest(?::bigint[], ?::jsonb[]) AS p(id, proof) WHERE g.id = p.id`,
        [row.id, groups.map((g) => g.id), proofs.map((proof) => JSON.stringify(proof))],
      );
      return row;
    });
    if (!batch || batch.status !== 'PENDING') return batch;
    const sending = this.send(batch);
    if (options.background) {
      this.track(sending);
      return batch;
    }
    return (await sending) ?? batch;
  }

  /**
   * Credentials written before groups existed (the migration kept only those
   * already batched) are grouped here, once, so they are anchored too.
   */
  private async groupStragglers(trx: Knex.Transaction): Promise<void> {
    const waiting: { id: number; dataHash: string }[] = await trx('credentials')
      .select('id', 'dataHash')
      .whereNull('anchorGroupId')
      .orderBy('id')
      .limit(MAX_STRAGGLERS)
      .forUpdate();
    if (waiting.length === 0) return;
    const group = await insertGroup(
      trx,
      waiting.map((c) => c.dataHash),
    );
    await trx.raw(
      `UPDATE credentials c SET anchor_group_id = ?, merkle_proof = p.proof
       FROM unnest(?::bigint[], ?::jsonb[]) AS p(id, proof) WHERE c.id = p.id`,
      [group.id, waiting.map((c) => c.id), group.proofs.map((proof) => JSON.stringify(proof))],
    );
  }

  /** PENDING batches whose next attempt is due, oldest first. */
  async retryDue(): Promise<void> {
    if (!this.deps.chain) return;
    const due = (await this.deps
      .db('anchorBatches')
      .where('status', 'PENDING')
      .where('nextAttemptAt', '<=', new Date())
      .orderBy('id')
      .limit(10)) as AnchorBatchModel[];
    for (const batch of due) {
      // Claim it (any process): the one whose update matches sends, the others skip it.
      const claimed = await this.deps
        .db('anchorBatches')
        .where({ id: batch.id, status: 'PENDING' })
        .where('nextAttemptAt', '<=', new Date())
        .update({ nextAttemptAt: new Date(Date.now() + this.leaseMs()) });
      if (claimed === 1) await this.send(batch);
    }
  }

  /** How long a send may take before another round may retry the batch. */
  private leaseMs(): number {
    return 6 * (this.deps.rpcTimeoutMs ?? 10_000);
  }

  /** A provider pinned to the chain's id, with a bounded timeout per call. */
  async provider(): Promise<JsonRpcProvider> {
    const chain = this.deps.chain;
    if (!chain) throw new Error('no chain configured');
    const request = new FetchRequest(chain.rpcUrl);
    request.timeout = this.deps.rpcTimeoutMs ?? 10_000;
    if (this.chainId === null) {
      // Asked directly: ethers' own network detection retries forever when the node is down.
      const probe = request.clone();
      probe.body = { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] };
      probe.setHeader('content-type', 'application/json');
      const response = await probe.send();
      response.assertOk();
      this.chainId = Number((response.bodyJson as { result: string }).result);
    }
    const network = Network.from(this.chainId);
    return new JsonRpcProvider(request, network, { staticNetwork: network, batchMaxCount: 1 });
  }

  /**
   * Sends the batch's root in one transaction to the hub's own address (no
   * contract to deploy: the calldata is the 32-byte root), waits for the
   * confirmations, and records chain id, tx hash, block and block time. A
   * transaction sent before a failure is looked up rather than sent again.
   */
  private async send(batch: AnchorBatchModel): Promise<AnchorBatchModel | null> {
    const { db, logger, chain } = this.deps;
    if (!chain) return null;
    let provider: JsonRpcProvider | null = null;
    try {
      provider = await this.provider();
      let receipt = batch.txHash ? await provider.getTransactionReceipt(batch.txHash) : null;
      let txHash = batch.txHash;
      if (!receipt) {
        const stillThere = txHash ? await provider.getTransaction(txHash) : null;
        if (!stillThere) {
          const tx = await this.deps.wallet.connect(provider).sendTransaction({
            to: this.address,
            data: batch.merkleRoot,
            value: 0n,
          });
          txHash = tx.hash;
          await db('anchorBatches').where({ id: batch.id }).update({ txHash });
        }
        receipt = await provider.waitForTransaction(
          txHash!,
          chain.confirmations,
          this.deps.rpcTimeoutMs ?? 10_000,
        );
      }
      if (!receipt || receipt.status !== 1) throw new Error('the anchoring transaction failed');
      if ((await receipt.confirmations()) < chain.confirmations) {
        throw new Error('not yet confirmed');
      }
      const block = await provider.getBlock(receipt.blockNumber);
      const [row] = (await db('anchorBatches')
        .where({ id: batch.id, status: 'PENDING' })
        .update({
          status: 'ANCHORED',
          chainId: this.chainId,
          txHash: receipt.hash,
          blockNumber: receipt.blockNumber,
          anchoredAt: block ? new Date(block.timestamp * 1000) : new Date(),
          lastError: null,
          nextAttemptAt: null,
        })
        .returning('*')) as AnchorBatchModel[];
      logger.info({ batchId: batch.id, txHash: receipt.hash }, 'anchor batch ANCHORED');
      return row ?? null;
    } catch (error) {
      const attempts = batch.attempts + 1;
      const delay = Math.min((this.deps.retryBaseMs ?? 2_000) * 2 ** (attempts - 1), 300_000);
      const reason = describeChainError(error);
      batch.attempts = attempts;
      await db('anchorBatches')
        .where({ id: batch.id, status: 'PENDING' })
        .update({ attempts, lastError: reason, nextAttemptAt: new Date(Date.now() + delay) });
      logger.warn({ batchId: batch.id, attempts, reason }, 'anchor batch stays PENDING; retrying');
      return null;
    } finally {
      provider?.destroy();
    }
  }

  /** Whether the signature over the root recovers to the signer, and the signer is this hub. */
  signatureCheck(batch: AnchorBatchModel): { passed: boolean; detail: string } {
    try {
      const recovered = verifyMessage(getBytes(batch.merkleRoot), batch.signature ?? '');
      if (getAddress(recovered) !== getAddress(batch.signer ?? '')) {
        return { passed: false, detail: 'the signature does not match the root and signer' };
      }
      if (getAddress(recovered) !== getAddress(this.address)) {
        return { passed: false, detail: 'signed by a key other than this hub’s' };
      }
      return { passed: true, detail: `root signed by ${recovered}` };
    } catch {
      return { passed: false, detail: 'the signature does not match the root and signer' };
    }
  }

  /** Whether the batch's transaction is on the chain, from this hub, carrying the root. */
  async anchorCheck(batch: AnchorBatchModel): Promise<{ passed: boolean; detail: string }> {
    if (!batch.txHash) return { passed: false, detail: 'no transaction yet' };
    let provider: JsonRpcProvider | null = null;
    try {
      provider = await this.provider();
      const [tx, receipt] = await Promise.all([
        provider.getTransaction(batch.txHash),
        provider.getTransactionReceipt(batch.txHash),
      ]);
      if (!tx || !receipt || receipt.status !== 1) {
        return { passed: false, detail: 'transaction not found on the chain' };
      }
      if (tx.data.toLowerCase() !== batch.merkleRoot.toLowerCase()) {
        return { passed: false, detail: 'the transaction does not carry this root' };
      }
      if (getAddress(tx.from) !== getAddress(this.address)) {
        return { passed: false, detail: 'the transaction was not sent by this hub' };
      }
      if (Number(tx.chainId) !== batch.chainId || receipt.blockNumber !== batch.blockNumber) {
        return { passed: false, detail: 'chain id or block differs from the record' };
      }
      return { passed: true, detail: `in block ${receipt.blockNumber} of chain ${batch.chainId}` };
    } catch (error) {
      return { passed: false, detail: `chain unreachable: ${describeChainError(error)}` };
    } finally {
      provider?.destroy();
    }
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}

/** A short reason, without request bodies (ethers errors embed the signed transaction). */
function describeChainError(error: unknown): string {
  const e = error as { code?: unknown; shortMessage?: unknown; message?: unknown };
  const text =
    typeof e?.shortMessage === 'string'
      ? e.shortMessage
      : typeof e?.message === 'string'
        ? e.message.split('(')[0]
        : 'unknown error';
  return `${typeof e?.code === 'string' ? `${e.code}: ` : ''}${text}`.slice(0, 300).trim();
}
