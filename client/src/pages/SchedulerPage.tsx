import { useMutation, useQuery, useSubscription } from '@apollo/client';
import { useToast } from '../components/Toasts';
import { dateTime, relative } from '../lib/format';
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
  const s = data?.scheduler;
  if (error) return <p className="field-error">{error.message}</p>;
  if (!s) return <p className="muted">Loading…</p>;
  return (
    <section>
      <div className="page-head">
        <h1>Scheduler</h1>
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
            <button
              type="button"
              disabled={stopping.loading}
              onClick={async () => {
                await stop();
                toast('Scheduler stopped');
              }}
            >
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
      <h2>Upcoming runs</h2>
      <div className="table-wrap">
        <table>
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
                <td>
                  {dateTime(u.at, u.connector.schedule.timezone)}{' '}
                  <span className="muted">({relative(u.at)})</span>
                </td>
                <td>
                  <Link to={`/connectors/${encodeURIComponent(u.connector.id)}/history`}>
                    {u.connector.name}
                  </Link>
                </td>
                <td className="mono">{u.connector.schedule.cron}</td>
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
