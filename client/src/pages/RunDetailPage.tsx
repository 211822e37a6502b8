import { useMutation, useQuery } from '@apollo/client';
import { useEffect, useState } from 'react';
import { RunProgressBar } from '../components/RunProgressBar';
import { RunStatusBadge } from '../components/RunStatus';
import { useToast } from '../components/Toasts';
import { count, dateTime, duration } from '../lib/format';
import { isEnded, useLiveRuns } from '../lib/live';
import { can } from '../lib/roles';
import { Link, navigate } from '../lib/router';
import { CANCEL_RUN, RETRY_RUN, RUN_DETAIL } from '../queries';
import { useSession } from '../session';

const RETRYABLE = new Set(['FAILED', 'CANCELLED', 'PARTIAL_SUCCESS']);

export function RunDetailPage({ id }: { id: string }) {
  const { role } = useSession();
  const toast = useToast();
  const { data, loading, error, refetch } = useQuery(RUN_DETAIL, { variables: { id } });
  const live = useLiveRuns({ runId: id });
  const [cancel] = useMutation(CANCEL_RUN);
  const [retry] = useMutation(RETRY_RUN);
  const run = data?.run;
  // Live events are kept per connector: only this run's own count here (after Retry the
  // page shows a new run while the old one's last event may still be held).
  const latest = run ? live[run.connector.id] : undefined;
  const event = latest?.run.id === id ? latest : undefined;
  // When the live run ends, read its final log, skipped records and duration once. (The
  // event's own `run { status }` already lands in the cache, so the stored status cannot
  // tell whether that read happened.)
  const liveStatus = event?.status;
  const [readAfterEndOf, setReadAfterEndOf] = useState<string | null>(null);
  useEffect(() => {
    if (!liveStatus || !isEnded(liveStatus) || readAfterEndOf === id) return;
    setReadAfterEndOf(id);
    void refetch();
  }, [id, liveStatus, readAfterEndOf, refetch]);

  if (error) return <p className="field-error">{error.message}</p>;
  if (loading && !data) return <p className="muted">Loading…</p>;
  if (!run) return <p className="field-error">No such run.</p>;
  const status = event?.status ?? run.status;
  const stats = event?.stats ?? run.stats;
  const operate = can(role, 'operate');

  return (
    <section>
      <div className="page-head">
        <h1>
          {run.type} run of {run.connector.name} <RunStatusBadge status={status} />
        </h1>
        <Link to={`/connectors/${encodeURIComponent(run.connector.id)}/history`}>← History</Link>
      </div>
      {!isEnded(status) ? (
        <RunProgressBar label="Run progress" progress={event?.progress ?? run.progress} />
      ) : null}
      <dl className="facts">
        <div>
          <dt>Attempt</dt>
          <dd>{run.attempt}</dd>
        </div>
        <div>
          <dt>Triggered by</dt>
          <dd>{run.triggeredBy}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{dateTime(run.startedAt)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{duration(run.durationSeconds)}</dd>
        </div>
        {run.window ? (
          <div>
            <dt>Window</dt>
            <dd>
              {dateTime(run.window.from)} – {dateTime(run.window.to)}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Records</dt>
          <dd>
            {count(stats.recordsFetched)} fetched · {count(stats.recordsCreated)} created ·{' '}
            {count(stats.recordsUpdated)} updated · {count(stats.recordsSkipped)} skipped ·{' '}
            {count(stats.recordsFailed)} failed
          </dd>
        </div>
      </dl>
      {run.errorMessage ? (
        // A cancelled run's message says why it stopped; it is not an error.
        <p className={status === 'CANCELLED' ? 'muted' : 'field-error'}>{run.errorMessage}</p>
      ) : null}
      {operate ? (
        <div className="actions">
          {!isEnded(status) ? (
            <button
              type="button"
              onClick={async () => {
                const p = (await cancel({ variables: { id: run.id } })).data?.cancelRun;
                if (p?.userErrors.length)
                  toast(p.userErrors.map((e) => e.message).join('; '), 'error');
                else toast('Cancel requested');
              }}
            >
              Cancel
            </button>
          ) : null}
          {RETRYABLE.has(status) ? (
            <button
              type="button"
              onClick={async () => {
                const p = (await retry({ variables: { id: run.id } })).data?.retryRun;
                if (p?.userErrors.length)
                  toast(p.userErrors.map((e) => e.message).join('; '), 'error');
                else if (p?.run) {
                  toast('Retry queued');
                  navigate(`/runs/${encodeURIComponent(p.run.id)}`);
                }
              }}
            >
              Retry
            </button>
          ) : null}
        </div>
      ) : null}

      {run.anomalies.length ? (
        <>
          <h2>Anomalies</h2>
          <p className="muted">
            Figures far from this connector&apos;s recent runs: not a failure, a question.
          </p>
          <ul aria-label="Anomalies">
            {run.anomalies.map((a) => (
              <li key={a.metric}>{a.message}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Skipped records</h2>
      {run.stats.skipped.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <>
          <ul className="chips" aria-label="Skipped by reason">
            {run.stats.skipped.map((s) => (
              <li key={s.reason}>
                {s.reason.replace('_', ' ').toLowerCase()}: <strong>{count(s.count)}</strong>
              </li>
            ))}
          </ul>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Reason</th>
                  <th>External id</th>
                  <th>Detail</th>
                </tr>
              </thead>
              <tbody>
                {run.skippedRecords.edges.map(({ node: s }, i) => (
                  <tr key={`${s.externalId}-${i}`}>
                    <td>{s.reason}</td>
                    <td className="mono">{s.externalId ?? '—'}</td>
                    <td>{s.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {run.skippedRecords.totalCount > run.skippedRecords.edges.length ? (
            <p className="muted">
              First {run.skippedRecords.edges.length} of {count(run.skippedRecords.totalCount)}.
            </p>
          ) : null}
        </>
      )}

      <h2>Log</h2>
      <ol className="log" aria-label="Run log">
        {run.logs.edges.map(({ node: l }, i) => (
          <li key={i} className={`log-${l.level.toLowerCase()}`}>
            <time>{new Date(l.at).toLocaleTimeString()}</time>
            <span className="level">{l.level}</span>
            <span>
              {l.message}
              {l.externalId ? <span className="muted"> [{l.externalId}]</span> : null}
            </span>
          </li>
        ))}
      </ol>
      {run.logs.totalCount > run.logs.edges.length ? (
        <p className="muted">
          First {run.logs.edges.length} of {count(run.logs.totalCount)} lines.
        </p>
      ) : null}
    </section>
  );
}
