/**
 * Content-addressed blob storage: bytes are stored under their CID and
 * checked against it when read. The interface is what an S3 or IPFS backend
 * would implement; FileBlobStore keeps them under DATA_DIR/blobs.
 */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { unixfsCid } from './cid';

export interface BlobStore {
  /** Stores the bytes and returns their CID; storing the same bytes twice is harmless. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes stored under the CID, or null. Not checked: see `verified`. */
  get(cid: string): Promise<Uint8Array | null>;
  has(cid: string): Promise<boolean>;
}

/** CIDv1 base32 text: lowercase letters and digits 2-7 after the multibase prefix `b`. */
const CID_TEXT = /^b[a-z2-7]{20,120}$/;

export class FileBlobStore implements BlobStore {
  constructor(readonly dir: string) {}

  async put(bytes: Uint8Array): Promise<string> {
    const cid = await unixfsCid(bytes);
    const file = this.fileOf(cid);
    if (await this.has(cid)) return cid;
    await mkdir(path.dirname(file), { recursive: true });
    // Written under a temporary name and renamed: a reader never sees half a blob.
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, file);
    return cid;
  }

  async get(cid: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.fileOf(cid)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async has(cid: string): Promise<boolean> {
    try {
      return (await stat(this.fileOf(cid))).isFile();
    } catch {
      return false;
    }
  }

  /** <dir>/<last two characters>/<cid>: spread over directories, never outside dir. */
  private fileOf(cid: string): string {
    if (!CID_TEXT.test(cid)) throw new Error('not a CIDv1 in base32');
    return path.join(this.dir, cid.slice(-2), cid);
  }
}

/**
 * The blob under `cid` if its bytes still hash to it: `missing` when there
 * is none, `mismatch` when the stored bytes changed.
 */
export async function verifiedBlob(
  store: BlobStore,
  cid: string,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: 'missing' | 'mismatch' }> {
  const bytes = await store.get(cid);
  if (!bytes) return { ok: false, reason: 'missing' };
  return (await unixfsCid(bytes)) === cid ? { ok: true, bytes } : { ok: false, reason: 'mismatch' };
}
