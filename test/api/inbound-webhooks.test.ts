/**
 * Inbound webhooks through the real HTTP server and GraphQL API: a provider
 * pushes signed records to POST /webhooks/<connector id> and they become a
 * WEBHOOK run through the same pipeline as a poll. Forged, stale, replayed,
 * oversized, unknown and paused requests are refused with nothing stored,
 * and no secret reaches a response, a log line or a table in plain text.
 */
import { createHmac } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app';
import { IssuerProvider, type IssuedRecord } from '../support/issuer-provider';
import { createIssuerConnector } from '../support/issuer-connector';
import { insertRun } from '../support/runs';
import { waitFor } from '../support/wait';
import { signatureHeader, signatureOf } from '../../src/security/webhook-signature';
import { idOf } from '../../src/schema/global-id';
import { PUSH_RETENTION_DAYS } from '../../src/inbound/store';

const ENABLE = `mutation($id: ID!) {
  enableInboundWebhook(id: $id) {
    secret connector { id inboundWebhook { url secretSetAt } } userErrors { code field message }
  }
}`;
const DISABLE = `mutation($id: ID!) {
  disableInboundWebhook(id: $id) { connector { inboundWebhook { url } } userErrors { code message } }
}`;
const RUN = `query($id: ID!) {
  run(id: $id) { type status triggeredBy errorMessage
    stats { recordsFetched recordsCreated recordsUpdated recordsSkipped recordsFailed } }
}`;

describe('inbound webhooks', () => {
  let app: TestApp;
  let issuer: IssuerProvider;
  let connectorId: string;
  let secret: string;

  beforeAll(async () => {
    app = await startTestApp({ worker: { heartbeatMs: 100 } });
    issuer = await IssuerProvider.start();
    connectorId = await createIssuerConnector(app, issuer, 'Pushy');
  });
  afterAll(async () => {
    await issuer.close();
    await app.close();
  });

  async function post(
    id: string,
    body: string,
    signature: string | undefined,
  ): Promise<{ status: number; json: Record<string, any>; headers: Headers }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== undefined) headers['x-tributary-signature'] = signature;
    const res = await fetch(`${app.url}/webhooks/${id}`, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : {}, headers: res.headers };
  }

  async function stored() {
    const count = async (table: string) =>
      Number((await app.db(table).count({ n: '*' }).first())!.n);
    return {
      runs: await count('runs'),
      signatures: await count('inboundWebhookSignatures'),
      pushes: await count('inboundPushes'),
      credentials: await count('credentials'),
    };
  }

  async function runEnd(runId: string) {
    return waitFor(
      `run ${runId} to end`,
      async () => {
        const run = (await app.gql(RUN, { id: runId })).data?.run;
        return run && !['QUEUED', 'RUNNING'].includes(run.status) ? run : null;
      },
      20_000,
    );
  }

  /** The push body; each pushed credential is verified with its issuer, as a polled one is. */
  const pushOf = (records: IssuedRecord[]) => {
    issuer.serveVerification();
    return JSON.stringify({ data: records });
  };

  it('enables a connector with a secret shown once, and offers its URL', async () => {
    const enabled = await app.gql(ENABLE, { id: connectorId });
    const payload = enabled.data!.enableInboundWebhook;
    expect(payload.userErrors).toEqual([]);
    expect(payload.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    secret = payload.secret;
    expect(payload.connector.inboundWebhook.url).toBe(`/webhooks/${connectorId}`);
    expect(Date.parse(payload.connector.inboundWebhook.secretSetAt)).toBeGreaterThan(
      Date.now() - 60_000,
    );

    const read = await app.gql(
      `query($id: ID!) { connector(id: $id) { inboundWebhook { url secretSetAt } } }`,
      { id: connectorId },
    );
    expect(read.data!.connector.inboundWebhook.url).toBe(`/webhooks/${connectorId}`);
    expect(read.text).not.toContain(secret);

    // Sealed: the table holds no plain text of it.
    const rows = await app.db.raw(`SELECT row_to_json(w)::text AS line FROM inbound_webhooks w`);
    expect(rows.rows).toHaveLength(1);
    const line = rows.rows[0].line as string;
    expect(line).not.toContain(secret);
    expect(line).not.toContain(Buffer.from(secret).toString('hex'));
  });

  it('refuses a kind whose records cannot be pushed', async () => {
    const created = await app.gql(
      `mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id } } }`,
      {
        input: {
          name: 'Bank drop',
          kind: 'BANK_API',
          sourceEntity: 'HDFC_BANK',
          authType: 'API_KEY',
          config: { baseUrl: issuer.url },
          credentials: { apiKey: 'k' },
        },
      },
    );
    const bankId = created.data!.createConnector.connector.id;
    const refused = await app.gql(ENABLE, { id: bankId });
    expect(refused.data!.enableInboundWebhook).toEqual({
      secret: null,
      connector: null,
      userErrors: [
        {
          code: 'INVALID_STATE',
          field: ['id'],
          message: 'BANK_API connectors do not accept pushed records',
        },
      ],
    });
  });

  it('turns a valid push into a WEBHOOK run through the credential pipeline', async () => {
    const records = issuer.seed(25, Date.UTC(2026, 1, 1), 'push');
    records[3].learner_email = 'not-an-email';
    const body = pushOf(records);
    const before = await stored();
    const accepted = await post(connectorId, body, signatureHeader(secret, body));
    expect(accepted.status).toBe(202);
    expect(idOf('Run', accepted.json.runId)).not.toBeNull();

    const run = await runEnd(accepted.json.runId);
    expect(run).toEqual({
      type: 'WEBHOOK',
      status: 'SUCCESS',
      triggeredBy: 'inbound webhook',
      errorMessage: null,
      stats: {
        recordsFetched: 25,
        recordsCreated: 24,
        recordsUpdated: 0,
        recordsSkipped: 1,
        recordsFailed: 0,
      },
    });
    const after = await stored();
    expect(after.credentials - before.credentials).toBe(24);
    expect(after.runs - before.runs).toBe(1);
    // The push went with its records; the poll cursor was left alone; nothing was polled.
    expect(after.pushes).toBe(0);
    expect(Number((await app.db('syncState').count({ n: '*' }).first())!.n)).toBe(0);
    expect(issuer.listCalls).toBe(0);
    const emails = await app
      .db('credentials')
      .whereIn(
        'externalId',
        records.map((r) => r.id),
      )
      .pluck('learnerEmail');
    expect(emails).toHaveLength(24);

    // The same records pushed again update nothing and duplicate nothing.
    const again = pushOf(records);
    const second = await post(
      connectorId,
      again,
      signatureHeader(secret, again, nowSeconds() - 60),
    );
    expect(second.status).toBe(202);
    const rerun = await runEnd(second.json.runId);
    expect(rerun.stats).toMatchObject({ recordsFetched: 25, recordsCreated: 0 });
    expect((await stored()).credentials).toBe(after.credentials);
  });

  it('refuses forged, stale, replayed, malformed, oversized, unknown and paused requests, storing nothing', async () => {
    const records = issuer.seed(3, Date.UTC(2026, 2, 1), 'refused');
    const body = pushOf(records);
    const before = await stored();
    const expectNothingStored = async () => expect(await stored()).toEqual(before);

    // Forged: signed under another secret; and no signature at all.
    const forged = await post(connectorId, body, signatureHeader('whsec_not-the-secret', body));
    expect(forged).toMatchObject({
      status: 401,
      json: { error: 'the signature does not match the body' },
    });
    expect((await post(connectorId, body, undefined)).status).toBe(401);
    // Signed over other bytes than were sent.
    const tampered = await post(
      connectorId,
      body.replace('learner', 'attacker'),
      signatureHeader(secret, body),
    );
    expect(tampered.status).toBe(401);
    // Stale: a valid signature from more than 5 minutes ago.
    const stale = await post(connectorId, body, signatureHeader(secret, body, nowSeconds() - 301));
    expect(stale.status).toBe(401);
    expect(stale.json.error).toMatch(/more than 5 minutes/);
    await expectNothingStored();

    // Unknown connector, a connector without an inbound webhook, a malformed id.
    const unknownId = Buffer.from('Connector:999999').toString('base64url');
    expect((await post(unknownId, body, signatureHeader(secret, body))).status).toBe(404);
    expect((await post('not-an-id', body, signatureHeader(secret, body))).status).toBe(404);
    const plain = await createIssuerConnector(app, issuer, 'Not pushing');
    expect((await post(plain, body, signatureHeader(secret, body))).status).toBe(404);
    const afterPlain = await stored();
    before.runs = afterPlain.runs;

    // Oversized: over 5 MB is 413 before anything is read or checked.
    const huge = JSON.stringify({ data: [{ blob: 'x'.repeat(5 * 1024 * 1024) }] });
    const oversized = await post(connectorId, huge, signatureHeader(secret, huge));
    expect(oversized.status).toBe(413);

    // Signed but not the push shape.
    const notJson = 'data=1';
    expect((await post(connectorId, notJson, signatureHeader(secret, notJson))).status).toBe(400);
    const empty = JSON.stringify({ data: [] });
    expect((await post(connectorId, empty, signatureHeader(secret, empty))).status).toBe(400);
    await expectNothingStored();

    // Paused: 409, nothing stored; resumed, the same signed request goes through.
    await app.gql(`mutation($id: ID!) { pauseConnector(id: $id) { connector { status } } }`, {
      id: connectorId,
    });
    const signed = signatureHeader(secret, body);
    const paused = await post(connectorId, body, signed);
    expect(paused).toMatchObject({ status: 409, json: { error: 'the connector is paused' } });
    await expectNothingStored();
    await app.gql(`mutation($id: ID!) { resumeConnector(id: $id) { connector { status } } }`, {
      id: connectorId,
    });
    const accepted = await post(connectorId, body, signed);
    expect(accepted.status).toBe(202);
    await runEnd(accepted.json.runId);

    // Replayed: the same signed request again is refused, and no run is queued for it.
    const runsBefore = (await stored()).runs;
    const replayed = await post(connectorId, body, signed);
    expect(replayed.status).toBe(409);
    expect(replayed.json.error).toMatch(/already received/);
    expect((await stored()).runs).toBe(runsBefore);
  });

  it('keeps the old secret valid after a rotation, until its grace period ends', async () => {
    const rotated = await app.gql(ENABLE, { id: connectorId });
    const next = rotated.data!.enableInboundWebhook.secret as string;
    expect(next).not.toBe(secret);
    const records = issuer.seed(2, Date.UTC(2026, 3, 1), 'rotated');
    const body = pushOf(records);
    const withOld = await post(connectorId, body, signatureHeader(secret, body));
    expect(withOld.status).toBe(202);
    await runEnd(withOld.json.runId);
    const grace = await app.db('inboundWebhooks').first('previousValidUntil');
    const hours = (grace.previousValidUntil.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);

    // The grace period over: only the new secret opens the door.
    await app.db('inboundWebhooks').update({ previousValidUntil: new Date(Date.now() - 1000) });
    const body2 = pushOf(issuer.seed(1, Date.UTC(2026, 4, 1), 'late'));
    expect((await post(connectorId, body2, signatureHeader(secret, body2))).status).toBe(401);
    const withNew = await post(connectorId, body2, signatureHeader(next, body2));
    expect(withNew.status).toBe(202);
    await runEnd(withNew.json.runId);
    secret = next;
  });

  it('writes no secret, signature or pushed body into a log line or a response', async () => {
    const records = issuer.seed(1, Date.UTC(2026, 5, 1), 'leak');
    records[0].learner_email = 'leak-marker-4f2a@example.org';
    const body = pushOf(records);
    const signature = signatureHeader(secret, body);
    const accepted = await post(connectorId, body, signature);
    expect(accepted.status).toBe(202);
    await runEnd(accepted.json.runId);
    // A refusal too (forged: signed over the same body under another secret).
    const forgedSig = signatureHeader('whsec_forged', body);
    expect((await post(connectorId, body, forgedSig)).status).toBe(401);

    const logs = app.logLines.join('\n');
    expect(logs).toMatch(/inbound webhook accepted/);
    expect(logs).toMatch(/inbound webhook refused: the signature does not match the body/);
    for (const text of [
      secret,
      signature.split('v1=')[1],
      forgedSig.split('v1=')[1],
      'leak-marker-4f2a',
    ]) {
      expect(logs).not.toContain(text);
    }
    // Only the one enableInboundWebhook answer that created it ever showed it.
    const showing = app.responses.filter((response) => response.includes(secret));
    expect(showing).toHaveLength(1);
    expect(showing[0]).toContain('"enableInboundWebhook"');
  });

  it('keeps the pushed records of a failed WEBHOOK run for its retry, which writes them without polling', async () => {
    const records = issuer.seed(6, Date.UTC(2026, 7, 1), 'unverified');
    const body = JSON.stringify({ data: records }); // no verification served: the run fails
    const accepted = await post(connectorId, body, signatureHeader(secret, body));
    expect(accepted.status).toBe(202);
    const failed = await runEnd(accepted.json.runId);
    expect(failed).toMatchObject({ type: 'WEBHOOK', status: 'FAILED' });
    expect(failed.errorMessage).toMatch(/verify answered 404/);
    expect((await stored()).pushes).toBe(1);

    issuer.serveVerification();
    const listCalls = issuer.listCalls;
    const retried = await app.gql(
      `mutation($id: ID!) { retryRun(id: $id) { run { id } userErrors { message } } }`,
      {
        id: accepted.json.runId,
      },
    );
    expect(retried.data!.retryRun.userErrors).toEqual([]);
    const run = await runEnd(retried.data!.retryRun.run.id);
    expect(run).toMatchObject({
      type: 'RETRY',
      status: 'SUCCESS',
      stats: { recordsFetched: 6, recordsCreated: 6 },
    });
    expect(issuer.listCalls).toBe(listCalls);
    expect((await stored()).pushes).toBe(0);
  });

  it('removes the push of a run that ended unconsumed once its retention is over, unless a retry is waiting', async () => {
    const CANCEL = `mutation($id: ID!) { cancelRun(id: $id) { run { status } userErrors { code } } }`;
    const RETRY = `mutation($id: ID!) { retryRun(id: $id) { run { id status } userErrors { code } } }`;
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const pushOfRun = async (runId: string) =>
      (await app
        .db('inboundPushes')
        .where({ runId: idOf('Run', runId)! })
        .first()) !== undefined;
    await app.services.worker.stop();
    let waiting: string;
    const runs: string[] = [];
    try {
      // Three pushes whose WEBHOOK runs are cancelled while QUEUED: each push stays for a retry.
      for (const at of [Date.UTC(2026, 9, 1), Date.UTC(2026, 9, 2), Date.UTC(2026, 9, 3)]) {
        const body = pushOf(issuer.seed(2, at, 'kept'));
        const accepted = await post(connectorId, body, signatureHeader(secret, body));
        expect(accepted.status).toBe(202);
        const cancelled = await app.gql(CANCEL, { id: accepted.json.runId });
        expect(cancelled.data!.cancelRun).toEqual({ run: { status: 'CANCELLED' }, userErrors: [] });
        runs.push(accepted.json.runId);
      }
      const [expired, recent, retried] = runs;
      expect(await app.services.worker.housekeep()).toBe(0);
      expect((await stored()).pushes).toBe(3);

      // Past the retention: the first; within it: the second; past it, but its retry waits: the third.
      await app
        .db('runs')
        .whereIn(
          'id',
          [expired, retried].map((id) => idOf('Run', id)!),
        )
        .update({ completedAt: daysAgo(PUSH_RETENTION_DAYS + 1) });
      await app
        .db('runs')
        .where({ id: idOf('Run', recent)! })
        .update({ completedAt: daysAgo(PUSH_RETENTION_DAYS - 1) });
      const retry = await app.gql(RETRY, { id: retried });
      expect(retry.data!.retryRun).toMatchObject({ run: { status: 'QUEUED' }, userErrors: [] });
      waiting = retry.data!.retryRun.run.id;

      expect(await app.services.worker.housekeep()).toBe(1);
      expect(await pushOfRun(expired)).toBe(false);
      expect(await pushOfRun(recent)).toBe(true);
      expect(await pushOfRun(retried)).toBe(true);
      expect(
        app.logLines.some((line) => line.includes('removed what ended runs left behind')),
      ).toBe(true);
    } finally {
      app.services.worker.start();
    }
    // The waiting retry writes the kept push without polling, and the push goes with it.
    const listCalls = issuer.listCalls;
    expect(await runEnd(waiting)).toMatchObject({
      type: 'RETRY',
      status: 'SUCCESS',
      stats: { recordsFetched: 2, recordsCreated: 2 },
    });
    expect(issuer.listCalls).toBe(listCalls);
    expect(await pushOfRun(runs[2])).toBe(false);
    // The recent one is removed too once its retention is over (the next reap tick would).
    await app
      .db('runs')
      .where({ id: idOf('Run', runs[1])! })
      .update({ completedAt: daysAgo(PUSH_RETENTION_DAYS + 1) });
    expect(await app.services.worker.housekeep()).toBe(1);
    expect((await stored()).pushes).toBe(0);
  });

  it('asks the provider to retry while the connector has a run in progress, storing nothing', async () => {
    // RUNNING (with a fresh heartbeat) so no worker claims it: a run in progress.
    const row = await insertRun(app.db, {
      connectorId: idOf('Connector', connectorId)!,
      type: 'MANUAL',
      status: 'RUNNING',
      triggeredBy: 'test',
    });
    try {
      const before = await stored();
      const body = pushOf(issuer.seed(1, Date.UTC(2026, 8, 1), 'busy'));
      const signed = signatureHeader(secret, body);
      const busy = await post(connectorId, body, signed);
      expect(busy.status).toBe(409);
      expect(busy.headers.get('retry-after')).toBe('5');
      expect(busy.json.error).toMatch(/already has a queued or running run/);
      expect(await stored()).toEqual(before);
      // The signature was not kept: the same request goes through once the run is over.
      await app.db('runs').where({ id: row.id }).update({ status: 'CANCELLED', phase: 'DONE' });
      const accepted = await post(connectorId, body, signed);
      expect(accepted.status).toBe(202);
      await runEnd(accepted.json.runId);
    } finally {
      await app.db('runs').where({ id: row.id }).update({ status: 'CANCELLED', phase: 'DONE' });
    }
  });

  it('disables the webhook: its secrets are gone and pushes are refused', async () => {
    const disabled = await app.gql(DISABLE, { id: connectorId });
    expect(disabled.data!.disableInboundWebhook).toEqual({
      connector: { inboundWebhook: null },
      userErrors: [],
    });
    expect(Number((await app.db('inboundWebhooks').count({ n: '*' }).first())!.n)).toBe(0);
    const body = pushOf(issuer.seed(1, Date.UTC(2026, 6, 1), 'off'));
    expect((await post(connectorId, body, signatureHeader(secret, body))).status).toBe(404);
  });

  it('checks signatures over the raw bytes as the contract describes', () => {
    // "<t>.<raw body>" under HMAC-SHA256, hex: a provider can compute it with any library.
    expect(signatureOf('s', 1_700_000_000, '{"data":[]}')).toBe(
      createHmac('sha256', 's').update('1700000000.{"data":[]}').digest('hex'),
    );
  });
});

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
