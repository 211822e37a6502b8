import type { Knex } from 'knex';
import { loadKeccak } from './keccak';
import { buildTree } from './merkle';

/**
 * Writes one anchoring group over `dataHashes` (see merkle.ts) and returns
 * its id and, in the same order, each credential's proof up to its root.
 */
export async function insertGroup(
  trx: Knex.Transaction,
  dataHashes: string[],
): Promise<{ id: number; proofs: string[][] }> {
  await loadKeccak();
  const tree = buildTree(dataHashes);
  const [group] = (await trx('anchorGroups')
    .insert({ merkleRoot: tree.root, leafCount: dataHashes.length })
    .returning('id')) as { id: number }[];
  return { id: group.id, proofs: tree.proofs };
}
