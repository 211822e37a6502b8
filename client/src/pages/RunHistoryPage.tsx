import { useQuery, useSubscription } from '@apollo/client';
import { PageHeading } from '../components/PageHeading';
import { Pager, useCursorPages } from '../components/Pager';
import { RunStatusBadge } from '../components/RunStatus';
import type { RunStatus, RunType } from '../gql/graphql';
import { count, dateTime, duration, words } from '../lib/format';
import { Link, useSearchParams } from '../lib/router';
import { CONNECTOR_RUNS, RUN_UPDATED } from '../queries';

const SYNC_TYPES: RunType[] = ['SCHEDULED', 'MANUAL', 'BACKFILL', 'RETRY', 'REMAP'];
const STATUSES: RunStatus[] = [
  'QUEUED',
  'RUNNING',
  'SUCCESS',
  'PARTIAL_SUCCESS',
  'FAILED',
  'CANCELLED',
];

/**
 * A connector's runs, newest first, 20 a page: sync runs and TEST runs in
 * their own tabs, filtered by type and status, all of it in the URL.
 */
export function RunHistoryPage({ connectorId }: { connectorId: string }) {
  const { params, set } = useSearchParams();
  const tab = params.get('tab') === 'tests' ? 'tests' : 'syncs';
  const typeParam = params.get('type') as RunType | null;
  const type = tab === 'syncs' && typeParam && SYNC_TYPES.includes(typeParam) ? typeParam : null;
  const status = (params.get('status') as RunStatus | null) ?? null;
  const pages = useCursorPages();
  const { after } = pages;
  const { data, previousData, loading, error, refetch } = useQuery(CONNECTOR_RUNS, {
    variables: {
      id: connectorId,
      after,
      status,
      ...(tab === 'tests' ? { type: 'TEST' as RunType } : type ? { type } : { types: SYNC_TYPES }),
    },
  });
  // A new or changed run: refresh the first page (later pages keep their place).
  useSubscription(RUN_UPDATED, {
    variables: { connectorId },
    onData: () => {
      if (after === null) void refetch();
    },
  });
  const connector = (data ?? previousData)?.connector;
  if (error) return <p className="field-error">{error.message}</p>;
  if (loading && !connector) return <p className="muted">Loading…</p>;
  if (!connector) return <p className="field-error">No such connector.</p>;
  const runs = connector.runs.edges.map((e) => e.node);
  const tests = tab === 'tests';
  return (
    <section>
      <div className="page-head">
        <PageHeading title={`History of ${connector.name}`} />
        <Link to="/connectors">← Connectors</Link>
      </div>
      <div className="tabs" role="group" aria-label="Run kinds">
        {(['syncs', 'tests'] as const).map((t) => (
          <button
            key={t}
            type="button"
            aria-pressed={tab === t}
            onClick={() => set({ tab: t === 'syncs' ? null : t, type: null, page: null })}
          >
            {t === 'syncs' ? 'Sync runs' : 'Connection tests'}
          </button>
        ))}
      </div>
      <div className="toolbar wrap-row">
        {!tests ? (
          <label className="inline-label">
            Type
            <select
              value={type ?? ''}
              onChange={(e) => set({ type: e.target.value || null, page: null })}
            >
              <option value="">Every sync type</option>
              {SYNC_TYPES.map((t) => (
                <option key={t} value={t}>
                  {words(t)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="inline-label">
          Status
          <select
            value={status ?? ''}
            onChange={(e) => set({ status: e.target.value || null, page: null })}
          >
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">
        {count(connector.runs.totalCount)} {tests ? 'connection test' : 'sync run'}
        {connector.runs.totalCount === 1 ? '' : 's'}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Runs">
        <table className="stack">
          <thead>
            <tr>
              <th>Type</th>
              <th>Status</th>
              <th>Started</th>
              <th>Duration</th>
              <th>Triggered by</th>
              {!tests ? (
                <>
                  <th className="num">Fetched</th>
                  <th className="num">Created</th>
                  <th className="num">Updated</th>
                  <th className="num">Skipped</th>
                  <th className="num">Failed</th>
                </>
              ) : null}
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td data-label="Type">
                  <Link to={`/runs/${encodeURIComponent(r.id)}`}>
                    {r.type}
                    {r.attempt > 1 ? ` #${r.attempt}` : ''}
                  </Link>
                </td>
                <td data-label="Status">
                  <RunStatusBadge status={r.status} />
                </td>
                <td data-label="Started">{dateTime(r.startedAt)}</td>
                <td data-label="Duration">{duration(r.durationSeconds)}</td>
                <td data-label="Triggered by">{r.triggeredBy}</td>
                {!tests ? (
                  <>
                    <td data-label="Fetched" className="num">
                      {count(r.stats.recordsFetched)}
                    </td>
                    <td data-label="Created" className="num">
                      {count(r.stats.recordsCreated)}
                    </td>
                    <td data-label="Updated" className="num">
                      {count(r.stats.recordsUpdated)}
                    </td>
                    <td data-label="Skipped" className="num">
                      {count(r.stats.recordsSkipped)}
                    </td>
                    <td data-label="Failed" className="num">
                      {count(r.stats.recordsFailed)}
                    </td>
                  </>
                ) : null}
                <td data-label="Error" className="error-cell">
                  {r.status === 'FAILED' || r.status === 'PARTIAL_SUCCESS' ? (
                    <span title={r.errorMessage ?? undefined}>{r.errorMessage ?? '—'}</span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
            {runs.length === 0 ? (
              <tr>
                <td colSpan={tests ? 6 : 11} className="muted">
                  {tests ? 'No connection tests yet.' : 'No runs match.'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pager
        pages={pages}
        pageInfo={connector.runs.pageInfo}
        total={connector.runs.totalCount}
        pageSize={20}
        label="Run pages"
      />
    </section>
  );
}
