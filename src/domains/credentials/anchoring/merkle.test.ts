import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { hexlify, keccak256, randomBytes } from 'ethers';
import { keccak256Bytes, loadKeccak } from './keccak';
import { buildTree, buildTreeOverRoots, LEAF_ENCODING, proofLeadsToRoot } from './merkle';

const hashes = (n: number) => Array.from({ length: n }, () => hexlify(randomBytes(32)));

describe('keccak', () => {
  it('gives the bytes ethers keccak256 gives, before and after the WebAssembly loads', async () => {
    const inputs = [new Uint8Array(0), randomBytes(32), randomBytes(64), randomBytes(1000)];
    const before = inputs.map((input) => hexlify(keccak256Bytes(input)));
    await loadKeccak();
    const after = inputs.map((input) => hexlify(keccak256Bytes(input)));
    const expected = inputs.map((input) => keccak256(input));
    expect(before).toEqual(expected);
    expect(after).toEqual(expected);
  });
});

describe('Merkle groups and batches', () => {
  beforeAll(() => loadKeccak());

  it('builds the root StandardMerkleTree builds, with proofs its verify accepts', () => {
    for (const n of [1, 2, 3, 7, 100]) {
      const dataHashes = hashes(n);
      const tree = buildTree(dataHashes);
      // Same leaves in the same order: OpenZeppelin's tree with its leaf sorting off.
      const reference = StandardMerkleTree.of(
        dataHashes.map((h) => [h]),
        [...LEAF_ENCODING],
        { sortLeaves: false },
      );
      expect(tree.root).toBe(reference.root);
      dataHashes.forEach((hash, i) => {
        expect(tree.proofs[i]).toEqual(reference.getProof(i));
        expect(
          StandardMerkleTree.verify(tree.root, [...LEAF_ENCODING], [hash], tree.proofs[i]),
        ).toBe(true);
      });
    }
  });

  it('a group proof followed by its batch proof leads from the leaf to the batch root', () => {
    const groups = [hashes(5), hashes(1), hashes(12)];
    const trees = groups.map(buildTree);
    const batch = buildTreeOverRoots(trees.map((t) => t.root));
    groups.forEach((group, g) =>
      group.forEach((hash, i) => {
        const proof = [...trees[g].proofs[i], ...batch.proofs[g]];
        expect(proofLeadsToRoot(batch.root, hash, proof)).toBe(true);
        // The wrong group's batch proof, or a changed hash, does not.
        const wrong = [...trees[g].proofs[i], ...batch.proofs[(g + 1) % groups.length]];
        expect(proofLeadsToRoot(batch.root, hash, wrong)).toBe(false);
        expect(proofLeadsToRoot(batch.root, hexlify(randomBytes(32)), proof)).toBe(false);
      }),
    );
  });

  it('a batch of one group has the group root as its root and an empty batch proof', () => {
    const tree = buildTree(hashes(4));
    expect(buildTreeOverRoots([tree.root])).toEqual({ root: tree.root, proofs: [[]] });
  });

  it('refuses an empty tree and a value that is not 32 bytes', () => {
    expect(() => buildTree([])).toThrow('at least one leaf');
    expect(() => buildTree(['0x1234'])).toThrow('not a 32-byte');
  });
});
