/** BANK_SFTP settings, as contract/providers.md lists them, plus timeoutMs. */
import { isIP } from 'node:net';
import { z } from 'zod';
import { reconcileConfig } from '../../domains/reconciliation/config';

/** The token a file pattern holds by default, replaced by the cycle date. */
export const DATE_TOKEN = '{YYYYMMDD}';

/** Date tokens a file pattern may hold (one of them at least), and how each writes a date. */
const DATE_TOKENS: Record<string, { digits: string; write(iso: string): string }> = {
  '{YYYYMMDD}': { digits: '\\d{8}', write: (iso) => iso.replaceAll('-', '') },
  '{YYYY-MM-DD}': { digits: '\\d{4}-\\d{2}-\\d{2}', write: (iso) => iso },
  '{DDMMYYYY}': {
    digits: '\\d{8}',
    write: (iso) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`,
  },
};
const TOKEN_SPLIT = /(\{YYYYMMDD\}|\{YYYY-MM-DD\}|\{DDMMYYYY\}|\*)/;

const DNS_NAME =
  /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** A DNS name or an IPv4/IPv6 address, without port or brackets. */
export const sftpHost = z
  .string()
  .trim()
  .min(1)
  .refine((host) => isIP(host) !== 0 || DNS_NAME.test(host), 'must be a hostname or IP address');

/** A source column name in the settlement file's header row. */
const columnName = z.string().trim().min(1).max(200);

export const bankColumns = z
  .object({
    bankReference: columnName.default('utr'),
    amount: columnName.default('amount'),
    valueDate: columnName.default('value_date'),
    txnId: columnName.default('txn_id'),
  })
  .strict();

export const bankSftpConfig = z
  .object({
    host: sftpHost,
    port: z.number().int().min(1).max(65_535).default(22),
    remoteDir: z
      .string()
      .max(1_024)
      .regex(/^\/[^\0\r\n]*$/, 'must be an absolute path starting with /'),
    filePattern: z
      .string()
      .min(1)
      .max(255)
      .refine(
        (pattern) => Object.keys(DATE_TOKENS).some((token) => pattern.includes(token)),
        `must contain ${Object.keys(DATE_TOKENS).join(', ')} or both`.replace(
          /, ([^,]*) or both$/,
          ' or $1',
        ),
      )
      .refine((pattern) => !/[/\0]/.test(pattern), 'must be a file name, not a path')
      .default(`SETTLEMENT_${DATE_TOKEN}.csv`),
    delimiter: z
      .string()
      .length(1, 'must be a single character')
      .refine((char) => !/["\r\n]/.test(char), 'must not be a quote or a line break')
      .default(','),
    columns: bankColumns.prefault({}),
    /** sha256-sidecar: `<file>.sha256` beside the file must match, or the file is rejected. */
    checksum: z.enum(['sha256-sidecar', 'none']).default('sha256-sidecar'),
    /**
     * The server's host key fingerprint as OpenSSH prints it (`SHA256:...`,
     * e.g. from `ssh-keyscan host | ssh-keygen -lf -`). When set, a server
     * presenting another key is refused before any credential is sent; null
     * accepts any key and records it on the TEST run.
     */
    hostKeyFingerprint: z
      .string()
      .regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, 'must be an OpenSSH SHA256 fingerprint')
      .nullable()
      .default(null),
    /** A scheduled run reads the file of the cycle date this many days back (T-1). */
    syncDaysBack: z.number().int().min(0).max(366).default(1),
    /** A cycle date with no matching file fails the run (otherwise it is logged). */
    requireFile: z.boolean().default(false),
    /** How long connecting, the SSH handshake and authentication may take together. */
    timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
    /** Reconcile each cycle date a run syncs against a gateway connector (issue #13). */
    reconcile: reconcileConfig.optional(),
  })
  .strict();

export type BankSftpConfig = z.infer<typeof bankSftpConfig>;
export type BankColumns = z.infer<typeof bankColumns>;

/**
 * Matches the file names a pattern allows: a date token stands for its digits
 * (any date), `*` for any run of characters.
 */
export function filePatternRegExp(pattern: string, isoDate?: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = pattern
    .split(TOKEN_SPLIT)
    .map((part) => {
      if (part === '*') return '.*';
      const token = DATE_TOKENS[part];
      if (token) return isoDate ? escape(token.write(isoDate)) : `(${token.digits})`;
      return escape(part);
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/** The file name for one cycle date (UTC), e.g. SETTLEMENT_20240131.csv (`*` kept as is). */
export function fileNameFor(pattern: string, date: Date): string {
  const iso = date.toISOString().slice(0, 10);
  return pattern
    .split(TOKEN_SPLIT)
    .map((part) => DATE_TOKENS[part]?.write(iso) ?? part)
    .join('');
}
