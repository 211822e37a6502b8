/** BANK_SFTP: a bank's settlement files, one per cycle date, on its SFTP server. */
import { credentialsSchemasFor } from '../auth';
import type { AuthType, ConnectorDefinition } from '../types';
import { bankSftpConfig, filePatternRegExp, type BankSftpConfig } from './config';
import { withSftp } from './session';
import { fetchSettlementFiles } from './sync';
import { bindPipeline } from '../../pipeline/types';
import { settlementPipeline } from '../../domains/settlements/pipeline';

export { bankSftpConfig, fileNameFor, filePatternRegExp, type BankSftpConfig } from './config';
export { operationError, withSftp, type SftpSession, type SftpSettings } from './session';

const AUTH_TYPES = ['SSH_PASSWORD', 'SSH_KEY'] as const satisfies AuthType[];

export const bankSftp: ConnectorDefinition<BankSftpConfig> = {
  kind: 'BANK_SFTP',
  configSchema: bankSftpConfig,
  authTypes: AUTH_TYPES,
  credentialsSchemas: credentialsSchemasFor(AUTH_TYPES),
  streams: [
    {
      name: 'settlement-files',
      fetch: fetchSettlementFiles,
      pipeline: () => bindPipeline(settlementPipeline, {}),
    },
  ],
  learnedSettings: ['hostKeyFingerprint'],

  /**
   * Connect and authenticate, then list remoteDir and count the files
   * filePattern matches. With no host key pinned yet, the key the server
   * shows is accepted and learned (trust on first use); every later
   * connection refuses another key.
   */
  async test(ctx) {
    const { remoteDir, filePattern, hostKeyFingerprint } = ctx.config;
    const matcher = filePatternRegExp(filePattern);
    return withSftp(ctx, { trustOnFirstUse: true }, async (session) => {
      const entries = await session.call(`list ${remoteDir}`, (client) => client.list(remoteDir));
      const matching = entries.filter((entry) => entry.type === '-' && matcher.test(entry.name));
      return {
        message: `connected as ${session.username}; ${remoteDir} lists ${entries.length} entries (${matching.length} matching ${filePattern})`,
        details: {
          remoteDir,
          entries: entries.length,
          matching: matching.length,
          hostKey: session.hostKey,
        },
        learned: hostKeyFingerprint ? undefined : { hostKeyFingerprint: session.hostKey },
      };
    });
  },
};
