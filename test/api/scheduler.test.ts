import { Cron } from 'croner';
import { idOf, toGlobalId } from '../../src/schema/global-id';
import { startTestApp, type TestApp } from '../support/app';
import { sleep, waitFor } from '../support/wait';

// Nothing executes runs in this file (no worker): a queued run stays QUEUED,
// which is exactly "the previous run is still active". Tests mark runs done
// in SQL to let the next tick through.

const CREATE = `mutation($input: CreateConnectorInput!) {
  createConnector(input: $input) {
    connector { id schedule { enabled cron timezone nextRunAt } }
    userErrors { code field message }
  }
}`;
const UPDATE = `mutation($input: UpdateConnectorInput!) {
  updateConnector(input: $input) {
    connector { id schedule { enabled cron timezone nextRunAt } }
    userErrors { code field message }
  }
}`;
const CONNECTOR = `query($id: ID!) {
  connector(id: $id) { status schedule { enabled cron timezone nextRunAt } }
}`;
const SCHEDULER = `query($first: Int) {
  scheduler {
    running instanceId startedAt activeRuns queuedRuns
    upcoming(first: $first) { at connector { id name schedule { nextRunAt } } }
  }
}`;
const START = `mutation { startScheduler { scheduler { running instanceId startedAt } userErrors { code } } }`;
const STOP = `mutation { stopScheduler { scheduler { running instanceId startedAt } userErrors { code } } }`;
const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token userErrors { code } }
}`;

const EVERY_SECOND = '* * * * * *';
const YEARLY = '0 0 1 1 *';

interface RunRow {
  id: number;
  type: string;
  status: string;
  triggeredBy: string;
  scheduledFor: Date | null;
}

describe('scheduler', () => {
  let app: TestApp;
  let seq = 0;

  beforeAll(async () => {
    // A resync period far beyond the test: every change must arrive as an event.
    app = await startTestApp({ scheduler: { resyncMs: 10 * 60_000 } });
  });
  afterAll(() => app.close());

  async function createConnector(schedule: Record<string, unknown>, extra = {}) {
    seq += 1;
    const res = await app.gql(CREATE, {
      input: {
        name: `scheduled ${seq}`,
        // A kind that syncs: a schedule on one that cannot is refused (connector-kinds.test.ts).
        kind: 'ISSUER_API',
        sourceEntity: 'NSDC',
        authType: 'API_KEY',
        config: { baseUrl: 'https://issuer.example' },
        credentials: { apiKey: 'k' },
        schedule,
        ...extra,
      },
    });
    expect(res.data?.createConnector.userErrors).toEqual([]);
    const connector = res.data?.createConnector.connector;
    return { id: connector.id as string, rowId: idOf('Connector', connector.id) as number };
  }

  async function runsOf(rowId: number): Promise<RunRow[]> {
    return app.db('runs').where({ connectorId: rowId }).orderBy('id');
  }

  async function finishQueued(rowId: number): Promise<number> {
    return app
      .db('runs')
      .where({ connectorId: rowId, status: 'QUEUED' })
      .update({ status: 'SUCCESS', phase: 'DONE', completedAt: new Date() });
  }

  it('reports nextRunAt in the connector time zone, as croner computes it', async () => {
    const { id } = await createConnector({
      enabled: true,
      cron: '30 9 * * *',
      timezone: 'Asia/Kolkata',
    });
    const res = await app.gql(CONNECTOR, { id });
    const next = new Date(res.data?.connector.schedule.nextRunAt);
    const expected = new Cron('30 9 * * *', { timezone: 'Asia/Kolkata', paused: true }).nextRun();
    expect(next.toISOString()).toBe(expected?.toISOString());
    // 09:30 in India (UTC+05:30) is 04:00 UTC, within the next day.
    expect([next.getUTCHours(), next.getUTCMinutes(), next.getUTCSeconds()]).toEqual([4, 0, 0]);
    expect(next.getTime() - Date.now()).toBeGreaterThan(0);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
  });

  it('has no nextRunAt when the schedule is disabled', async () => {
    const { id } = await createConnector({ enabled: false, cron: EVERY_SECOND });
    const res = await app.gql(CONNECTOR, { id });
    expect(res.data?.connector.schedule).toMatchObject({ enabled: false, nextRunAt: null });
  });

  it('gives a paused connector no nextRunAt and no runs', async () => {
    const { id, rowId } = await createConnector(
      { enabled: true, cron: EVERY_SECOND },
      { paused: true },
    );
    const res = await app.gql(CONNECTOR, { id });
    expect(res.data?.connector).toMatchObject({
      status: 'PAUSED',
      schedule: { enabled: true, cron: EVERY_SECOND, nextRunAt: null },
    });
    expect(app.services.scheduler.scheduledConnectorIds()).not.toContain(rowId);
    await sleep(2500);
    expect(await runsOf(rowId)).toEqual([]);
  });

  it('queues SCHEDULED runs on a one-second cron, one per tick, skipping ticks while one is active', async () => {
    const { rowId } = await createConnector({ enabled: true, cron: EVERY_SECOND });
    const [first] = await waitFor(
      'the first scheduled run',
      async () => {
        const runs = await runsOf(rowId);
        return runs.length ? runs : null;
      },
      5000,
      100,
    );
    expect(first).toMatchObject({ type: 'SCHEDULED', status: 'QUEUED', triggeredBy: 'scheduler' });
    expect(first.scheduledFor?.getMilliseconds()).toBe(0);

    // The run is still QUEUED: the next ticks are skipped, not queued.
    await sleep(2500);
    const stillOne = await runsOf(rowId);
    expect(stillOne.map((run) => run.id)).toEqual([first.id]);
    const skipped = app.logLines
      .map((line) => JSON.parse(line) as { msg: string; connectorId?: number })
      .filter((line) => line.msg === 'tick skipped: previous run still active');
    expect(skipped.filter((line) => line.connectorId === rowId).length).toBeGreaterThanOrEqual(1);

    // Once it is done, the next tick queues the next run.
    expect(await finishQueued(rowId)).toBe(1);
    await waitFor(
      'a second scheduled run',
      async () => (await runsOf(rowId)).length >= 2,
      5000,
      100,
    );
    await finishQueued(rowId);
    await waitFor(
      'a third scheduled run',
      async () => (await runsOf(rowId)).length >= 3,
      5000,
      100,
    );
    await app.gql(`mutation($id: ID!) { pauseConnector(id: $id) { userErrors { code } } }`, {
      id: toGlobalId('Connector', rowId),
    });
    const runs = await runsOf(rowId);
    const times = runs.map((run) => run.scheduledFor?.getTime());
    expect(new Set(times).size).toBe(runs.length);
    expect(times.every((time) => time !== undefined && time % 1000 === 0)).toBe(true);
    expect(runs.filter((run) => run.status === 'QUEUED').length).toBeLessThanOrEqual(1);
  });

  it('follows a cron change at once, and stops on pause and delete', async () => {
    const { id, rowId } = await createConnector({ enabled: true, cron: YEARLY });
    expect(await runsOf(rowId)).toEqual([]);

    const changed = await app.gql(UPDATE, {
      input: { id, schedule: { enabled: true, cron: EVERY_SECOND, timezone: 'Asia/Kolkata' } },
    });
    expect(changed.data?.updateConnector.userErrors).toEqual([]);
    const nextRunAt = new Date(changed.data?.updateConnector.connector.schedule.nextRunAt);
    expect(nextRunAt.getTime() - Date.now()).toBeLessThanOrEqual(1000);
    // Far sooner than the resync period: the connector event did it.
    await waitFor('a run after the cron change', async () => (await runsOf(rowId)).length, 3000);

    // Back to yearly: no more runs once the queued one is done.
    await app.gql(UPDATE, { input: { id, schedule: { enabled: true, cron: YEARLY } } });
    await sleep(300);
    await finishQueued(rowId);
    const before = (await runsOf(rowId)).length;
    await sleep(2000);
    expect((await runsOf(rowId)).length).toBe(before);

    // Every second again, then paused: nothing while paused, runs again on resume.
    await app.gql(UPDATE, { input: { id, schedule: { enabled: true, cron: EVERY_SECOND } } });
    await waitFor(
      'a run after the second change',
      async () => (await runsOf(rowId)).some((run) => run.status === 'QUEUED'),
      5000,
      100,
    );
    const paused = await app.gql(
      `mutation($id: ID!) { pauseConnector(id: $id) { connector { schedule { nextRunAt } } userErrors { code } } }`,
      { id },
    );
    expect(paused.data?.pauseConnector).toEqual({
      connector: { schedule: { nextRunAt: null } },
      userErrors: [],
    });
    await sleep(300);
    await finishQueued(rowId);
    const atPause = (await runsOf(rowId)).length;
    await sleep(2000);
    expect((await runsOf(rowId)).length).toBe(atPause);
    expect(app.services.scheduler.scheduledConnectorIds()).not.toContain(rowId);

    await app.gql(`mutation($id: ID!) { resumeConnector(id: $id) { userErrors { code } } }`, {
      id,
    });
    await waitFor('a run after resume', async () => (await runsOf(rowId)).length > atPause, 3000);
    expect(app.services.scheduler.scheduledConnectorIds()).toContain(rowId);

    const deleted = await app.gql(
      `mutation($id: ID!) { deleteConnector(id: $id) { deletedId userErrors { code } } }`,
      { id },
    );
    expect(deleted.data?.deleteConnector.userErrors).toEqual([]);
    await waitFor(
      'the job to go',
      async () => !app.services.scheduler.scheduledConnectorIds().includes(rowId),
      2000,
    );
    await sleep(1500);
    expect(await runsOf(rowId)).toEqual([]);
  });

  it('reports its status, the queue and the upcoming runs, and starts and stops for ADMIN only', async () => {
    // Stopped, nothing new is queued: the counts can be checked against SQL.
    const stopped = await app.gql(STOP);
    expect(stopped.data?.stopScheduler).toMatchObject({
      scheduler: { running: false, startedAt: null },
      userErrors: [],
    });
    const instanceId = stopped.data?.stopScheduler.scheduler.instanceId as string;
    expect(instanceId).toBe(app.services.scheduler.instanceId);
    expect(instanceId).toMatch(/-\d+-[0-9a-f]{6}$/);
    expect(app.services.scheduler.scheduledConnectorIds()).toEqual([]);

    const { rowId: busy } = await createConnector({ enabled: true, cron: EVERY_SECOND });
    const { rowId: later } = await createConnector({ enabled: true, cron: '0 */5 * * * *' });
    await app
      .db('runs')
      .insert({ connectorId: busy, type: 'MANUAL', status: 'RUNNING', triggeredBy: 'test' });
    await sleep(1500);
    expect(await runsOf(busy)).toHaveLength(1); // stopped: no tick queued anything

    const counts = await app.db('runs').select('status').count('* as n').groupBy('status');
    const count = (status: string) => Number(counts.find((row) => row.status === status)?.n ?? 0);
    const res = await app.gql(SCHEDULER, { first: 100 });
    const status = res.data?.scheduler;
    expect(status).toMatchObject({
      running: false,
      instanceId,
      startedAt: null,
      activeRuns: count('RUNNING'),
      queuedRuns: count('QUEUED'),
    });
    expect(status.activeRuns).toBeGreaterThanOrEqual(1);
    // Upcoming: scheduled connectors only (not paused, not disabled), soonest first.
    const upcoming = status.upcoming as { at: string; connector: { id: string } }[];
    const times = upcoming.map((item) => new Date(item.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const ids = upcoming.map((item) => idOf('Connector', item.connector.id));
    expect(ids).toContain(busy);
    expect(ids).toContain(later);
    const scheduled = await app
      .db('connectors')
      .where({ scheduleEnabled: true })
      .whereNot('status', 'PAUSED')
      .pluck('id');
    expect([...ids].sort()).toEqual([...scheduled].sort());
    const limited = await app.gql(SCHEDULER, { first: 1 });
    expect(limited.data?.scheduler.upcoming).toHaveLength(1);
    expect(limited.data?.scheduler.upcoming[0].at).toBe(upcoming[0].at);
    const tooMany = await app.gql(SCHEDULER, { first: 101 });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    // Roles: anyone reads; only ADMIN starts or stops.
    const tokenFor = async (role: string) => {
      const created = await app.gql(CREATE_TOKEN, { input: { name: `sched ${role}`, role } });
      return created.data?.createApiToken.token as string;
    };
    const operator = await tokenFor('OPERATOR');
    const viewer = await tokenFor('VIEWER');
    const read = await app.gql('{ scheduler { running instanceId } }', {}, viewer);
    expect(read.data?.scheduler).toEqual({ running: false, instanceId });
    for (const mutation of [START, STOP]) {
      const refused = await app.gql(mutation, {}, operator);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(app.services.scheduler.status().running).toBe(false);

    const before = Date.now();
    const started = await app.gql(START);
    const after = started.data?.startScheduler.scheduler;
    expect(after).toMatchObject({ running: true, instanceId });
    expect(new Date(after.startedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(app.services.scheduler.scheduledConnectorIds()).toEqual(
      expect.arrayContaining([busy, later]),
    );
    // Starting twice is harmless.
    const again = await app.gql(START);
    expect(again.data?.startScheduler.scheduler.startedAt).toBe(after.startedAt);

    // Running again: the busy connector's ticks are skipped while its MANUAL run is RUNNING.
    await sleep(1500);
    expect(await runsOf(busy)).toHaveLength(1);
    await app.db('runs').where({ connectorId: busy }).update({ status: 'SUCCESS', phase: 'DONE' });
    await waitFor(
      'a scheduled run once the manual one ended',
      async () => (await runsOf(busy)).some((run) => run.type === 'SCHEDULED'),
      5000,
      100,
    );
  });
});
