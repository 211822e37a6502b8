/**
 * Cancelling a RUNNING run, watched live: the request is a transition of the
 * runs store (a runUpdated event with cancelRequested the moment it is
 * asked), and the run then ends CANCELLED through the store's finish at its
 * next page boundary. The run executes in one app (the worker); the client
 * asks and subscribes through another app on the same database, over a real
 * graphql-ws socket.
 */
import type { Client } from 'graphql-ws';
import type { TestApp } from '../support/app';
import { IssuerProvider } from '../support/issuer-provider';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';
import { startSplitApps, type SplitApps } from '../support/split-apps';
import { waitFor } from '../support/wait';

interface RunSeen {
  id: string;
  status: string;
  cancelRequested: boolean;
  errorMessage: string | null;
  stats: { pagesFetched: number; recordsCreated: number };
}

const CANCEL = `mutation($id: ID!) {
  cancelRun(id: $id) { run { id status cancelRequested } userErrors { code message } }
}`;

describe('cancelling a running run', () => {
  let apps: SplitApps;
  let api: TestApp;
  let issuer: IssuerProvider;
  let client: Client;
  beforeAll(async () => {
    apps = await startSplitApps({ heartbeatMs: 1_000 });
    ({ api, client } = apps);
    issuer = await IssuerProvider.start();
  });
  afterAll(async () => {
    await issuer?.close();
    await apps?.close();
  });

  it('tells the request at once with runUpdated, then ends CANCELLED through finish', async () => {
    issuer.seed(30);
    // The second page never comes in time: the run is RUNNING, waiting on its source.
    issuer.stallAfterPages = 1;
    const connectorId = await createIssuerConnector(api, issuer, 'Cancelled', {
      pageSize: 10,
      verifyPath: null,
    });

    const seen: RunSeen[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      client.subscribe<{ runUpdated: RunSeen }>(
        {
          query: `subscription($connectorId: ID) { runUpdated(connectorId: $connectorId) {
            id status cancelRequested errorMessage stats { pagesFetched recordsCreated } } }`,
          variables: { connectorId },
        },
        {
          next: ({ data, errors }) => {
            if (errors) reject(new Error(JSON.stringify(errors)));
            if (!data) return;
            seen.push(data.runUpdated);
            if (!['QUEUED', 'RUNNING'].includes(data.runUpdated.status)) resolve();
          },
          error: reject,
          complete: () => resolve(),
        },
      );
    });
    // Let the subscription reach the server before the run starts.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const runId = await queueRun(api, connectorId);
    const rowId = Number(Buffer.from(runId, 'base64url').toString().split(':')[1]);
    await waitFor(
      'the first page',
      async () => (await api.db('runs').where({ id: rowId }).first())?.pagesFetched >= 1,
    );

    const asked = await api.gql(CANCEL, { id: runId });
    expect(asked.data?.cancelRun).toEqual({
      run: { id: runId, status: 'RUNNING', cancelRequested: true },
      userErrors: [],
    });
    // Asked again while it stops (its next heartbeat, up to a second away, stops it):
    // accepted, and not told a second time; or refused, had it stopped already.
    const again = await api.gql(CANCEL, { id: runId });
    expect([
      [],
      [{ code: 'INVALID_STATE', message: 'the run has already ended (CANCELLED)' }],
    ]).toContainEqual(again.data?.cancelRun.userErrors);

    await ended;
    expect(seen.map((run) => [run.status, run.cancelRequested])).toEqual([
      ['QUEUED', false],
      ['RUNNING', false],
      ['RUNNING', true],
      ['CANCELLED', true],
    ]);
    expect(seen.every((run) => run.id === runId)).toBe(true);
    // It stopped at the page boundary, keeping what the first page wrote.
    expect(seen.at(-1)).toMatchObject({
      errorMessage: 'cancelled by request; the checkpoint is kept',
      stats: { pagesFetched: 1, recordsCreated: 10 },
    });

    const logs = await api.gql(
      `query($id: ID!) { run(id: $id) { status cancelRequested
         logs(first: 50) { edges { node { level message } } } } }`,
      { id: runId },
    );
    const run = logs.data!.run;
    expect(run).toMatchObject({ status: 'CANCELLED', cancelRequested: true });
    const messages = (run.logs.edges as { node: { message: string } }[]).map((e) => e.node.message);
    expect(messages.filter((m) => m === 'cancellation requested')).toHaveLength(1);
    expect(messages.some((m) => m.startsWith('run CANCELLED: 10 fetched, 10 created'))).toBe(true);

    const connector = await api.gql(
      `query($id: ID!) { connector(id: $id) { stats { cancelledCount } } }`,
      {
        id: connectorId,
      },
    );
    expect(connector.data?.connector.stats.cancelledCount).toBe(1);

    // An ended run cannot be cancelled, and nothing more is told.
    const late = await api.gql(CANCEL, { id: runId });
    expect(late.data?.cancelRun.userErrors).toEqual([
      { code: 'INVALID_STATE', message: 'the run has already ended (CANCELLED)' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toHaveLength(4);
  });
});
