/**
 * A read-only session on a source database: one connection, one READ ONLY
 * transaction with a statement timeout, always rolled back and closed.
 */
import net from 'node:net';
import { Client, DatabaseError } from 'pg';
import { resolveAllowedAddress, TargetRefusedError } from '../../security/outbound';
import { ConnectorError } from '../errors';
import type { ConnectorContext } from '../types';
import type { PgDatabaseConfig } from './config';

/** SQLSTATE classes that mean the credentials were refused. */
const AUTH_STATES = new Set(['28000', '28P01']);

function toConnectorError(error: unknown, config: PgDatabaseConfig): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const where = `${config.host}:${config.port}/${config.database}`;
  if (error instanceof TargetRefusedError) {
    return new ConnectorError('TARGET_REFUSED', `${where} refused: ${error.message}`);
  }
  if (error instanceof DatabaseError) {
    const code = error.code ?? '';
    if (AUTH_STATES.has(code)) {
      return new ConnectorError(
        'AUTH_FAILED',
        `authentication failed at ${where}: ${error.message}`,
      );
    }
    if (code === '57014') {
      return new ConnectorError(
        'TIMEOUT',
        `query cancelled after statementTimeoutMs (${config.statementTimeoutMs} ms)`,
      );
    }
    return new ConnectorError('DATABASE', `${where}: ${error.message} (SQLSTATE ${code})`);
  }
  const systemCode = (error as NodeJS.ErrnoException | undefined)?.code;
  if (
    systemCode === 'ECONNREFUSED' ||
    systemCode === 'ENOTFOUND' ||
    systemCode === 'EHOSTUNREACH'
  ) {
    return new ConnectorError('NETWORK', `cannot reach ${where}: ${systemCode}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/timeout/i.test(message)) {
    return new ConnectorError('TIMEOUT', `no connection to ${where} within connectTimeoutMs`);
  }
  return new ConnectorError('DATABASE', `${where}: ${message}`);
}

export async function withReadOnlySession<T>(
  ctx: ConnectorContext<PgDatabaseConfig>,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const { config, secrets } = ctx;
  let address: string;
  try {
    // The outbound policy (security/outbound.ts); connect to the address it checked.
    address = await resolveAllowedAddress(config.host);
  } catch (error) {
    throw toConnectorError(error, config);
  }
  const client = new Client({
    host: address,
    port: config.port,
    database: config.database,
    user: secrets.username,
    password: secrets.password,
    // Connecting to the checked address, the certificate is still checked against the name.
    ssl: config.ssl && net.isIP(config.host) === 0 ? { servername: config.host } : config.ssl,
    connectionTimeoutMillis: config.connectTimeoutMs,
    application_name: 'tributary',
  });
  // A dropped connection emits 'error' on the client; without a listener it would crash the process.
  client.on('error', (error) => ctx.logger.warn({ err: error.message }, 'source connection lost'));
  const abort = () => void client.end().catch(() => undefined);
  ctx.signal.addEventListener('abort', abort, { once: true });
  try {
    await client.connect();
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${config.statementTimeoutMs}`);
    try {
      return await work(client);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
  } catch (error) {
    throw toConnectorError(error, config);
  } finally {
    ctx.signal.removeEventListener('abort', abort);
    await client.end().catch(() => undefined);
  }
}
