import { anomaliesOf, type RunFigures } from '../../src/services/runs/anomalies';
import { startTestApp, type TestApp } from '../support/app';
import { createIssuerConnector, queueRun } from '../support/issuer-connector';
import { IssuerProvider } from '../support/issuer-provider';
import { waitFor } from '../support/wait';

const RUN = `query($id: ID!) { run(id: $id) {
  status stats { recordsFetched recordsSkipped }
  anomalies { metric value expectedLow expectedHigh message }
} }`;

describe('run anomalies', () => {
  let app: TestApp;
  let issuer: IssuerProvider;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    issuer = await IssuerProvider.start();
  });
  afterAll(async () => {
    await app.close();
    await issuer.close();
  });

  async function runOnce(connectorId: string) {
    const runId = await queueRun(app, connectorId);
    return waitFor(
      'the run to end',
      async () => {
        const run = (await app.gql(RUN, { id: runId })).data?.run;
        return run && run.status === 'SUCCESS' ? { id: runId, ...run } : undefined;
      },
      20_000,
    );
  }

  it('flags the sixth run when it fetches a tenth of the usual, and only it', async () => {
    const connectorId = await createIssuerConnector(app, issuer, 'Steady', { verifyPath: null });
    const usual = [];
    for (let i = 0; i < 5; i++) {
      issuer.seed(50, undefined, `r${i}-`);
      const run = await runOnce(connectorId);
      // Too few runs before each of these to judge.
      expect(run.anomalies).toEqual([]);
      usual.push(run.stats.recordsFetched);
    }
    // 50 new records a run (and the checkpoint's own record again after the first).
    expect(usual).toEqual([50, 51, 51, 51, 51]);

    issuer.seed(4, undefined, 'r5-');
    const sixth = await runOnce(connectorId);
    expect(sixth.stats.recordsFetched).toBe(5);
    expect(sixth.anomalies).toEqual([
      {
        metric: 'recordsFetched',
        value: 5,
        expectedLow: expect.closeTo(45.9, 5),
        expectedHigh: expect.closeTo(56.1, 5),
        message: 'fetched 5 records; the last 5 runs fetched 50–51',
      },
    ]);

    // Shown where the connector card reads it, and in a page of runs.
    const card = await app.gql(
      `query($id: ID!) { connector(id: $id) {
        lastRun { anomalies { metric } }
        runs(first: 10) { edges { node { anomalies { metric } } } }
      } }`,
      { id: connectorId },
    );
    expect(card.data!.connector.lastRun.anomalies).toEqual([{ metric: 'recordsFetched' }]);
    expect(card.data!.connector.runs.edges.map((e: any) => e.node.anomalies.length)).toEqual([
      1, 0, 0, 0, 0, 0,
    ]);

    // Back to the usual volume: the history holds one odd run, the band holds.
    issuer.seed(50, undefined, 'r6-');
    const seventh = await runOnce(connectorId);
    expect(seventh.anomalies).toEqual([]);
  });
});

describe('anomaliesOf', () => {
  const run = (
    fetched: number,
    seconds = 10,
    skipped: Record<string, number> = {},
  ): RunFigures => ({
    id: 0,
    recordsFetched: fetched,
    recordsSkipped: Object.values(skipped).reduce((a, b) => a + b, 0),
    durationSeconds: seconds,
    skipped,
  });
  const history = [12_000, 12_400, 11_800, 12_600, 12_100, 12_300].map((n) => run(n));

  it('needs five finished runs', () => {
    expect(anomaliesOf(run(12), history.slice(0, 4))).toEqual([]);
    expect(anomaliesOf(run(12), history.slice(0, 5))).toHaveLength(1);
  });

  it('uses median ± 3 scaled MADs, never narrower than 10 % of the median', () => {
    // median 12,200, MAD 200 → ± 3 × 1.4826 × 200 = ± 889.6; 10 % is 1,220, the wider.
    const [found] = anomaliesOf(run(12), history);
    expect(found).toEqual({
      metric: 'recordsFetched',
      value: 12,
      expectedLow: 10_980,
      expectedHigh: 13_420,
      message: 'fetched 12 records; the last 6 runs fetched 11,800–12,600',
    });
    expect(anomaliesOf(run(13_400), history)).toEqual([]);
    expect(anomaliesOf(run(13_500), history)).toHaveLength(1);
  });

  it('looks at skips by reason and at duration', () => {
    const steady = Array.from({ length: 8 }, () => run(100, 10, { DUPLICATE: 1 }));
    const odd = anomaliesOf(run(100, 95, { DUPLICATE: 1, INVALID_RECORD: 40 }), steady);
    expect(odd.map((a) => a.metric)).toEqual([
      'recordsSkipped',
      'recordsSkipped.INVALID_RECORD',
      'durationSeconds',
    ]);
    expect(odd[1].message).toBe(
      'skipped 40 records as INVALID_RECORD; the last 8 runs skipped 0–0 as INVALID_RECORD',
    );
    expect(odd[2].message).toBe('took 95 s; the last 8 runs took 10–10 s');
  });
});
