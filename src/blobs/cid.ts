/**
 * The CIDv1 `ipfs add --cid-version=1` gives a file: UnixFS with raw leaves,
 * 256 KiB fixed-size chunks, balanced DAG of at most 174 links per node, a
 * single chunk reduced to its raw-codec leaf. Computed by ipfs-unixfs-importer.
 *
 * ipfs-unixfs-importer is ESM-only, so it is loaded with a real dynamic
 * `import()`. That runs in a worker thread: a plain Node context where
 * dynamic import always works (also under test runners that evaluate
 * CommonJS in a VM without ESM support), and the hashing of a large PDF
 * stays off the event loop. One worker per process, started lazily, unref'd.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loaded = Promise.all([import(workerData.importer), import(workerData.layout)]);
const discard = { put: async (cid) => cid };
parentPort.on('message', async ({ id, bytes }) => {
  try {
    const [{ importBytes }, { balanced }] = await loaded;
    const entry = await importBytes(bytes, discard, {
      profile: 'unixfs-v0-2015',
      cidVersion: 1,
      rawLeaves: true,
      reduceSingleLeafToSelf: true,
      layout: balanced({ maxChildrenPerNode: 174 }),
    });
    parentPort.postMessage({ id, cid: entry.cid.toString() });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

/** The file URL of an export of ipfs-unixfs-importer, found from this file's location. */
function entryOf(subpath: '.' | './layout'): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'node_modules', 'ipfs-unixfs-importer', 'package.json');
    if (existsSync(pkg)) {
      const manifest = JSON.parse(readFileSync(pkg, 'utf8')) as {
        exports: Record<string, { import: string }>;
      };
      return pathToFileURL(path.join(path.dirname(pkg), manifest.exports[subpath].import)).href;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('ipfs-unixfs-importer is not installed');
    dir = parent;
  }
}

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve(cid: string): void; reject(error: Error): void }>();

function cidWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { importer: entryOf('.'), layout: entryOf('./layout') },
  });
  started.unref();
  started.on('message', (message: { id: number; cid?: string; error?: string }) => {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (waiting.size === 0) started.unref();
    if (!pending) return;
    if (message.cid) pending.resolve(message.cid);
    else pending.reject(new Error(`could not compute the CID: ${message.error}`));
  });
  const failAll = (error: Error) => {
    worker = null;
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  started.on('error', failAll);
  started.on('exit', () => failAll(new Error('the CID worker stopped')));
  worker = started;
  return started;
}

/** CIDv1 (base32 text) of these bytes, as `ipfs add --cid-version=1` computes it. */
export function unixfsCid(bytes: Uint8Array): Promise<string> {
  const target = cidWorker();
  const id = nextId++;
  return new Promise<string>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    target.ref();
    // A copy is sent: the caller keeps its bytes.
    target.postMessage({ id, bytes: new Uint8Array(bytes) });
  });
}

/** Stops the worker (tests and shutdown); the next call starts a new one. */
export async function stopCidWorker(): Promise<void> {
  const current = worker;
  worker = null;
  if (current) await current.terminate();
}
