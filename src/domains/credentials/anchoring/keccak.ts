/**
 * keccak256 for the hot paths (data hashes, Merkle leaves and nodes): the
 * WebAssembly build from hash-wasm, about ten times faster than the pure-JS
 * keccak ethers ships. Until the module has loaded (or if WebAssembly is not
 * available) ethers' keccak256 gives the same bytes, so results never depend
 * on the load: `loadKeccak()` only makes them faster.
 */
import { createKeccak, type IHasher } from 'hash-wasm';
import { getBytes, keccak256 as ethersKeccak256, toUtf8Bytes } from 'ethers';

let hasher: IHasher | undefined;
let loading: Promise<void> | undefined;

/** Loads the WebAssembly hasher once; resolves even if it cannot (the fallback stays). */
export function loadKeccak(): Promise<void> {
  loading ??= createKeccak(256).then(
    (loaded) => {
      hasher = loaded;
    },
    () => undefined,
  );
  return loading;
}

/** keccak256 of `data`, 32 bytes. */
export function keccak256Bytes(data: Uint8Array): Uint8Array {
  if (!hasher) return getBytes(ethersKeccak256(data));
  hasher.init();
  hasher.update(data);
  return hasher.digest('binary');
}

/** keccak256 of `data`, 0x-prefixed lower-case hex. */
export function keccak256Hex(data: Uint8Array): string {
  return `0x${Buffer.from(keccak256Bytes(data)).toString('hex')}`;
}

/** keccak256 of `text`'s UTF-8 bytes, 0x-prefixed lower-case hex (encoded by the hasher itself). */
export function keccak256HexOfText(text: string): string {
  if (!hasher) return ethersKeccak256(toUtf8Bytes(text));
  hasher.init();
  hasher.update(text);
  return `0x${Buffer.from(hasher.digest('binary')).toString('hex')}`;
}
