import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileBlobStore, verifiedBlob } from './blob-store';
import { stopCidWorker, unixfsCid } from './cid';

/** A PDF-looking file of exactly `size` bytes, deterministic. */
function pdf(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(Buffer.from('%PDF-1.7\n'));
  for (let i = 9; i < size; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
}

/** CIDv1 raw + sha2-256 built by hand: 0x01 0x55 0x12 0x20 <digest>, base32 lower, prefix b. */
function rawCid(bytes: Uint8Array): string {
  const digest = createHash('sha256').update(bytes).digest();
  const cid = Buffer.concat([Buffer.from([0x01, 0x55, 0x12, 0x20]), digest]);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let value = 0;
  let out = 'b';
  for (const byte of cid) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

describe('UnixFS CIDs and the blob store', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'blobs-'));
  });
  afterAll(async () => {
    await stopCidWorker();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives a PDF up to 256 KiB the raw-codec sha2-256 CIDv1 of its bytes', async () => {
    const small = pdf(100_000);
    expect(await unixfsCid(small)).toBe(rawCid(small));
    const exact = pdf(256 * 1024);
    expect(await unixfsCid(exact)).toBe(rawCid(exact));
    // A known vector: the empty-ish "hello" file `ipfs add --cid-version=1` gives.
    expect(await unixfsCid(Buffer.from('hello\n'))).toBe(
      'bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am',
    );
  });

  it('gives a larger PDF a dag-pb CIDv1 root, stable across calls', async () => {
    const big = pdf(600_000);
    const cid = await unixfsCid(big);
    // dag-pb (0x70) v1 sha2-256 in base32 starts "bafybei"; raw (0x55) starts "bafkrei".
    expect(cid).toMatch(/^bafybei[a-z2-7]{52}$/);
    expect(await unixfsCid(pdf(600_000))).toBe(cid);
    expect(cid).not.toBe(rawCid(big));
  });

  it('stores by CID, serves the bytes back, and notices bytes that no longer match', async () => {
    const store = new FileBlobStore(dir);
    const small = pdf(1_000);
    const big = pdf(300_000);
    const [smallCid, bigCid] = [await store.put(small), await store.put(big)];
    expect(smallCid).toBe(rawCid(small));
    expect(await store.put(big)).toBe(bigCid);
    expect(await store.has(bigCid)).toBe(true);
    expect(Buffer.from((await store.get(bigCid))!)).toEqual(Buffer.from(big));
    expect(await verifiedBlob(store, bigCid)).toMatchObject({ ok: true });
    expect(await verifiedBlob(store, rawCid(pdf(50)))).toEqual({ ok: false, reason: 'missing' });

    const tampered = new Uint8Array(big);
    tampered[400_000 % tampered.length] ^= 1;
    await writeFile(path.join(dir, bigCid.slice(-2), bigCid), tampered);
    expect(await verifiedBlob(store, bigCid)).toEqual({ ok: false, reason: 'mismatch' });
    await expect(store.get('../../etc/passwd')).rejects.toThrow('not a CIDv1');
    expect((await readdir(dir)).length).toBe(2);
  });
});
