import { Model } from 'objection';

export type AnchorStatus = 'PENDING' | 'SIGNED' | 'ANCHORED' | 'FAILED';

/** One Merkle tree over a batch of credential data hashes, and how its root was anchored. */
export class AnchorBatchModel extends Model {
  static override tableName = 'anchor_batches';

  id!: number;
  merkleRoot!: string;
  leafCount!: number;
  status!: AnchorStatus;
  /** EIP-191 signature over the root's 32 bytes (SIGNED). */
  signature!: string | null;
  /** Address of the key that signed or sent the transaction. */
  signer!: string | null;
  chainId!: number | null;
  txHash!: string | null;
  blockNumber!: number | null;
  attempts!: number;
  nextAttemptAt!: Date | null;
  lastError!: string | null;
  runId!: number | null;
  anchoredAt!: Date | null;
  createdAt!: Date;
}

/**
 * The credentials one page wrote (or one issued directly): a Merkle tree of
 * its own, whose root is a leaf of the batch that anchors it.
 */
export class AnchorGroupModel extends Model {
  static override tableName = 'anchor_groups';
  static override jsonAttributes = ['batchProof'];

  id!: number;
  /** Root of the group's tree; each credential's proof leads here. */
  merkleRoot!: string;
  leafCount!: number;
  /** The batch it was anchored in; null until the next anchoring round. */
  batchId!: number | null;
  /** Sibling hashes from the group root to the batch root. */
  batchProof!: string[] | null;
  createdAt!: Date;
}
