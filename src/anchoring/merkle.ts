/**
 * One Merkle tree per batch, over the credentials' data hashes, with
 * OpenZeppelin's StandardMerkleTree and leaf encoding ['bytes32']:
 * leaf = keccak256(keccak256(abi.encode(bytes32 dataHash))), pairs hashed
 * sorted (commutative keccak256). The same as OpenZeppelin's MerkleProof.sol.
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';

export const LEAF_ENCODING = ['bytes32'] as const;

export function buildTree(dataHashes: string[]): { root: string; proofs: string[][] } {
  const tree = StandardMerkleTree.of(
    dataHashes.map((hash) => [hash]),
    [...LEAF_ENCODING],
  );
  // The proofs are read off the tree's node array (children of i at 2i+1 and 2i+2, as
  // OpenZeppelin lays it out): tree.getProof re-hashes and re-verifies each leaf, which
  // costs ~15 keccak256 per credential (seconds for 10,000, inside the batch's transaction).
  const { tree: nodes, values } = tree.dump();
  return { root: tree.root, proofs: values.map((value) => proofAt(nodes, value.treeIndex)) };
}

/** Sibling hashes from the node at `index` up to the root. */
function proofAt(nodes: string[], index: number): string[] {
  const proof: string[] = [];
  for (let i = index; i > 0; i = Math.floor((i - 1) / 2)) {
    proof.push(nodes[i % 2 === 1 ? i + 1 : i - 1]);
  }
  return proof;
}

/** Whether `proof` leads from `dataHash`'s leaf to `root`; false for malformed input. */
export function proofLeadsToRoot(root: string, dataHash: string, proof: string[]): boolean {
  try {
    return StandardMerkleTree.verify(root, [...LEAF_ENCODING], [dataHash], proof);
  } catch {
    return false;
  }
}
