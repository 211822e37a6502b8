import { useMutation, useQuery, useSubscription } from '@apollo/client';
import { useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { PageHeading } from '../components/PageHeading';
import { useToast } from '../components/Toasts';
import { When } from '../components/When';
import { dateTime } from '../lib/format';
import { can } from '../lib/roles';
import { Link } from '../lib/router';
import { SCHEDULER, SCHEDULER_UPDATED, START_SCHEDULER, STOP_SCHEDULER } from '../queries';
import { useSession } from '../session';

export function SchedulerPage() {
  const { role } = useSession();
  const toast = useToast();
  const { data, error } = useQuery(SCHEDULER);
  // schedulerUpdated answers with the same SchedulerStatus (keyed by instanceId): the cache updates the page.
  useSubscription(SCHEDULER_UPDATED, {});
  const [start, starting] = useMutation(START_SCHEDULER);
  const [stop, stopping] = useMutation(STOP_SCHEDULER);
  const [confirmStop, setConfirmStop] = useState(false);
  const s = data?.scheduler;
  if (error) return <p className="field-error">{error.message}</p>;
  if (!s) return <p className="muted">Loading…</p>;
  return (
    <section>
      <div className="page-head">
        <PageHeading title="Scheduler" />
      </div>
      <div className="stat-row">
        <div className="stat">
          <span className="muted">This process</span>
          <strong className={s.running ? 'ok' : 'bad'}>{s.running ? 'Running' : 'Stopped'}</strong>
          <span className="muted">
            {s.running ? `since ${dateTime(s.startedAt)}` : s.instanceId}
          </span>
        </div>
        <div className="stat">
          <span className="muted">Active runs</span>
          <strong>{s.activeRuns}</strong>
        </div>
        <div className="stat">
          <span className="muted">Queued runs</span>
          <strong>{s.queuedRuns}</strong>
        </div>
      </div>
      {can(role, 'configure') ? (
        <div className="actions">
          {s.running ? (
            <button type="button" disabled={stopping.loading} onClick={() => setConfirmStop(true)}>
              Stop
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={starting.loading}
              onClick={async () => {
                await start();
                toast('Scheduler started');
              }}
            >
              Start
            </button>
          )}
        </div>
      ) : null}
      <ConfirmDialog
        open={confirmStop}
        title="Stop this process's scheduler?"
        confirmLabel="Stop scheduler"
        cancelLabel="Keep running"
        danger
        busy={stopping.loading}
        onCancel={() => setConfirmStop(false)}
        onConfirm={async () => {
          await stop();
          setConfirmStop(false);
          toast('Scheduler stopped');
        }}
      >
        <p>
          It queues no scheduled runs until started again (or the process restarts). Runs already
          queued or running go on.
        </p>
      </ConfirmDialog>
      <h2>Upcoming runs</h2>
      {!s.running ? (
        <p className="muted">
          Stopped: this process queues none of these. Another process sharing the database, with its
          scheduler running, still would.
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="stack">
          <thead>
            <tr>
              <th>When</th>
              <th>Connector</th>
              <th>Cron</th>
            </tr>
          </thead>
          <tbody>
            {s.upcoming.map((u) => (
              <tr key={`${u.connector.id}-${u.at}`}>
                <td data-label="When">
                  {dateTime(u.at, u.connector.schedule.timezone)}{' '}
                  <span className="muted">
                    (<When iso={u.at} />)
                  </span>
                </td>
                <td data-label="Connector">
                  <Link to={`/connectors/${encodeURIComponent(u.connector.id)}/history`}>
                    {u.connector.name}
                  </Link>
                </td>
                <td data-label="Cron" className="mono">
                  {u.connector.schedule.cron}
                </td>
              </tr>
            ))}
            {s.upcoming.length === 0 ? (
              <tr>
                <td colSpan={3} className="muted">
                  Nothing scheduled.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
