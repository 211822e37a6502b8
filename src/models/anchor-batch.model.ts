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
