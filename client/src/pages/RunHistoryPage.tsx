import { useQuery, useSubscription } from '@apollo/client';
import { Pager, useCursorPages } from '../components/Pager';
import { RunStatusBadge } from '../components/RunStatus';
import { count, dateTime, duration } from '../lib/format';
import { Link } from '../lib/router';
import { CONNECTOR_RUNS, RUN_UPDATED } from '../queries';

/** A connector's runs, newest first, 20 a page (keyset cursors). */
export function RunHistoryPage({ connectorId }: { connectorId: string }) {
  const pages = useCursorPages();
  const { after } = pages;
  const { data, loading, error, refetch } = useQuery(CONNECTOR_RUNS, {
    variables: { id: connectorId, after },
  });
  // A new or changed run: refresh the first page (later pages keep their place).
  useSubscription(RUN_UPDATED, {
    variables: { connectorId },
    onData: () => {
      if (after === null) void refetch();
    },
  });
  const connector = data?.connector;
  if (error) return <p className="field-error">{error.message}</p>;
  if (loading && !data) return <p className="muted">Loading…</p>;
  if (!connector) return <p className="field-error">No such connector.</p>;
  const runs = connector.runs.edges.map((e) => e.node);
  return (
    <section>
      <div className="page-head">
        <h1>History of {connector.name}</h1>
        <Link to="/connectors">← Connectors</Link>
      </div>
      <p className="muted">
        {count(connector.runs.totalCount)} {connector.runs.totalCount === 1 ? 'run' : 'runs'} · page{' '}
        {pages.page}
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Type</th>
              <th>Status</th>
              <th>Started</th>
              <th>Duration</th>
              <th className="num">Fetched</th>
              <th className="num">Created</th>
              <th className="num">Updated</th>
              <th className="num">Skipped</th>
              <th className="num">Failed</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/runs/${encodeURIComponent(r.id)}`}>
                    {r.type}
                    {r.attempt > 1 ? ` #${r.attempt}` : ''}
                  </Link>
                </td>
                <td>
                  <RunStatusBadge status={r.status} />
                </td>
                <td>{dateTime(r.startedAt)}</td>
                <td>{duration(r.durationSeconds)}</td>
                <td className="num">{count(r.stats.recordsFetched)}</td>
                <td className="num">{count(r.stats.recordsCreated)}</td>
                <td className="num">{count(r.stats.recordsUpdated)}</td>
                <td className="num">{count(r.stats.recordsSkipped)}</td>
                <td className="num">{count(r.stats.recordsFailed)}</td>
              </tr>
            ))}
            {runs.length === 0 ? (
              <tr>
                <td colSpan={9} className="muted">
                  No runs yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pager pages={pages} pageInfo={connector.runs.pageInfo} />
    </section>
  );
}
