import { count, duration } from '../lib/format';

export interface ProgressView {
  phase: string;
  recordsProcessed: number;
  recordsTotal?: number | null;
  ratePerSecond: number;
  etaSeconds?: number | null;
}

/**
 * A live run: a determinate bar when the source reports a total, otherwise an
 * indeterminate one with the count so far; phase, rate and ETA beside it.
 */
export function RunProgressBar({ progress, label }: { progress: ProgressView; label: string }) {
  const { phase, recordsProcessed, recordsTotal, ratePerSecond, etaSeconds } = progress;
  const done = phase === 'DONE';
  const known = recordsTotal != null && recordsTotal > 0;
  const now = known ? Math.min(recordsProcessed, recordsTotal) : undefined;
  const pct = known ? Math.round((recordsProcessed / recordsTotal) * 100) : undefined;
  const text = known
    ? `${count(recordsProcessed)} of ${count(recordsTotal)} records (${pct}%)`
    : `${count(recordsProcessed)} records so far`;
  return (
    <div className="progress">
      <div
        className={`progress-track${known ? '' : ' indeterminate'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? recordsTotal : undefined}
        aria-valuenow={now}
        aria-valuetext={`${phase.toLowerCase()}: ${text}`}
      >
        <div
          className="progress-fill"
          style={known ? { width: `${pct}%` } : done ? { width: '100%' } : undefined}
        />
      </div>
      <div className="progress-meta">
        <span className="phase">{phase}</span>
        <span>{text}</span>
        <span>{ratePerSecond.toFixed(1)} records/s</span>
        <span>{done ? 'finished' : `ETA ${etaSeconds != null ? duration(etaSeconds) : '—'}`}</span>
      </div>
    </div>
  );
}
