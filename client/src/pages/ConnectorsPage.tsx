import { useMutation, useQuery, useSubscription } from '@apollo/client';
import { useEffect, useState } from 'react';
import { RunProgressBar } from '../components/RunProgressBar';
import { dotTone, StatusDot } from '../components/StatusDot';
import { useToast } from '../components/Toasts';
import type {
  ConnectorFieldsFragment,
  ConnectorStatus,
  ProgressEventFieldsFragment,
} from '../gql/graphql';
import { dateTime, percent, relative } from '../lib/format';
import { isEnded, useLiveRuns } from '../lib/live';
import { can } from '../lib/roles';
import { navigate } from '../lib/router';
import { byField, FieldError, type UserErrorLike } from '../lib/user-errors';
import {
  BACKFILL_CONNECTOR,
  CONNECTOR_UPDATED,
  CONNECTORS,
  DELETE_CONNECTOR,
  PAUSE_CONNECTOR,
  RESUME_CONNECTOR,
  RUN_CONNECTOR,
  TEST_CONNECTOR,
} from '../queries';
import { useSession } from '../session';

const FILTERS: { label: string; status?: ConnectorStatus }[] = [
  { label: 'All' },
  { label: 'Active', status: 'ACTIVE' },
  { label: 'Paused', status: 'PAUSED' },
  { label: 'Failed', status: 'FAILED' },
];

export function ConnectorsPage() {
  const { role } = useSession();
  const [filter, setFilter] = useState<ConnectorStatus | undefined>();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setSearch(typed.trim()), 250);
    return () => clearTimeout(t);
  }, [typed]);
  const { data, loading, error, refetch, fetchMore } = useQuery(CONNECTORS, {
    variables: { status: filter, search: search || undefined },
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const pageInfo = data?.connectors.pageInfo;
  // The next page is appended to this one; the cache entry stays one list per filter.
  const showMore = async () => {
    if (!pageInfo?.endCursor) return;
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          connectors: {
            ...fetchMoreResult.connectors,
            edges: [...previous.connectors.edges, ...fetchMoreResult.connectors.edges],
          },
        }),
      });
    } finally {
      setLoadingMore(false);
    }
  };
  // Connector changes (status, last run, stats) land in the cache by id.
  useSubscription(CONNECTOR_UPDATED, {});
  const live = useLiveRuns();
  const connectors = data?.connectors.edges.map((e) => e.node) ?? [];

  return (
    <section>
      <div className="page-head">
        <h1>Connectors</h1>
        {can(role, 'configure') ? (
          <button type="button" className="primary" onClick={() => navigate('/connectors/new')}>
            New connector
          </button>
        ) : null}
      </div>
      <div className="toolbar">
        <div role="group" aria-label="Filter by status" className="segmented">
          {FILTERS.map((f) => (
            <button
              key={f.label}
              type="button"
              aria-pressed={filter === f.status}
              onClick={() => setFilter(f.status)}
            >
              {f.label}
            </button>
          ))}
        </div>
        <input
          type="search"
          placeholder="Search name or source"
          aria-label="Search connectors"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
      </div>
      {error ? <p className="field-error">Could not load connectors: {error.message}</p> : null}
      {loading && !data ? <p className="muted">Loading…</p> : null}
      {data && connectors.length === 0 ? <p className="muted">No connectors match.</p> : null}
      <ul className="cards">
        {connectors.map((c) => (
          <ConnectorCard
            key={c.id}
            connector={c}
            live={live[c.id]}
            onDeleted={() => void refetch()}
          />
        ))}
      </ul>
      {data ? (
        <p className="muted">
          Showing {connectors.length} of {data.connectors.totalCount}
          {pageInfo?.hasNextPage ? (
            <>
              {' '}
              <button type="button" disabled={loadingMore} onClick={() => void showMore()}>
                {loadingMore ? 'Loading…' : 'Show more'}
              </button>
            </>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}

function ConnectorCard({
  connector: c,
  live,
  onDeleted,
}: {
  connector: ConnectorFieldsFragment;
  live?: ProgressEventFieldsFragment;
  onDeleted(): void;
}) {
  const { role } = useSession();
  const toast = useToast();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [backfill, setBackfill] = useState<{ from: string; to: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [testConnector] = useMutation(TEST_CONNECTOR);
  const [runConnector] = useMutation(RUN_CONNECTOR);
  const [backfillConnector] = useMutation(BACKFILL_CONNECTOR);
  const [pause] = useMutation(PAUSE_CONNECTOR);
  const [resume] = useMutation(RESUME_CONNECTOR);
  const [remove] = useMutation(DELETE_CONNECTOR);

  const running = !!live && !isEnded(live.status);
  const tone = dotTone(running ? 'RUNNING' : c.lastRun?.status, running);

  /** Runs a mutation; userErrors go beside their fields and into a toast. */
  async function act(
    label: string,
    fn: () => Promise<{ userErrors: readonly UserErrorLike[] } | undefined>,
    ok: string,
  ) {
    setErrors({});
    try {
      const result = await fn();
      const userErrors = result?.userErrors ?? [];
      if (userErrors.length) {
        setErrors(byField(userErrors));
        toast(`${label} failed: ${userErrors.map((e) => e.message).join('; ')}`, 'error');
        return false;
      }
      toast(ok);
      return true;
    } catch (e) {
      toast(`${label} failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
      return false;
    }
  }

  const operate = can(role, 'operate');
  const configure = can(role, 'configure');
  const rowErrors = Object.entries(errors).filter(([k]) => k !== 'from' && k !== 'to');

  return (
    <li className="card" aria-label={`Connector ${c.name}`}>
      <div className="card-head">
        <StatusDot tone={tone} />
        <h2>{c.name}</h2>
        <span className={`badge status-${c.status.toLowerCase()}`}>{c.status}</span>
        {(c.config as { allowInsecure?: boolean } | null)?.allowInsecure ? (
          <span
            className="badge insecure"
            title="allowInsecure: credentials and data travel unencrypted to this connector's target"
          >
            INSECURE
          </span>
        ) : null}
        <span className="muted">
          {c.kind} · {c.sourceEntity}
        </span>
      </div>
      <dl className="facts">
        <div>
          <dt>Success rate</dt>
          <dd>
            {c.stats.totalRuns ? percent(c.stats.successRate) : '—'}{' '}
            <span className="muted">
              ({c.stats.successCount}/{c.stats.totalRuns})
            </span>
          </dd>
        </div>
        <div>
          <dt>Last run</dt>
          <dd title={dateTime(c.lastRun?.completedAt ?? c.lastRun?.startedAt)}>
            {running
              ? 'running now'
              : c.lastRun
                ? `${c.lastRun.status.replace('_', ' ').toLowerCase()} · ${relative(c.lastRun.completedAt ?? c.lastRun.startedAt)}`
                : 'never'}
          </dd>
        </div>
        <div>
          <dt>Next run</dt>
          <dd>
            {c.status === 'PAUSED'
              ? 'paused'
              : c.schedule.nextRunAt
                ? dateTime(c.schedule.nextRunAt, c.schedule.timezone)
                : c.schedule.enabled
                  ? '—'
                  : 'on demand'}
          </dd>
        </div>
      </dl>
      {c.lastRun?.status === 'FAILED' && c.lastRun.errorMessage && !running ? (
        <p className="field-error">{c.lastRun.errorMessage}</p>
      ) : null}
      {live ? (
        <div className="live">
          <span className="muted">
            {live.run.type.toLowerCase()} run · {live.status.toLowerCase().replace('_', ' ')}
          </span>
          <RunProgressBar label={`Progress of ${c.name}`} progress={live.progress} />
        </div>
      ) : null}
      <div className="actions" role="group" aria-label={`Actions for ${c.name}`}>
        {operate ? (
          <>
            <button
              type="button"
              onClick={() =>
                void act(
                  'Test',
                  async () => {
                    const payload = (await testConnector({ variables: { id: c.id } })).data
                      ?.testConnector;
                    const run = payload?.run;
                    // The test runs in the request: say how it went, not just that it ran.
                    if (run?.status === 'FAILED')
                      return {
                        userErrors: [{ message: run.errorMessage ?? 'the connection test failed' }],
                      };
                    return payload;
                  },
                  `${c.name}: connection OK`,
                )
              }
            >
              Test
            </button>
            <button
              type="button"
              disabled={c.status === 'PAUSED' || running}
              onClick={() =>
                void act(
                  'Run',
                  async () =>
                    (await runConnector({ variables: { input: { id: c.id } } })).data?.runConnector,
                  'Run queued',
                )
              }
            >
              Run
            </button>
          </>
        ) : null}
        <button
          type="button"
          onClick={() => navigate(`/connectors/${encodeURIComponent(c.id)}/history`)}
        >
          History
        </button>
        {operate ? (
          <button
            type="button"
            aria-expanded={!!backfill}
            onClick={() => setBackfill(backfill ? null : { from: '', to: '' })}
          >
            Backfill
          </button>
        ) : null}
        {configure ? (
          <button
            type="button"
            onClick={() => navigate(`/connectors/${encodeURIComponent(c.id)}/edit`)}
          >
            Edit
          </button>
        ) : null}
        {operate ? (
          c.status === 'PAUSED' ? (
            <button
              type="button"
              onClick={() =>
                void act(
                  'Resume',
                  async () => (await resume({ variables: { id: c.id } })).data?.resumeConnector,
                  `${c.name} resumed`,
                )
              }
            >
              Resume
            </button>
          ) : (
            <button
              type="button"
              onClick={() =>
                void act(
                  'Pause',
                  async () => (await pause({ variables: { id: c.id } })).data?.pauseConnector,
                  `${c.name} paused`,
                )
              }
            >
              Pause
            </button>
          )
        ) : null}
        {configure ? (
          confirmDelete ? (
            <span className="confirm">
              Delete {c.name} and its runs?{' '}
              <button
                type="button"
                className="danger"
                onClick={async () => {
                  const ok = await act(
                    'Delete',
                    async () => (await remove({ variables: { id: c.id } })).data?.deleteConnector,
                    `${c.name} deleted`,
                  );
                  setConfirmDelete(false);
                  if (ok) onDeleted();
                }}
              >
                Yes, delete
              </button>{' '}
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          )
        ) : null}
      </div>
      {backfill ? (
        <form
          className="inline-form"
          aria-label={`Backfill ${c.name}`}
          onSubmit={async (e) => {
            e.preventDefault();
            const local: Record<string, string[]> = {};
            if (!backfill.from) local.from = ['Pick the first day'];
            if (!backfill.to) local.to = ['Pick the last day'];
            if (backfill.from && backfill.to && backfill.from > backfill.to)
              local.to = ['The last day is before the first'];
            if (Object.keys(local).length) return setErrors(local);
            const ok = await act(
              'Backfill',
              async () =>
                (await backfillConnector({ variables: { input: { id: c.id, ...backfill } } })).data
                  ?.backfillConnector,
              `Backfill ${backfill.from} – ${backfill.to} queued`,
            );
            if (ok) setBackfill(null);
          }}
        >
          <label>
            From (UTC day)
            <input
              type="date"
              value={backfill.from}
              aria-invalid={!!errors.from}
              aria-describedby={errors.from ? `bf-from-${c.id}` : undefined}
              onChange={(e) => setBackfill({ ...backfill, from: e.target.value })}
            />
            <FieldError id={`bf-from-${c.id}`} messages={errors.from} />
          </label>
          <label>
            To (inclusive)
            <input
              type="date"
              value={backfill.to}
              aria-invalid={!!errors.to}
              aria-describedby={errors.to ? `bf-to-${c.id}` : undefined}
              onChange={(e) => setBackfill({ ...backfill, to: e.target.value })}
            />
            <FieldError id={`bf-to-${c.id}`} messages={errors.to} />
          </label>
          <button type="submit" className="primary">
            Queue backfill
          </button>
        </form>
      ) : null}
      {rowErrors.length ? (
        <p className="field-error" role="alert">
          {rowErrors.map(([, m]) => m.join('; ')).join('; ')}
        </p>
      ) : null}
    </li>
  );
}
