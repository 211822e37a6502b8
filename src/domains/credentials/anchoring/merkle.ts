/**
 * Merkle trees over credentials' data hashes, in OpenZeppelin's standard
 * layout so that `StandardMerkleTree.verify(root, ['bytes32'], [dataHash],
 * proof)` (or MerkleProof.sol) checks every proof:
 *   leaf = keccak256(keccak256(abi.encode(bytes32 dataHash)))
 *   node = keccak256 of the two children, sorted (commutative).
 *
 * Two levels, so no credential row is touched after it is written:
 *  - a group: the credentials one page writes (or one directly issued
 *    credential). Its tree is built as the page is written, and each
 *    credential stores its proof up to the group root with its row;
 *  - a batch: the groups waiting at anchoring time. Its tree takes the
 *    group roots as they are (they are already nodes), and each group
 *    stores its proof up to the batch root.
 * A credential's whole proof is its group proof followed by its group's
 * batch proof: one sibling list from its leaf to the anchored root, the
 * same shape a single tree gives.
 *
 * The trees are built by OpenZeppelin's own `makeMerkleTree`, given the
 * WebAssembly keccak as its node hash: the library's tree classes re-encode,
 * sort with BigInt and re-verify every leaf, about 15x the cost of the tree.
 * The package exports only those classes, so `makeMerkleTree` is imported
 * from its module path (the package has no exports map that would forbid
 * it); merkle.test.ts holds the result to StandardMerkleTree's, so an
 * upgrade that changed it would fail there, not in production.
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { makeMerkleTree } from '@openzeppelin/merkle-tree/dist/core';
import { keccak256Bytes, keccak256Hex } from './keccak';

type BytesLike = string | Uint8Array | readonly number[];

export const LEAF_ENCODING = ['bytes32'] as const;

export interface Tree {
  root: string;
  /** proofs[i]: the sibling hashes from the i-th input's leaf up to the root. */
  proofs: string[][];
}

/** A group's tree over credentials' data hashes (0x hex, 32 bytes each). */
export function buildTree(dataHashes: string[]): Tree {
  return treeOver(dataHashes.map(leafHash));
}

/** A batch's tree over group roots, which are taken as leaves unchanged. */
export function buildTreeOverRoots(roots: string[]): Tree {
  return treeOver(roots);
}

/** The standard leaf of a bytes32 value: keccak256(keccak256(abi.encode(value))). */
export function leafHash(dataHash: string): string {
  const encoded = bytes32(dataHash); // abi.encode of one bytes32 is its 32 bytes
  return keccak256Hex(keccak256Bytes(encoded));
}

function treeOver(leaves: string[]): Tree {
  if (leaves.length === 0) throw new Error('a Merkle tree needs at least one leaf');
  // makeMerkleTree checks each leaf is 32 bytes; nodeHash compares them as lower-case hex.
  const nodes = makeMerkleTree(
    leaves.map((leaf) => leaf.toLowerCase()),
    nodeHash,
  );
  // makeMerkleTree lays leaves out from the end of the array: leaf i at length-1-i,
  // the children of node n at 2n+1 and 2n+2.
  const proofs = leaves.map((_, i) => proofAt(nodes, nodes.length - 1 - i));
  return { root: nodes[0], proofs };
}

/**
 * The children, sorted, hashed together. Nodes are 0x hex of 32 bytes, all
 * lower-case (treeOver's leaves are, and so is every node this returns), so
 * comparing the strings compares the bytes, and each pair is parsed from hex
 * once, into the 64 bytes hashed.
 */
function nodeHash(a: BytesLike, b: BytesLike): string {
  const left = typeof a === 'string' ? a : hex(Uint8Array.from(a));
  const right = typeof b === 'string' ? b : hex(Uint8Array.from(b));
  const pair = left <= right ? left.slice(2) + right.slice(2) : right.slice(2) + left.slice(2);
  return keccak256Hex(Buffer.from(pair, 'hex'));
}

/** Sibling hashes from the node at `index` up to the root. */
function proofAt(nodes: string[], index: number): string[] {
  const proof: string[] = [];
  for (let i = index; i > 0; i = Math.floor((i - 1) / 2)) {
    proof.push(nodes[i % 2 === 1 ? i + 1 : i - 1]);
  }
  return proof;
}

function bytes32(value: string): Buffer {
  const bytes = Buffer.from(value.startsWith('0x') ? value.slice(2) : value, 'hex');
  if (bytes.length !== 32) throw new Error(`not a 32-byte hex value: ${value}`);
  return bytes;
}

function hex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes).toString('hex')}`;
}

/** Whether `proof` leads from `dataHash`'s leaf to `root`; false for malformed input. */
export function proofLeadsToRoot(root: string, dataHash: string, proof: string[]): boolean {
  try {
    return StandardMerkleTree.verify(root, [...LEAF_ENCODING], [dataHash], proof);
  } catch {
    return false;
  }
}
