import { count } from '../lib/format';

export interface ActivityDay {
  day: string;
  succeeded: number;
  partial: number;
  failed: number;
  cancelled: number;
  recordsSynced: number;
}

const OUTCOMES = [
  { key: 'succeeded', label: 'Succeeded', color: 'var(--green)' },
  { key: 'partial', label: 'Partial', color: 'var(--amber)' },
  { key: 'failed', label: 'Failed', color: 'var(--red)' },
  { key: 'cancelled', label: 'Cancelled', color: 'var(--grey)' },
] as const;

const W = 720;
const H = 180;
const PAD = { left: 40, right: 8, top: 10, bottom: 24 };

function niceMax(n: number): number {
  if (n <= 4) return 4;
  const p = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / p) * p;
}

function Axis({ max, format }: { max: number; format: (n: number) => string }) {
  const plotH = H - PAD.top - PAD.bottom;
  return (
    <g className="axis">
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line
            x1={PAD.left}
            x2={W - PAD.right}
            y1={PAD.top + plotH * (1 - f)}
            y2={PAD.top + plotH * (1 - f)}
          />
          <text x={PAD.left - 6} y={PAD.top + plotH * (1 - f) + 4} textAnchor="end">
            {format(max * f)}
          </text>
        </g>
      ))}
    </g>
  );
}

function DayLabels({ days }: { days: ActivityDay[] }) {
  const slot = (W - PAD.left - PAD.right) / days.length;
  return (
    <g className="axis">
      {days.map((d, i) =>
        i % 5 === 0 || i === days.length - 1 ? (
          <text key={d.day} x={PAD.left + slot * (i + 0.5)} y={H - 6} textAnchor="middle">
            {d.day.slice(5)}
          </text>
        ) : null,
      )}
    </g>
  );
}

/** Runs per day by outcome (stacked bars) and records synced per day, hand-drawn SVG. */
export function ActivityChart({ days }: { days: ActivityDay[] }) {
  const plotH = H - PAD.top - PAD.bottom;
  const slot = (W - PAD.left - PAD.right) / Math.max(days.length, 1);
  const bar = Math.max(slot - 4, 2);
  const runsMax = niceMax(
    Math.max(0, ...days.map((d) => d.succeeded + d.partial + d.failed + d.cancelled)),
  );
  const recMax = niceMax(Math.max(0, ...days.map((d) => d.recordsSynced)));
  const totalRuns = days.reduce((n, d) => n + d.succeeded + d.partial + d.failed + d.cancelled, 0);
  const totalRecords = days.reduce((n, d) => n + d.recordsSynced, 0);
  return (
    <div className="charts">
      <figure tabIndex={0}>
        <figcaption>
          Runs per day by outcome — {count(totalRuns)} in {days.length} days
        </figcaption>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-label={`Runs per day, last ${days.length} days`}
        >
          <Axis max={runsMax} format={(n) => String(Math.round(n))} />
          {days.map((d, i) => {
            let y = PAD.top + plotH;
            return (
              <g key={d.day}>
                <title>
                  {`${d.day}: ${d.succeeded} succeeded, ${d.partial} partial, ${d.failed} failed, ${d.cancelled} cancelled`}
                </title>
                {OUTCOMES.map((o) => {
                  const h = (d[o.key] / runsMax) * plotH;
                  y -= h;
                  return h > 0 ? (
                    <rect
                      key={o.key}
                      x={PAD.left + slot * i + 2}
                      y={y}
                      width={bar}
                      height={h}
                      fill={o.color}
                    />
                  ) : null;
                })}
              </g>
            );
          })}
          <DayLabels days={days} />
        </svg>
        <ul className="legend">
          {OUTCOMES.map((o) => (
            <li key={o.key}>
              <span className="swatch" style={{ background: o.color }} /> {o.label}
            </li>
          ))}
        </ul>
      </figure>
      <figure tabIndex={0}>
        <figcaption>
          Records synced per day — {count(totalRecords)} in {days.length} days
        </figcaption>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-label={`Records synced per day, last ${days.length} days`}
        >
          <Axis
            max={recMax}
            format={(n) => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(Math.round(n)))}
          />
          {days.map((d, i) => {
            const h = (d.recordsSynced / recMax) * plotH;
            return (
              <g key={d.day}>
                <title>{`${d.day}: ${count(d.recordsSynced)} records`}</title>
                {h > 0 && (
                  <rect
                    x={PAD.left + slot * i + 2}
                    y={PAD.top + plotH - h}
                    width={bar}
                    height={h}
                    fill="var(--accent)"
                  />
                )}
              </g>
            );
          })}
          <DayLabels days={days} />
        </svg>
      </figure>
    </div>
  );
}
