/**
 * Run anomalies: a finished run whose figures fall far outside the band of
 * its connector's recent runs. Computed when read, from the runs table and
 * the skipped records, so the sync engine knows nothing of it.
 *
 * The band is robust to the odd bad run in the history: median ± K scaled
 * MADs (the median absolute deviation times 1.4826 estimates the standard
 * deviation of normal data), never narrower than 10 % of the median or a
 * small absolute floor, so a history of identical runs does not flag the
 * next run for one record more.
 */
import type { Knex } from 'knex';

/** Runs of a connector considered (the most recent, finished before this one). */
export const ANOMALY_WINDOW = 20;
/** Fewer finished runs than this: no judgement. */
export const ANOMALY_MIN_RUNS = 5;
/** Width of the band in scaled MADs. */
export const ANOMALY_K = 3;
const MAD_SCALE = 1.4826;
const RELATIVE_FLOOR = 0.1;

/** Runs that count: finished syncs of the connector's usual kind (not tests, not backfills). */
const FINISHED = ['SUCCESS', 'PARTIAL_SUCCESS'];
const EXCLUDED_TYPES = ['TEST', 'BACKFILL'];

export interface RunFigures {
  id: number;
  recordsFetched: number;
  recordsSkipped: number;
  durationSeconds: number;
  /** Skipped records by reason. */
  skipped: Record<string, number>;
}

export interface Anomaly {
  metric: string;
  value: number;
  expectedLow: number;
  expectedHigh: number;
  message: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const number = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const seconds = (n: number) => `${number(n)} s`;

interface Metric {
  name: string;
  of: (run: RunFigures) => number;
  /** Smallest half-width of the band. */
  floor: number;
  say: (value: number, low: number, high: number, runs: number) => string;
}

function metricsFor(reasons: Iterable<string>): Metric[] {
  const metrics: Metric[] = [
    {
      name: 'recordsFetched',
      of: (r) => r.recordsFetched,
      floor: 2,
      say: (v, lo, hi, n) =>
        `fetched ${count(v)} records; the last ${n} runs fetched ${count(lo)}–${count(hi)}`,
    },
    {
      name: 'recordsSkipped',
      of: (r) => r.recordsSkipped,
      floor: 2,
      say: (v, lo, hi, n) =>
        `skipped ${count(v)} records; the last ${n} runs skipped ${count(lo)}–${count(hi)}`,
    },
  ];
  for (const reason of [...new Set(reasons)].sort()) {
    metrics.push({
      name: `recordsSkipped.${reason}`,
      of: (r) => r.skipped[reason] ?? 0,
      floor: 2,
      say: (v, lo, hi, n) =>
        `skipped ${count(v)} records as ${reason}; the last ${n} runs skipped ${count(lo)}–${count(hi)} as ${reason}`,
    });
  }
  metrics.push({
    name: 'durationSeconds',
    of: (r) => r.durationSeconds,
    floor: 2,
    say: (v, lo, hi, n) =>
      `took ${seconds(v)}; the last ${n} runs took ${number(lo)}–${seconds(hi)}`,
  });
  return metrics;
}

/**
 * The anomalies of `run` against `history` (its connector's previous
 * finished runs, newest first, at most ANOMALY_WINDOW); none with fewer
 * than ANOMALY_MIN_RUNS. The message quotes what the history actually
 * showed (its lowest and highest); expectedLow/High are the band.
 */
export function anomaliesOf(run: RunFigures, history: RunFigures[]): Anomaly[] {
  const recent = history.slice(0, ANOMALY_WINDOW);
  if (recent.length < ANOMALY_MIN_RUNS) return [];
  const reasons = [run, ...recent].flatMap((r) => Object.keys(r.skipped));
  const found: Anomaly[] = [];
  for (const metric of metricsFor(reasons)) {
    const values = recent.map(metric.of);
    const center = median(values);
    const mad = median(values.map((v) => Math.abs(v - center)));
    const half = Math.max(
      ANOMALY_K * MAD_SCALE * mad,
      RELATIVE_FLOOR * Math.abs(center),
      metric.floor,
    );
    const expectedLow = Math.max(0, center - half);
    const expectedHigh = center + half;
    const value = metric.of(run);
    if (value >= expectedLow && value <= expectedHigh) continue;
    found.push({
      metric: metric.name,
      value,
      expectedLow,
      expectedHigh,
      message: metric.say(value, Math.min(...values), Math.max(...values), recent.length),
    });
  }
  return found;
}

interface RunRow {
  id: number;
  connectorId: number;
  type: string;
  status: string;
  recordsFetched: number;
  recordsSkipped: number;
  startedAt: Date | null;
  completedAt: Date | null;
}

const isJudged = (run: RunRow) =>
  FINISHED.includes(run.status) &&
  !EXCLUDED_TYPES.includes(run.type) &&
  run.startedAt !== null &&
  run.completedAt !== null;

/**
 * Anomalies of many runs in three queries whatever their number (a page of
 * runs): their histories through one LATERAL join, the skip reasons of all
 * of them in one GROUP BY.
 */
export async function loadAnomalies(db: Knex, runs: readonly RunRow[]): Promise<Anomaly[][]> {
  const judged = runs.filter(isJudged);
  if (judged.length === 0) return runs.map(() => []);
  const ids = judged.map((r) => r.id);
  const { rows: history } = (await db.raw(
    `SELECT r.id AS for_run, b.id, b.records_fetched, b.records_skipped,
            extract(epoch FROM b.completed_at - b.started_at)::float AS duration
       FROM runs r
       CROSS JOIN LATERAL (
         SELECT b.* FROM runs b
          WHERE b.connector_id = r.connector_id
            AND (b.created_at, b.id) < (r.created_at, r.id)
            AND b.status = ANY(?) AND NOT (b.type = ANY(?)) AND b.job_kind = 'SYNC'
            AND b.started_at IS NOT NULL AND b.completed_at IS NOT NULL
          ORDER BY b.created_at DESC, b.id DESC
          LIMIT ?
       ) b
      WHERE r.id = ANY(?)
      ORDER BY r.id, b.created_at DESC, b.id DESC`,
    [FINISHED, EXCLUDED_TYPES, ANOMALY_WINDOW, ids],
  )) as {
    rows: {
      for_run: number;
      id: number;
      records_fetched: number;
      records_skipped: number;
      duration: number;
    }[];
  };
  const allIds = [...new Set([...ids, ...history.map((h) => h.id)])];
  const { rows: skips } = (await db.raw(
    `SELECT run_id, reason, count(*)::int AS n FROM skipped_records
      WHERE run_id = ANY(?) GROUP BY run_id, reason`,
    [allIds],
  )) as { rows: { run_id: number; reason: string; n: number }[] };
  const skippedOf = new Map<number, Record<string, number>>();
  for (const s of skips) {
    const byReason = skippedOf.get(s.run_id) ?? {};
    byReason[s.reason] = s.n;
    skippedOf.set(s.run_id, byReason);
  }
  const historyOf = new Map<number, RunFigures[]>();
  for (const h of history) {
    const list = historyOf.get(h.for_run) ?? [];
    list.push({
      id: h.id,
      recordsFetched: h.records_fetched,
      recordsSkipped: h.records_skipped,
      durationSeconds: h.duration,
      skipped: skippedOf.get(h.id) ?? {},
    });
    historyOf.set(h.for_run, list);
  }
  return runs.map((run) => {
    if (!isJudged(run)) return [];
    const figures: RunFigures = {
      id: run.id,
      recordsFetched: run.recordsFetched,
      recordsSkipped: run.recordsSkipped,
      durationSeconds:
        ((run.completedAt as Date).getTime() - (run.startedAt as Date).getTime()) / 1000,
      skipped: skippedOf.get(run.id) ?? {},
    };
    return anomaliesOf(figures, historyOf.get(run.id) ?? []);
  });
}
