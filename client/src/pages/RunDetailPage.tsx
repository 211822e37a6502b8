import { useMutation, useQuery } from '@apollo/client';
import { useEffect, useRef, useState } from 'react';
import { useAnnounce } from '../components/Announcer';
import { PageHeading } from '../components/PageHeading';
import { Pager, useCursorPages } from '../components/Pager';
import { RunProgressBar } from '../components/RunProgressBar';
import { RunStatusBadge } from '../components/RunStatus';
import { SearchBox } from '../components/SearchBox';
import { useToast } from '../components/Toasts';
import type { LogLevel, SkipReason } from '../gql/graphql';
import { count, dateOnly, dateTime, duration, timeOfDay, words } from '../lib/format';
import { isEnded, useLiveRuns } from '../lib/live';
import { can } from '../lib/roles';
import { Link, navigate, useSearchParams } from '../lib/router';
import { loadToken } from '../lib/session';
import { CANCEL_RUN, RETRY_RUN, RUN_DETAIL, RUN_LOG, RUN_SKIPPED } from '../queries';
import { useSession } from '../session';

const RETRYABLE = new Set(['FAILED', 'CANCELLED', 'PARTIAL_SUCCESS']);
const LEVELS: LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
/**
 * Apollo joins a query to an identical one in flight; the lists re-read on
 * every progress event, and the read after the run's last event must see
 * its last page, not share an answer started before it was written.
 */
const FRESH = { queryDeduplication: false };

export function RunDetailPage({ id }: { id: string }) {
  const { role } = useSession();
  const toast = useToast();
  const announce = useAnnounce();
  const { data, loading, error, refetch } = useQuery(RUN_DETAIL, { variables: { id } });
  const live = useLiveRuns({ runId: id });
  const [cancel] = useMutation(CANCEL_RUN);
  const [retry] = useMutation(RETRY_RUN);
  const run = data?.run;
  // Live events are kept per connector: only this run's own count here (after Retry the
  // page shows a new run while the old one's last event may still be held).
  const latest = run ? live[run.connector.id] : undefined;
  const event = latest?.run.id === id ? latest : undefined;
  // When the live run ends, read its final figures once, and say so to screen readers.
  const liveStatus = event?.status;
  const [readAfterEndOf, setReadAfterEndOf] = useState<string | null>(null);
  useEffect(() => {
    if (!liveStatus || !isEnded(liveStatus) || readAfterEndOf === id) return;
    setReadAfterEndOf(id);
    void refetch();
    if (run) announce(`${run.type} run of ${run.connector.name} ended: ${words(liveStatus)}.`);
  }, [id, liveStatus, readAfterEndOf, refetch, run, announce]);

  if (error) return <p className="field-error">{error.message}</p>;
  if (loading && !data) return <p className="muted">Loading…</p>;
  if (!run) return <p className="field-error">No such run.</p>;
  const status = event?.status ?? run.status;
  // Counts and per-reason chips from the same source, so they always agree.
  const stats = event?.stats ?? run.stats;
  const skipped = event?.stats.skipped ?? run.stats.skipped;
  const operate = can(role, 'operate');
  const title = `${run.type} run of ${run.connector.name}`;

  return (
    <section>
      <div className="page-head">
        <PageHeading title={title}>
          {title} <RunStatusBadge status={status} />
        </PageHeading>
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
              {run.type === 'BACKFILL'
                ? `${dateOnly(run.window.from)} – ${dateOnly(run.window.to)} (UTC days)`
                : `${dateTime(run.window.from, 'UTC')} – ${dateTime(run.window.to, 'UTC')}`}
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
          {RETRYABLE.has(status) && run.type !== 'TEST' ? (
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
      <SkippedRecords
        runId={run.id}
        total={stats.recordsSkipped}
        byReason={skipped}
        eventAt={event?.at}
      />
      <RunLog runId={run.id} running={!isEnded(status)} eventAt={event?.at} />
    </section>
  );
}

/**
 * A run's skipped records, 50 a page: the reason chips filter them, the
 * search finds an external id, the filters and page live in the URL, and the
 * download has every record that matches.
 */
function SkippedRecords({
  runId,
  total,
  byReason,
  eventAt,
}: {
  runId: string;
  total: number;
  byReason: readonly { reason: SkipReason; count: number }[];
  eventAt?: string;
}) {
  const toast = useToast();
  const { params, set } = useSearchParams();
  const reason = (params.get('reason') as SkipReason | null) ?? undefined;
  const search = params.get('q') ?? '';
  const pages = useCursorPages('sp');
  const { data, previousData, loading, refetch } = useQuery(RUN_SKIPPED, {
    variables: { id: runId, after: pages.after, reason, search: search || undefined },
    // A re-read after an event must not join one still in flight from before it.
    context: FRESH,
  });
  // While the run writes (and once when it ends), the first page follows it.
  useRefetchOnEvent(eventAt, pages.page === 1, refetch);
  const list = (data ?? previousData)?.run?.skippedRecords;
  const [downloading, setDownloading] = useState(false);

  const download = async () => {
    setDownloading(true);
    try {
      const query = new URLSearchParams();
      if (reason) query.set('reason', reason);
      if (search) query.set('search', search);
      const res = await fetch(
        `/runs/${encodeURIComponent(runId)}/skipped-records.csv?${query.toString()}`,
        { headers: { authorization: `Bearer ${loadToken() ?? ''}` } },
      );
      if (!res.ok) throw new Error(`the server answered ${res.status}`);
      const name =
        /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
        'skipped-records.csv';
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      toast(`Download failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    } finally {
      setDownloading(false);
    }
  };

  return (
    <section aria-labelledby="skipped-heading">
      <h2 id="skipped-heading">
        Skipped records <span className="muted">({count(total)})</span>
      </h2>
      {total === 0 && byReason.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <>
          <div className="toolbar wrap-row">
            <div role="group" aria-label="Skipped by reason" className="chips">
              <button
                type="button"
                className="chip"
                aria-pressed={!reason}
                onClick={() => set({ reason: null, ...pages.resetKey })}
              >
                all <strong>{count(total)}</strong>
              </button>
              {byReason.map((s) => (
                <button
                  type="button"
                  key={s.reason}
                  className="chip"
                  aria-pressed={reason === s.reason}
                  onClick={() => set({ reason: s.reason, ...pages.resetKey })}
                >
                  {words(s.reason)} <strong>{count(s.count)}</strong>
                </button>
              ))}
            </div>
            <SearchBox
              label="Search skipped records by external id"
              placeholder="External id"
              value={search}
              onChange={(q) => set({ q, ...pages.resetKey }, { replace: true })}
            />
            <button type="button" disabled={downloading} onClick={() => void download()}>
              {downloading ? 'Downloading…' : 'Download CSV'}
            </button>
          </div>
          <p className="muted" aria-live="polite">
            {list
              ? `${count(list.totalCount)} skipped record${list.totalCount === 1 ? '' : 's'}${reason ? ` · ${words(reason)}` : ''}${search ? ` · matching “${search}”` : ''}`
              : loading
                ? 'Loading…'
                : ''}
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Skipped records table">
            <table className="stack">
              <thead>
                <tr>
                  <th>Reason</th>
                  <th>External id</th>
                  <th>Detail</th>
                  <th>At</th>
                </tr>
              </thead>
              <tbody>
                {list?.edges.map(({ cursor, node: s }) => (
                  <tr key={cursor}>
                    <td data-label="Reason">{s.reason}</td>
                    <td data-label="External id" className="mono">
                      {s.externalId ?? '—'}
                    </td>
                    <td data-label="Detail" className="wrap-text">
                      {s.message}
                    </td>
                    <td data-label="At">{timeOfDay(s.at)}</td>
                  </tr>
                ))}
                {list && list.edges.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="muted">
                      No skipped record matches.
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </div>
          <Pager
            pages={pages}
            pageInfo={list?.pageInfo}
            total={list?.totalCount}
            pageSize={50}
            label="Skipped record pages"
            newer="Previous"
            older="Next"
          />
        </>
      )}
    </section>
  );
}

/** A run's log, oldest first, 100 lines a page, growing live on its last page while the run runs. */
function RunLog({
  runId,
  running,
  eventAt,
}: {
  runId: string;
  running: boolean;
  eventAt?: string;
}) {
  const { params, set } = useSearchParams();
  const level = (params.get('level') as LogLevel | null) ?? undefined;
  const search = params.get('lq') ?? '';
  const pages = useCursorPages('lp');
  const { data, previousData, refetch } = useQuery(RUN_LOG, {
    variables: { id: runId, after: pages.after, level, search: search || undefined },
    context: FRESH,
  });
  const logs = (data ?? previousData)?.run?.logs;
  // Every event re-reads the page shown: its new lines, and the count.
  useRefetchOnEvent(eventAt, true, refetch);
  // A live run's log is followed from the start; an ended run's opens on its first page.
  const [follow, setFollow] = useState(running);
  // Following a live run: when the page shown fills up, move on to the next one.
  // Only from this page's own answer (not the previous page's, shown while it loads).
  const { older, after } = pages;
  const current = data?.run?.logs;
  const endCursor = current?.pageInfo.endCursor;
  const full = current?.pageInfo.hasNextPage ?? false;
  useEffect(() => {
    if (follow && full && endCursor && endCursor !== after) older(endCursor, { replace: true });
  }, [follow, full, endCursor, after, older]);
  // Going back to earlier lines stops following (it would carry the reader forward again).
  const logPages = {
    ...pages,
    newer: () => (setFollow(false), pages.newer()),
    first: () => (setFollow(false), pages.first()),
  };
  const box = useRef<HTMLOListElement>(null);
  const lines = logs?.edges.length ?? 0;
  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, follow]);

  return (
    <section aria-labelledby="log-heading">
      <h2 id="log-heading">
        Log <span className="muted">({logs ? count(logs.totalCount) : '…'} lines)</span>
        {running ? <span className="badge run-running">live</span> : null}
      </h2>
      <div className="toolbar wrap-row">
        <label className="inline-label">
          Level
          <select
            value={level ?? ''}
            onChange={(e) => set({ level: e.target.value || null, ...pages.resetKey })}
          >
            <option value="">All levels</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <SearchBox
          label="Search the log by external id"
          placeholder="External id"
          value={search}
          onChange={(lq) => set({ lq, ...pages.resetKey }, { replace: true })}
        />
        {running || follow ? (
          <label className="check">
            <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />{' '}
            Follow new lines
          </label>
        ) : null}
      </div>
      <ol className="log" aria-label="Run log" ref={box} tabIndex={0}>
        {logs?.edges.map(({ cursor, node: l }) => (
          <li key={cursor} className={`log-${l.level.toLowerCase()}`}>
            <time dateTime={l.at} title={dateTime(l.at)}>
              {timeOfDay(l.at)}
            </time>
            <span className="level">{l.level}</span>
            <span>
              {l.message}
              {l.externalId ? <span className="log-id"> [{l.externalId}]</span> : null}
            </span>
          </li>
        ))}
        {logs && logs.edges.length === 0 ? <li className="log-empty">No lines match.</li> : null}
      </ol>
      <Pager
        pages={logPages}
        pageInfo={logs?.pageInfo}
        total={logs?.totalCount}
        pageSize={100}
        label="Log pages"
        newer="Earlier lines"
        older="Later lines"
      />
    </section>
  );
}

/**
 * Re-reads a list when a progress event of the run arrives (at most a few a
 * second: the server throttles them; the last one when it ends), if `active`.
 */
function useRefetchOnEvent(eventAt: string | undefined, active: boolean, refetch: () => unknown) {
  const last = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!eventAt || eventAt === last.current) return;
    last.current = eventAt;
    if (active) void refetch();
  }, [eventAt, active, refetch]);
}
