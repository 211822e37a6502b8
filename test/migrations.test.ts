/**
 * Data migrations, run on data written by the schema before them: the
 * anchor-groups migration (20261124090000) keeps every anchored credential
 * verifiable and gets the not-yet-anchored ones anchored.
 */
import { getBytes, Wallet } from 'ethers';
import { buildTree } from '../src/domains/credentials/anchoring/merkle';
import { createDb, type Db } from '../src/db/knex';
import { migrateLatest, migrateUpTo } from '../src/db/migrate';
import { credentialDataHash } from '../src/domains/credentials/credentials';
import { startTestApp, type TestApp } from './support/app';
import { createTestDatabase, type TestDatabase } from './support/db';
import { waitFor } from './support/wait';

const ANCHOR_KEY = `0x${'3c'.repeat(32)}`;
const VERIFY = `query($uid: String!) { verifyCredential(uid: $uid) { valid checks { name passed } } }`;

describe('migration 20261124090000_anchor_groups', () => {
  let database: TestDatabase;
  let db: Db;
  let app: TestApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    db = createDb({ url: database.url, poolMax: 2 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('keeps anchored credentials verifiable and anchors the waiting ones', async () => {
    await migrateUpTo(db, '20261123130000_anchoring');
    const [{ id: issuerId }] = await db('issuers').insert({ name: 'Old Issuer' }).returning('id');
    const credential = (n: number) => ({
      externalId: `old-${n}`,
      learnerEmail: `learner${n}@example.com`,
      title: `Course ${n}`,
      issuedAt: new Date(Date.UTC(2025, 0, n)),
      completionDate: null,
      maxHours: 10,
      metadata: {},
    });
    const rows = [1, 2, 3, 4].map((n) => {
      const c = credential(n);
      return {
        uid: `uid-old-${n}`,
        issuerId,
        externalId: c.externalId,
        learnerEmail: c.learnerEmail,
        title: c.title,
        issuedAt: c.issuedAt,
        maxHours: c.maxHours,
        status: 'UNCLAIMED',
        dataHash: credentialDataHash('Old Issuer', c),
      };
    });
    await db('credentials').insert(rows);
    // The old layout: one batch over the first three, each credential holding its whole
    // proof and its batch id; the fourth still waiting for a batch.
    const tree = buildTree(rows.slice(0, 3).map((r) => r.dataHash));
    const wallet = new Wallet(ANCHOR_KEY);
    const [{ id: batchId }] = await db('anchorBatches')
      .insert({
        merkleRoot: tree.root,
        leafCount: 3,
        status: 'SIGNED',
        signature: await wallet.signMessage(getBytes(tree.root)),
        signer: wallet.address,
        anchoredAt: new Date(),
      })
      .returning('id');
    for (const [i, row] of rows.slice(0, 3).entries()) {
      await db('credentials')
        .where({ uid: row.uid })
        .update({ anchorBatchId: batchId, merkleProof: JSON.stringify(tree.proofs[i]) });
    }

    await migrateLatest(db);
    const migrated = await db('credentials').orderBy('externalId');
    const [group] = await db('anchorGroups').where({ batchId });
    expect(group).toMatchObject({ merkleRoot: tree.root, leafCount: 3, batchProof: [] });
    expect(migrated.map((r: { anchorGroupId: number | null }) => r.anchorGroupId)).toEqual([
      group.id,
      group.id,
      group.id,
      null,
    ]);

    app = await startTestApp({ database, anchor: { key: ANCHOR_KEY } });
    for (const row of rows.slice(0, 3)) {
      const result = await app.gql(VERIFY, { uid: row.uid });
      expect(result.data!.verifyCredential).toMatchObject({ valid: true });
    }
    // The anchoring timer groups the waiting credential and batches its group.
    await waitFor(
      'the waiting credential to be anchored',
      async () => (await app!.gql(VERIFY, { uid: 'uid-old-4' })).data!.verifyCredential.valid,
    );
    const fourth = await db('credentials').where({ uid: 'uid-old-4' }).first();
    expect(fourth.anchorGroupId).not.toBeNull();
    expect(await db('anchorBatches').count({ n: '*' }).first()).toEqual({ n: 2 });
  });
});
