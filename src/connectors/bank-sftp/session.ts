/**
 * One SFTP connection for the length of a callback: connect with the
 * connector's SSH credentials, run the callback, always disconnect. Used by
 * BANK_SFTP's test() and, for downloads, by the sync engine.
 *
 * Every failure leaves as a ConnectorError whose message is built from the
 * host, the username and ssh2's own wording, and is scrubbed of the
 * connector's secrets all the same.
 */
import { createHash } from 'node:crypto';
import { connect as tcpConnect, type Socket } from 'node:net';
import SftpClient from 'ssh2-sftp-client';
import { ConnectorError, isConnectorError, scrubSecrets, type ConnectorErrorCode } from '../errors';
import type { ConnectorContext } from '../types';
import { resolveAllowedAddress, TargetRefusedError } from '../../security/outbound';

/** What a connection needs from a kind's config. */
export interface SftpSettings {
  host: string;
  port: number;
  /** Connecting, the SSH handshake, authentication and opening the sftp channel together. */
  timeoutMs: number;
  /** When set, the only host key accepted. */
  hostKeyFingerprint?: string | null;
}

export interface SftpSession {
  /** The connected client; wrap its calls in `call` to get ConnectorErrors. */
  client: SftpClient;
  username: string;
  /** The server's host key as OpenSSH prints it (`SHA256:...`), worth logging and pinning. */
  hostKey: string;
  /**
   * Runs one remote operation; a failure becomes a ConnectorError that names
   * `what` (e.g. "list /outbox"): SFTP for statuses such as "no such file",
   * NETWORK when the connection is lost.
   */
  call<T>(what: string, operation: (client: SftpClient) => Promise<T>): Promise<T>;
}

type SessionFn<T> = (session: SftpSession) => Promise<T>;

export interface SftpOptions {
  /**
   * With no hostKeyFingerprint, accept the key the server shows (the caller
   * pins it). Only a connection test does this; everything else needs a
   * pinned key.
   */
  trustOnFirstUse?: boolean;
}

/** The raw ssh2 error: `level` tells authentication from socket and timeout failures. */
interface SshError {
  message?: unknown;
  code?: unknown;
  level?: unknown;
}

/** How long a polite disconnect may take before the socket is destroyed. */
const END_GRACE_MS = 2_000;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EPIPE',
]);

/**
 * Connects as ctx.secrets.username (SSH_PASSWORD: password; SSH_KEY:
 * privateKey and optional passphrase), runs fn, and disconnects whatever
 * happens. An abort of ctx.signal disconnects at once and rejects with the
 * signal's reason. fn's own errors pass through unchanged.
 */
export async function withSftp<T>(
  ctx: ConnectorContext<SftpSettings>,
  ...args: [fn: SessionFn<T>] | [options: SftpOptions, fn: SessionFn<T>]
): Promise<T> {
  const [options, fn] = args.length === 1 ? [{}, args[0]] : args;
  const { config, signal, logger } = ctx;
  signal.throwIfAborted();
  if (!config.hostKeyFingerprint && !options.trustOnFirstUse) {
    // Without a pinned key any server could be the bank: no credentials are sent to it.
    throw new ConnectorError(
      'CONFIG',
      `${config.host}:${config.port}: no host key is pinned yet; a connection test pins it (trust on first use)`,
    );
  }
  // The username is shown on purpose ("connected as ..."); the rest never is.
  const secrets = Object.entries(ctx.secrets)
    .filter(([name]) => name !== 'username')
    .map(([, value]) => value);
  const scrub = (text: string) => scrubSecrets(text, secrets);
  const where = `${config.host}:${config.port}`;
  const username = ctx.secrets.username ?? '';
  const credentials = credentialOptions(ctx);

  const client = new SftpClient('bank-sftp', {
    // Errors after a call has settled (a reset while idle, say) only reach this log.
    error: (error) => logger.debug({ where, error: scrub(textOf(error)) }, 'sftp client error'),
    end: () => undefined,
    close: () => undefined,
  });
  // ssh2-sftp-client rewraps errors and drops their `level`; keep the first raw one.
  let connecting = true;
  let rawFailure: SshError | undefined;
  client.on('error', (error: SshError) => {
    if (connecting) rawFailure ??= error;
  });

  let sock: Socket | undefined;
  const abort = () => {
    disconnectNow(client);
    sock?.destroy();
  };
  signal.addEventListener('abort', abort, { once: true });
  try {
    let hostKey = '';
    let hostKeyMismatch = false;
    try {
      // The outbound policy (security/outbound.ts); connect to the address it checked.
      const address = await resolveAllowedAddress(config.host).catch((error: unknown) => {
        if (!(error instanceof TargetRefusedError)) throw error;
        throw new ConnectorError('TARGET_REFUSED', `SFTP ${where} refused: ${error.message}`);
      });
      // Nagle's algorithm off: SFTP is small requests each waiting for its answer, and with it
      // on every round trip waited for the peer's delayed ACK (a listing took ~350 ms on
      // loopback, a 4 MB download twice as long). ssh2 connects no socket it is handed.
      sock = tcpConnect({ host: address, port: config.port, noDelay: true });
      const connected = withDeadline(
        client.connect({
          host: address,
          port: config.port,
          sock,
          username,
          ...credentials,
          readyTimeout: config.timeoutMs,
          // Recorded always; refused when it is not the pinned key.
          hostVerifier: (key: Buffer) => {
            hostKey = fingerprint(key);
            const expected = config.hostKeyFingerprint;
            if (expected && expected.replace(/=$/, '') !== hostKey.replace(/=$/, '')) {
              hostKeyMismatch = true;
              return false;
            }
            return true;
          },
        }),
        config.timeoutMs,
        abort,
      );
      await untilAborted(connected, signal);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (isConnectorError(error)) throw error;
      if (hostKeyMismatch) {
        throw new ConnectorError(
          'AUTH_FAILED',
          `${where}: host key ${hostKey} does not match hostKeyFingerprint; refusing to send credentials`,
        );
      }
      throw connectError(rawFailure ?? (error as SshError), { where, username, ctx, scrub });
    } finally {
      connecting = false;
    }

    const session: SftpSession = {
      client,
      username,
      hostKey,
      call: async (what, operation) => {
        try {
          return await operation(client);
        } catch (error) {
          if (signal.aborted) throw signal.reason;
          throw operationError(what, error, scrub);
        }
      },
    };
    return await untilAborted(fn(session), signal);
  } finally {
    signal.removeEventListener('abort', abort);
    await disconnect(client);
    sock?.destroy();
  }
}

type Credentials = { password: string } | { privateKey: string; passphrase?: string };

function credentialOptions(ctx: ConnectorContext<SftpSettings>): Credentials {
  const { secrets } = ctx;
  switch (ctx.authType) {
    case 'SSH_PASSWORD':
      if (secrets.password) return { password: secrets.password };
      break;
    case 'SSH_KEY':
      if (secrets.privateKey) {
        return secrets.passphrase === undefined
          ? { privateKey: secrets.privateKey }
          : { privateKey: secrets.privateKey, passphrase: secrets.passphrase };
      }
      break;
    default:
      throw new ConnectorError('CONFIG', `SFTP does not support auth type ${ctx.authType}`);
  }
  throw new ConnectorError('CONFIG', `SFTP credentials for ${ctx.authType} are incomplete`);
}

interface FailureContext {
  where: string;
  username: string;
  ctx: ConnectorContext<SftpSettings>;
  scrub(text: string): string;
}

function connectError(error: SshError, { where, username, ctx, scrub }: FailureContext) {
  const message = textOf(error);
  const code = typeof error.code === 'string' ? error.code : undefined;
  const system = code === undefined ? {} : { cause: error };
  if (/Cannot parse privateKey|does not contain a \(valid\) private key/i.test(message)) {
    // ssh2's reason names the problem ("bad passphrase?"), never the key itself.
    const reason = message.replace(/^.*Cannot parse privateKey:\s*/i, '');
    return new ConnectorError(
      'AUTH_FAILED',
      `SFTP private key for user ${username} unusable: ${scrub(reason)}`,
    );
  }
  if (error.level === 'client-authentication' || /authentication methods failed/i.test(message)) {
    return new ConnectorError(
      'AUTH_FAILED',
      `SFTP ${where}: authentication failed for user ${username} (${ctx.authType})`,
    );
  }
  if (error.level === 'client-timeout' || code === 'ETIMEDOUT' || /timed out/i.test(message)) {
    return new ConnectorError(
      'TIMEOUT',
      `SFTP ${where}: no SSH session within ${ctx.config.timeoutMs} ms`,
      system,
    );
  }
  if ((code !== undefined && NETWORK_CODES.has(code)) || error.level === 'client-dns') {
    return new ConnectorError('NETWORK', `SFTP ${where}: connection failed (${code})`, system);
  }
  if (error.level === 'client-socket') {
    return new ConnectorError('NETWORK', `SFTP ${where}: ${scrub(message)}`, system);
  }
  return new ConnectorError('SFTP', `SFTP ${where}: ${scrub(message)}`);
}

/** SFTP status codes (RFC draft-ietf-secsh-filexfer-02) worth their own words. */
const STATUS_TEXT: Record<number, string> = {
  2: 'no such file or directory',
  3: 'permission denied',
  8: 'operation unsupported by the server',
};

/** A failed remote operation, named by `what`, as a ConnectorError. */
export function operationError(
  what: string,
  error: unknown,
  scrub: (text: string) => string = (text) => text,
): ConnectorError {
  if (isConnectorError(error)) return error;
  const { code } = (error ?? {}) as SshError;
  if (typeof code === 'number' && STATUS_TEXT[code] !== undefined) {
    return new ConnectorError('SFTP', `SFTP ${scrub(what)} failed: ${STATUS_TEXT[code]}`);
  }
  const errorCode: ConnectorErrorCode =
    typeof code === 'string' && NETWORK_CODES.has(code) ? 'NETWORK' : 'SFTP';
  // ssh2-sftp-client prefixes its method name ("list: ..."), which `what` already says.
  const reason = textOf(error).replace(/^\w+:\s*/, '');
  return new ConnectorError(errorCode, `SFTP ${scrub(what)} failed: ${scrub(reason)}`);
}

/** The OpenSSH-style fingerprint of a host key blob. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

function textOf(error: unknown): string {
  const message = (error as SshError | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}

/**
 * The ssh2 Client inside ssh2-sftp-client. Its end() only acts once the sftp
 * channel is open, so a connection still handshaking is closed through this:
 * ssh2-sftp-client has no public call that aborts a connect in progress.
 */
function rawClient(client: SftpClient): { destroy?(): void } | undefined {
  return (client as unknown as { client?: { destroy?(): void } }).client;
}

function disconnectNow(client: SftpClient): void {
  rawClient(client)?.destroy?.();
}

/** A polite end (SSH disconnect), destroying the socket if the server does not close. */
async function disconnect(client: SftpClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.end().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, END_GRACE_MS))),
    ]);
  } finally {
    clearTimeout(timer);
    disconnectNow(client);
  }
}

/** work, unless ms pass first: then onTimeout runs and work's own rejection follows. */
async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(
        Object.assign(new Error('Timed out while waiting for the SFTP channel'), {
          level: 'client-timeout',
        }),
      );
    }, ms);
  });
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
    // The loser of the race must not surface as an unhandled rejection.
    work.catch(() => undefined);
  }
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
