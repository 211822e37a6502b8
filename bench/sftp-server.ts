/**
 * The bank's SFTP server for bench:files, in a process of its own (BenchChild):
 * the benchmark measures the hub (download, parse, database), so the server's
 * encryption and disk reads neither share the hub's event loop nor count in
 * its RSS. BENCH_SFTP_ROOT is the directory served as `/`, BENCH_SFTP_PASSWORD
 * the password of user `bank`. Sends `ready` with host, port and host key
 * fingerprint; answers `stats` with its own peak RSS.
 */
import { serveParent } from './support/child';
import { startSftpServer } from '../test/support/sftp-server';

async function main() {
  const root = process.env.BENCH_SFTP_ROOT;
  const password = process.env.BENCH_SFTP_PASSWORD;
  if (!root || !password) throw new Error('BENCH_SFTP_ROOT and BENCH_SFTP_PASSWORD are required');
  const server = await startSftpServer({ users: [{ username: 'bank', password }], root });
  serveParent((message) => {
    // resourceUsage().maxRSS is in kilobytes.
    if (message.type === 'stats') {
      return Promise.resolve({ maxRssBytes: process.resourceUsage().maxRSS * 1024 });
    }
    return Promise.reject(new Error(`unknown request ${message.type}`));
  });
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
  process.send?.({
    type: 'ready',
    host: server.host,
    port: server.port,
    hostKeyFingerprint: server.hostKeyFingerprint,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
