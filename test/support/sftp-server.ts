/**
 * A real SFTP server on 127.0.0.1 that plays a bank in tests: ssh2's Server
 * speaking the actual protocol, password and public-key authentication
 * against configured users, and a read-only view of a directory on disk.
 *
 * The client sees that directory as `/`, as under a chroot: `..` stops at the
 * top, and a symlink that leads outside it is refused. Listing, stat and
 * reading files are served; anything that would change the disk is refused
 * with PERMISSION_DENIED.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Stats } from 'node:fs';
import {
  lstat,
  mkdir,
  mkdtemp,
  open,
  readdir,
  realpath,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  Server,
  utils,
  type Attributes,
  type AuthContext,
  type Connection,
  type FileEntry,
  type ParsedKey,
  type SFTPWrapper,
} from 'ssh2';

const { OPEN_MODE, STATUS_CODE } = utils.sftp;

export interface SftpUser {
  username: string;
  /** Accepted for `password` authentication. */
  password?: string;
  /** An OpenSSH public key line (`ssh-ed25519 AAAA...`), accepted for `publickey` authentication. */
  publicKey?: string;
}

export interface SftpServerOptions {
  users: SftpUser[];
  /** The directory served as `/`; a fresh temp directory (removed on close) when absent. */
  root?: string;
  /** Listen on this port (a server restarted with a new host key, say); default: any free one. */
  port?: number;
}

/** One request the server answered, for assertions such as "the file was read once". */
export interface SftpOperation {
  username: string;
  /** The SFTP request: OPEN, OPENDIR, STAT, LSTAT, REALPATH, or a refused write. */
  op: string;
  /** The client's path, normalized under the chroot. */
  path: string;
}

export interface SftpServer {
  host: string;
  port: number;
  /** The directory on disk the client sees as `/`. */
  root: string;
  /** The host key's fingerprint as OpenSSH prints it: `SHA256:<base64>`. */
  hostKeyFingerprint: string;
  /** Every path-bearing request so far, oldest first. */
  readonly operations: SftpOperation[];
  /** SSH connections currently open. */
  activeConnections(): number;
  /** Writes a file below root (parent directories created) and returns its local path. */
  put(remotePath: string, content: string | Buffer): Promise<string>;
  /** Disconnects every client, stops listening and removes a temp root. */
  close(): Promise<void>;
}

export interface ClientKeyPair {
  /** OpenSSH private key (`-----BEGIN OPENSSH PRIVATE KEY-----`), encrypted when a passphrase was given. */
  privateKey: string;
  /** OpenSSH public key line, for SftpUser.publicKey. */
  publicKey: string;
}

/**
 * An ed25519 key pair for a test client. A passphrase encrypts the private
 * key with aes256-ctr and bcrypt-pbkdf; `rounds` [16] trades strength for
 * speed (ssh2 derives the key in pure JS, about 25 ms a round).
 */
export function generateClientKeyPair(
  options: { passphrase?: string; rounds?: number; comment?: string } = {},
): ClientKeyPair {
  const comment = options.comment ?? 'tributary-test';
  const pair = wellFormedEd25519(() =>
    options.passphrase === undefined
      ? utils.generateKeyPairSync('ed25519', { comment })
      : utils.generateKeyPairSync('ed25519', {
          comment,
          passphrase: options.passphrase,
          cipher: 'aes256-ctr',
          rounds: options.rounds ?? 16,
        }),
  );
  return { privateKey: pair.private, publicKey: pair.public };
}

/**
 * ssh2's generateKeyPairSync drops the leading zero byte of an ed25519 public
 * key (about 1 key in 400: a 31-byte key that its own parser then refuses as
 * "Malformed OpenSSH public key"); such a pair is drawn again. Seen as a
 * settlements e2e failure in CI.
 */
function wellFormedEd25519(generate: () => { private: string; public: string }) {
  for (;;) {
    const pair = generate();
    if (!(utils.parseKey(pair.public) instanceof Error)) return pair;
  }
}

/** The fingerprint OpenSSH shows for a public key blob: `SHA256:` and unpadded base64. */
export function sshFingerprint(publicKeyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`;
}

export async function startSftpServer(options: SftpServerOptions): Promise<SftpServer> {
  const users = new Map(options.users.map((user) => [user.username, authorizedUser(user)]));
  const ownsRoot = options.root === undefined;
  const root = await realpath(
    options.root ?? (await mkdtemp(path.join(os.tmpdir(), 'tributary-sftp-'))),
  );
  const jail = new Jail(root);
  const operations: SftpOperation[] = [];
  const connections = new Set<Connection>();

  const hostKey = wellFormedEd25519(() => utils.generateKeyPairSync('ed25519'));
  const hostKeyFingerprint = sshFingerprint(parsedKey(hostKey.public).getPublicSSH());

  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    connections.add(client);
    // As the client does (src/connectors/bank-sftp/session.ts): no Nagle on a request/answer
    // protocol. ssh2 documents Connection#setNoDelay; @types/ssh2 has it on Client only.
    (client as unknown as { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    client.on('close', () => connections.delete(client));
    // A client that vanishes mid-handshake is its own business, not a test failure.
    client.on('error', () => undefined);

    let username = '';
    client.on('authentication', (auth) => {
      if (authenticate(auth, users.get(auth.username))) {
        username = auth.username;
        auth.accept();
      } else {
        auth.reject(['password', 'publickey']);
      }
    });

    client.on('ready', () => {
      // Only the sftp subsystem is offered: exec, shell and forwarding requests
      // have no listener, which makes ssh2 refuse them.
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => {
          const record = (op: string, clientPath: string) =>
            operations.push({ username, op, path: jail.virtual(clientPath) });
          serveSftp(acceptSftp(), jail, record);
        });
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    root,
    hostKeyFingerprint,
    operations,
    activeConnections: () => connections.size,
    async put(remotePath, content) {
      const local = path.join(root, ...jail.virtual(remotePath).split('/'));
      await mkdir(path.dirname(local), { recursive: true });
      await writeFile(local, content);
      return local;
    },
    async close() {
      for (const client of connections) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsRoot) await rm(root, { recursive: true, force: true });
    },
  };
}

interface AuthorizedUser {
  password?: string;
  publicKey?: ParsedKey;
}

function authorizedUser(user: SftpUser): AuthorizedUser {
  return {
    password: user.password,
    publicKey: user.publicKey === undefined ? undefined : parsedKey(user.publicKey),
  };
}

function parsedKey(text: string): ParsedKey {
  const key = utils.parseKey(text);
  if (key instanceof Error) throw key;
  // An OpenSSH file may hold several keys; the parser then answers an array.
  return Array.isArray(key) ? (key[0] as ParsedKey) : key;
}

/**
 * password: compared in constant time. publickey: the offered key must be
 * the user's, and the signature over the session data must verify; a probe
 * without a signature ("would you take this key?") is accepted so the client
 * goes on to sign, as the protocol requires.
 */
function authenticate(auth: AuthContext, user: AuthorizedUser | undefined): boolean {
  if (user === undefined) return false;
  switch (auth.method) {
    case 'password':
      return user.password !== undefined && sameText(auth.password, user.password);
    case 'publickey': {
      const key = user.publicKey;
      if (key === undefined || !auth.key.data.equals(key.getPublicSSH())) return false;
      if (auth.signature === undefined || auth.blob === undefined) return true;
      return key.verify(auth.blob, auth.signature, auth.hashAlgo) === true;
    }
    default:
      return false;
  }
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A status the client can act on, carried by the errors the jail and fs throw. */
class SftpStatus extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Maps a client path to a path on disk, never outside root. */
class Jail {
  constructor(readonly root: string) {}

  /** The client's path made absolute and normalized; `..` stops at `/`, as under chroot. */
  virtual(clientPath: string): string {
    return path.posix.resolve('/', clientPath);
  }

  /**
   * The local path for a client path, after checking that it really lies
   * below root: with `followLink` the target of a final symlink must too;
   * without it (LSTAT) only the directory holding the entry is resolved.
   */
  async local(clientPath: string, followLink = true): Promise<string> {
    if (clientPath.includes('\0')) throw new SftpStatus(STATUS_CODE.BAD_MESSAGE, 'NUL in path');
    const virtual = this.virtual(clientPath);
    if (virtual === '/') return this.root;
    const local = path.join(this.root, ...virtual.split('/'));
    const real = followLink
      ? await realpath(local)
      : path.join(await realpath(path.dirname(local)), path.basename(local));
    if (real !== this.root && !real.startsWith(this.root + path.sep)) {
      throw new SftpStatus(STATUS_CODE.PERMISSION_DENIED, 'path leads outside the served root');
    }
    return real;
  }
}

type OpenHandle =
  { kind: 'file'; file: FileHandle } | { kind: 'dir'; local: string; pending?: FileEntry[] };

/** Largest READ answered at once; clients ask for 32 KiB or so. */
const MAX_READ = 256 * 1024;
/** Entries per READDIR answer. */
const DIR_BATCH = 100;

/** Answers one SFTP session's requests from the jail. Handles die with the session. */
function serveSftp(sftp: SFTPWrapper, jail: Jail, record: (op: string, path: string) => void) {
  const handles = new Map<string, OpenHandle>();
  let nextHandle = 0;
  let closed = false;

  const addHandle = (entry: OpenHandle): Buffer => {
    const handle = Buffer.alloc(4);
    handle.writeUInt32BE(nextHandle++);
    handles.set(handle.toString('hex'), entry);
    return handle;
  };

  /** Runs a request; any failure becomes the matching status (unless the session is gone). */
  const serve = (reqId: number, work: () => Promise<void>) => {
    work().catch((error: unknown) => {
      if (!closed) sftp.status(reqId, statusOf(error), messageOf(error));
    });
  };

  sftp.on('REALPATH', (reqId, clientPath) => {
    record('REALPATH', clientPath);
    serve(reqId, async () => {
      await jail.local(clientPath);
      const virtual = jail.virtual(clientPath);
      sftp.name(reqId, [{ filename: virtual, longname: virtual, attrs: {} as Attributes }]);
    });
  });

  for (const op of ['STAT', 'LSTAT'] as const) {
    sftp.on(op, (reqId: number, clientPath: string) => {
      record(op, clientPath);
      serve(reqId, async () => {
        const local = await jail.local(clientPath, op === 'STAT');
        sftp.attrs(reqId, attributesOf(op === 'STAT' ? await stat(local) : await lstat(local)));
      });
    });
  }

  sftp.on('OPENDIR', (reqId, clientPath) => {
    record('OPENDIR', clientPath);
    serve(reqId, async () => {
      const local = await jail.local(clientPath);
      if (!(await stat(local)).isDirectory()) {
        throw new SftpStatus(STATUS_CODE.FAILURE, 'not a directory');
      }
      sftp.handle(reqId, addHandle({ kind: 'dir', local }));
    });
  });

  sftp.on('READDIR', (reqId, handle) => {
    serve(reqId, async () => {
      const dir = handles.get(handle.toString('hex'));
      if (dir?.kind !== 'dir') throw new SftpStatus(STATUS_CODE.FAILURE, 'invalid handle');
      // Read the whole directory on the first READDIR, then hand it out in batches.
      dir.pending ??= await directoryEntries(dir.local);
      const batch = dir.pending.splice(0, DIR_BATCH);
      if (batch.length === 0) sftp.status(reqId, STATUS_CODE.EOF);
      else sftp.name(reqId, batch);
    });
  });

  sftp.on('OPEN', (reqId, clientPath, flags) => {
    record('OPEN', clientPath);
    serve(reqId, async () => {
      if (flags !== OPEN_MODE.READ) {
        throw new SftpStatus(STATUS_CODE.PERMISSION_DENIED, 'read-only server');
      }
      const local = await jail.local(clientPath);
      if ((await stat(local)).isDirectory()) {
        throw new SftpStatus(STATUS_CODE.FAILURE, 'is a directory');
      }
      const file = await open(local, 'r');
      if (closed) {
        await file.close();
        return;
      }
      sftp.handle(reqId, addHandle({ kind: 'file', file }));
    });
  });

  sftp.on('READ', (reqId, handle, offset, length) => {
    serve(reqId, async () => {
      const entry = handles.get(handle.toString('hex'));
      if (entry?.kind !== 'file') throw new SftpStatus(STATUS_CODE.FAILURE, 'invalid handle');
      const buffer = Buffer.alloc(Math.min(length, MAX_READ));
      const { bytesRead } = await entry.file.read(buffer, 0, buffer.length, offset);
      if (bytesRead === 0) sftp.status(reqId, STATUS_CODE.EOF);
      else sftp.data(reqId, buffer.subarray(0, bytesRead));
    });
  });

  sftp.on('FSTAT', (reqId, handle) => {
    serve(reqId, async () => {
      const entry = handles.get(handle.toString('hex'));
      if (entry === undefined) throw new SftpStatus(STATUS_CODE.FAILURE, 'invalid handle');
      sftp.attrs(
        reqId,
        attributesOf(entry.kind === 'file' ? await entry.file.stat() : await stat(entry.local)),
      );
    });
  });

  sftp.on('CLOSE', (reqId, handle) => {
    serve(reqId, async () => {
      const key = handle.toString('hex');
      const entry = handles.get(key);
      if (entry === undefined) throw new SftpStatus(STATUS_CODE.FAILURE, 'invalid handle');
      handles.delete(key);
      if (entry.kind === 'file') await entry.file.close();
      sftp.status(reqId, STATUS_CODE.OK);
    });
  });

  // Everything that would change the disk. (Requests with no listener at all,
  // such as SYMLINK or extensions, get OP_UNSUPPORTED from ssh2.)
  const refuse = (op: string) => (reqId: number, clientPath?: unknown) => {
    if (typeof clientPath === 'string') record(op, clientPath);
    sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED, 'read-only server');
  };
  sftp.on('WRITE', refuse('WRITE'));
  sftp.on('FSETSTAT', refuse('FSETSTAT'));
  sftp.on('SETSTAT', refuse('SETSTAT'));
  sftp.on('REMOVE', refuse('REMOVE'));
  sftp.on('RMDIR', refuse('RMDIR'));
  sftp.on('MKDIR', refuse('MKDIR'));
  sftp.on('RENAME', refuse('RENAME'));

  sftp.on('close', () => {
    closed = true;
    for (const entry of handles.values()) {
      if (entry.kind === 'file') void entry.file.close().catch(() => undefined);
    }
    handles.clear();
  });
}

/** A directory's entries with lstat attributes and `ls -l` long names; `.` and `..` left out. */
async function directoryEntries(local: string): Promise<FileEntry[]> {
  const names = (await readdir(local)).sort();
  const entries: FileEntry[] = [];
  for (const filename of names) {
    try {
      const stats = await lstat(path.join(local, filename));
      entries.push({ filename, longname: longName(filename, stats), attrs: attributesOf(stats) });
    } catch {
      // Removed between readdir and lstat: as if it had never been there.
    }
  }
  return entries;
}

function attributesOf(stats: Stats): Attributes {
  return {
    mode: stats.mode,
    uid: stats.uid,
    gid: stats.gid,
    size: stats.size,
    atime: Math.floor(stats.atimeMs / 1000),
    mtime: Math.floor(stats.mtimeMs / 1000),
  };
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/**
 * `-rw-r--r-- 1 1000 1000 42 Jan 02 15:04 name`, as OpenSSH sends: clients
 * such as ssh2-sftp-client read the entry type and permissions from it.
 */
function longName(filename: string, stats: Stats): string {
  const type = stats.isDirectory() ? 'd' : stats.isSymbolicLink() ? 'l' : '-';
  let rights = '';
  for (let shift = 6; shift >= 0; shift -= 3) {
    const bits = (stats.mode >> shift) & 7;
    rights += (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') + (bits & 1 ? 'x' : '-');
  }
  const m = stats.mtime;
  const date = `${MONTHS[m.getMonth()]} ${pad(m.getDate())} ${pad(m.getHours())}:${pad(m.getMinutes())}`;
  return `${type}${rights} 1 ${stats.uid} ${stats.gid} ${stats.size} ${date} ${filename}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function statusOf(error: unknown): number {
  if (error instanceof SftpStatus) return error.code;
  switch ((error as { code?: unknown })?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return STATUS_CODE.NO_SUCH_FILE;
    case 'EACCES':
    case 'EPERM':
      return STATUS_CODE.PERMISSION_DENIED;
    default:
      return STATUS_CODE.FAILURE;
  }
}

/** Status text for the client: the jail's own words, else ssh2's standard text for the code. */
function messageOf(error: unknown): string | undefined {
  return error instanceof SftpStatus ? error.message : undefined;
}
