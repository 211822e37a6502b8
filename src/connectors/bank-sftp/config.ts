/** BANK_SFTP settings, as contract/providers.md lists them, plus timeoutMs. */
import { isIP } from 'node:net';
import { z } from 'zod';

/** The token a file pattern must hold, replaced by the cycle date. */
export const DATE_TOKEN = '{YYYYMMDD}';

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
      .refine((pattern) => pattern.includes(DATE_TOKEN), `must contain ${DATE_TOKEN}`)
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
    /** How long connecting, the SSH handshake and authentication may take together. */
    timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  })
  .strict();

export type BankSftpConfig = z.infer<typeof bankSftpConfig>;
export type BankColumns = z.infer<typeof bankColumns>;

/** Matches the file names a pattern allows: the date token stands for any eight digits. */
export function filePatternRegExp(pattern: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${pattern.split(DATE_TOKEN).map(escape).join('(\\d{8})')}$`);
}

/** The file name for one cycle date (UTC), e.g. SETTLEMENT_20240131.csv. */
export function fileNameFor(pattern: string, date: Date): string {
  const yyyymmdd = date.toISOString().slice(0, 10).replaceAll('-', '');
  return pattern.replaceAll(DATE_TOKEN, yyyymmdd);
}
