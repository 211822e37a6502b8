/**
 * Two apps on one test database, as two hub processes would be: `worker`
 * executes runs, `api` serves the client, and `client` is a real graphql-ws
 * client on `api` with the admin token. Events cross between the two only
 * through Postgres LISTEN/NOTIFY, as they do between processes.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApp, type TestApp, type TestAppOptions } from './app';
import { createTestDatabase } from './db';

export interface SplitApps {
  worker: TestApp;
  api: TestApp;
  client: Client;
  /** Disposes the client, closes both apps and drops the database. */
  close(): Promise<void>;
}

export async function startSplitApps(
  worker: NonNullable<TestAppOptions['worker']> = true,
  /** Options of the `api` app (e.g. its ops). */
  apiOptions: Pick<TestAppOptions, 'ops'> = {},
): Promise<SplitApps> {
  const database = await createTestDatabase();
  const secretKey = Buffer.alloc(32, 3);
  const workerApp = await startTestApp({ database, secretKey, worker });
  const api = await startTestApp({ ...apiOptions, database, secretKey });
  const client = createClient({
    url: api.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${api.adminToken}` },
    retryAttempts: 0,
  });
  return {
    worker: workerApp,
    api,
    client,
    async close() {
      await client.dispose();
      await api.close();
      await workerApp.close();
      await database.drop();
    },
  };
}
