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
 * The trees are laid out as OpenZeppelin's `makeMerkleTree` lays them out
 * (leaf i at index length-1-i, the children of node n at 2n+1 and 2n+2),
 * and built here in binary: every leaf and node is hashed from and into
 * 32-byte buffers and turned into hex once. The library's tree classes
 * re-encode, sort with BigInt and re-verify every proof (about 15x the cost
 * of the tree), and its `makeMerkleTree` (not exported by the package's
 * public API) parses and checks every node from hex again; on a page of
 * 1,000 credentials that was most of the tree's cost. merkle.test.ts holds
 * roots and proofs to StandardMerkleTree's, so a difference fails there.
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak256Bytes } from './keccak';

export const LEAF_ENCODING = ['bytes32'] as const;

export interface Tree {
  root: string;
  /** proofs[i]: the sibling hashes from the i-th input's leaf up to the root. */
  proofs: string[][];
}

/** A group's tree over credentials' data hashes (0x hex, 32 bytes each). */
export function buildTree(dataHashes: string[]): Tree {
  return treeOver(dataHashes.map((dataHash) => leafBytes(bytes32(dataHash))));
}

/** A batch's tree over group roots, which are taken as leaves unchanged. */
export function buildTreeOverRoots(roots: string[]): Tree {
  return treeOver(roots.map(bytes32));
}

/** The standard leaf of a bytes32 value: keccak256(keccak256(abi.encode(value))). */
export function leafHash(dataHash: string): string {
  return hex(leafBytes(bytes32(dataHash)));
}

/** abi.encode of one bytes32 is its 32 bytes. */
function leafBytes(value: Uint8Array): Uint8Array {
  return keccak256Bytes(keccak256Bytes(value));
}

function treeOver(leaves: Uint8Array[]): Tree {
  if (leaves.length === 0) throw new Error('a Merkle tree needs at least one leaf');
  const nodes = new Array<Uint8Array>(2 * leaves.length - 1);
  leaves.forEach((leaf, i) => (nodes[nodes.length - 1 - i] = leaf));
  // One 64-byte buffer for every pair: the children, sorted (commutative), hashed together.
  const pair = Buffer.alloc(64);
  for (let i = nodes.length - 1 - leaves.length; i >= 0; i--) {
    const left = nodes[2 * i + 1];
    const right = nodes[2 * i + 2];
    const leftFirst = compareBytes(left, right) <= 0;
    pair.set(leftFirst ? left : right, 0);
    pair.set(leftFirst ? right : left, 32);
    nodes[i] = keccak256Bytes(pair);
  }
  const hexNodes = nodes.map(hex);
  const proofs = leaves.map((_, i) => proofAt(hexNodes, hexNodes.length - 1 - i));
  return { root: hexNodes[0], proofs };
}

/** Byte-wise order of two 32-byte values (a loop: most pairs differ in the first byte). */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
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
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

/** Whether `proof` leads from `dataHash`'s leaf to `root`; false for malformed input. */
export function proofLeadsToRoot(root: string, dataHash: string, proof: string[]): boolean {
  try {
    return StandardMerkleTree.verify(root, [...LEAF_ENCODING], [dataHash], proof);
  } catch {
    return false;
  }
}
