import { useMutation, useQuery, useSubscription } from '@apollo/client';
import { useEffect, useRef, useState } from 'react';
import { useAnnounce } from '../components/Announcer';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { PageHeading } from '../components/PageHeading';
import { SearchBox } from '../components/SearchBox';
import { When } from '../components/When';
import { RunProgressBar } from '../components/RunProgressBar';
import { dotTone, StatusDot } from '../components/StatusDot';
import { useToast } from '../components/Toasts';
import type {
  ConnectorFieldsFragment,
  ConnectorStatus,
  ProgressEventFieldsFragment,
} from '../gql/graphql';
import { useKinds, type KindInfo } from '../lib/capabilities';
import { previewCron } from '../lib/cron';
import { count, dateTime, percent, words } from '../lib/format';
import { isEnded, useLiveRuns } from '../lib/live';
import { can } from '../lib/roles';
import { navigate, useSearchParams } from '../lib/router';
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
  const { params, set } = useSearchParams();
  const statusParam = params.get('status') as ConnectorStatus | null;
  const filter = FILTERS.some((f) => f.status === statusParam)
    ? (statusParam ?? undefined)
    : undefined;
  const search = params.get('q') ?? '';
  const kinds = useKinds();
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
  useAnnounceEnds(live);

  return (
    <section>
      <div className="page-head">
        <PageHeading title="Connectors" />
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
              onClick={() => set({ status: f.status ?? null })}
            >
              {f.label}
            </button>
          ))}
        </div>
        <SearchBox
          label="Search connectors"
          placeholder="Search name or source"
          value={search}
          onChange={(q) => set({ q }, { replace: true })}
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
            kind={kinds?.[c.kind]}
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

/** Says when a live run ends, for screen readers (the card changes silently otherwise). */
function useAnnounceEnds(live: Record<string, ProgressEventFieldsFragment>) {
  const announce = useAnnounce();
  const told = useRef(new Set<string>());
  useEffect(() => {
    for (const event of Object.values(live)) {
      if (!isEnded(event.status) || told.current.has(event.run.id)) continue;
      told.current.add(event.run.id);
      announce(
        `${words(event.run.type)} run of ${event.run.connector.name} ended: ${words(event.status)}.`,
      );
    }
  }, [live, announce]);
}

/** "At 02:30, Monday through Friday (Asia/Kolkata)", "on demand", or why it does not run. */
function scheduleInWords(c: ConnectorFieldsFragment): string {
  if (!c.schedule.enabled || !c.schedule.cron) return 'on demand';
  const preview = previewCron(c.schedule.cron, c.schedule.timezone, 0);
  const said = preview.description ?? c.schedule.cron;
  return `${said.charAt(0).toLowerCase()}${said.slice(1)} (${c.schedule.timezone})`;
}

function ConnectorCard({
  connector: c,
  live,
  kind,
  onDeleted,
}: {
  connector: ConnectorFieldsFragment;
  live?: ProgressEventFieldsFragment;
  kind?: KindInfo;
  onDeleted(): void;
}) {
  const { role } = useSession();
  const toast = useToast();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [backfill, setBackfill] = useState<{ from: string; to: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [testConnector, testing] = useMutation(TEST_CONNECTOR);
  const [runConnector, starting] = useMutation(RUN_CONNECTOR);
  const [backfillConnector, queueing] = useMutation(BACKFILL_CONNECTOR);
  const [pause] = useMutation(PAUSE_CONNECTOR);
  const [resume] = useMutation(RESUME_CONNECTOR);
  const [remove, removing] = useMutation(DELETE_CONNECTOR, {
    // The connector lists drop it from the cache (no refetch of a query that may not be active).
    update: (cache, { data }) => {
      if (data?.deleteConnector.deletedId) {
        cache.evict({ id: cache.identify({ __typename: 'Connector', id: c.id }) });
        cache.gc();
      }
    },
  });

  const running = !!live && !isEnded(live.status);
  const tone = dotTone(running ? 'RUNNING' : c.lastRun?.status, running);

  /** Runs a mutation; userErrors go beside their fields (one line on the card) and into a toast. */
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
  const canSync = kind?.canSync ?? true;
  const canBackfill = kind?.canBackfill ?? true;
  const actionError = Object.entries(errors)
    .filter(([k]) => k !== 'from' && k !== 'to')
    .map(([, m]) => m.join('; '))
    .join('; ');
  const last = c.lastRun;
  const lastTest = c.lastTest;
  // One error line: what the last action said, else why the last sync failed.
  const errorLine =
    actionError ||
    (!running && last?.status === 'FAILED' && last.errorMessage
      ? `Last run failed: ${last.errorMessage}`
      : '');
  const decided = c.stats.successCount + c.stats.failureCount;

  return (
    <li className="card" aria-label={`Connector ${c.name}`}>
      <div className="card-head">
        <StatusDot tone={tone} />
        <h2>{c.name}</h2>
        <span className={`badge status-${c.status.toLowerCase()}`}>{c.status}</span>
        {c.lastRun?.anomalies.length ? (
          // Not a failure: a question for the operator (Run.anomalies).
          <span
            className="badge run-partial_success"
            title={c.lastRun.anomalies.map((a) => a.message).join('\n')}
          >
            anomaly
          </span>
        ) : null}
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
            {decided ? percent(c.stats.successRate) : '—'}{' '}
            <span className="muted">
              ({c.stats.successCount}/{decided})
              {c.stats.cancelledCount ? ` · ${c.stats.cancelledCount} cancelled` : ''}
            </span>
          </dd>
        </div>
        <div>
          <dt>Last run</dt>
          <dd>
            {running ? (
              'running now'
            ) : last ? (
              <>
                {words(last.status)} · <When iso={last.completedAt ?? last.startedAt} />
                <span className="muted">
                  {' '}
                  · {count(last.stats.recordsCreated)} created, {count(last.stats.recordsUpdated)}{' '}
                  updated, {count(last.stats.recordsSkipped)} skipped
                  {last.stats.recordsFailed ? `, ${count(last.stats.recordsFailed)} failed` : ''}
                </span>
              </>
            ) : (
              'never'
            )}
          </dd>
        </div>
        <div>
          <dt>Last test</dt>
          <dd>
            {testing.loading ? (
              'testing…'
            ) : lastTest ? (
              <>
                {lastTest.status === 'SUCCESS' ? 'passed' : words(lastTest.status)} ·{' '}
                <When iso={lastTest.completedAt ?? lastTest.startedAt} />
              </>
            ) : (
              'never'
            )}
          </dd>
        </div>
        <div>
          <dt>Schedule</dt>
          <dd>
            {!canSync ? (
              <span className="muted">not for this kind</span>
            ) : (
              <>
                {scheduleInWords(c)}
                {c.status === 'PAUSED' ? (
                  <>
                    {' · '}
                    <span className="muted">paused</span>
                  </>
                ) : c.schedule.nextRunAt ? (
                  <span className="muted">
                    {' '}
                    · next {dateTime(c.schedule.nextRunAt, c.schedule.timezone)}
                  </span>
                ) : null}
              </>
            )}
          </dd>
        </div>
      </dl>
      {errorLine ? (
        <p className="field-error" role="alert">
          {errorLine}
        </p>
      ) : lastTest?.status === 'FAILED' && lastTest.errorMessage ? (
        <p className="muted">Last test failed: {lastTest.errorMessage}</p>
      ) : null}
      {live ? (
        <div className="live">
          <span className="muted">
            {live.run.type.toLowerCase()} run · {words(live.status)}
          </span>
          <RunProgressBar label={`Progress of ${c.name}`} progress={live.progress} />
        </div>
      ) : null}
      <div className="actions" role="group" aria-label={`Actions for ${c.name}`}>
        {operate ? (
          <button
            type="button"
            disabled={testing.loading}
            aria-busy={testing.loading}
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
            {testing.loading ? 'Testing…' : 'Test'}
          </button>
        ) : null}
        {operate && canSync ? (
          <button
            type="button"
            disabled={c.status === 'PAUSED' || running || starting.loading}
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
        ) : null}
        <button
          type="button"
          onClick={() => navigate(`/connectors/${encodeURIComponent(c.id)}/history`)}
        >
          History
        </button>
        {c.kind === 'WOOCOMMERCE' ? (
          <button
            type="button"
            onClick={() => navigate(`/connectors/${encodeURIComponent(c.id)}/shop`)}
          >
            Shop records
          </button>
        ) : null}
        {operate && canBackfill ? (
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
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        ) : null}
      </div>
      {!canSync ? (
        <p className="muted small">
          {c.kind} connectors cannot sync yet: they can be tested, not run or scheduled.
        </p>
      ) : null}
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete ${c.name}?`}
        confirmLabel="Yes, delete"
        cancelLabel="Keep"
        danger
        busy={removing.loading}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={async () => {
          const ok = await act(
            'Delete',
            async () => (await remove({ variables: { id: c.id } })).data?.deleteConnector,
            `${c.name} deleted`,
          );
          setConfirmDelete(false);
          if (ok) onDeleted();
        }}
      >
        <p>Its runs, logs and stored secrets go with it. The records it synced stay.</p>
      </ConfirmDialog>
      {backfill ? (
        <form
          className="inline-form"
          aria-label={`Backfill ${c.name}`}
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const local: Record<string, string[]> = {};
            if (!backfill.from) local.from = ['Pick the first day'];
            if (!backfill.to) local.to = ['Pick the last day'];
            if (backfill.from && backfill.to && backfill.from > backfill.to)
              local.to = ['The last day is before the first'];
            if (Object.keys(local).length) {
              setErrors(local);
              // Focus goes to the first field at fault.
              requestAnimationFrame(() =>
                form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
              );
              return;
            }
            const ok = await act(
              'Backfill',
              async () =>
                (await backfillConnector({ variables: { input: { id: c.id, ...backfill } } })).data
                  ?.backfillConnector,
              `Backfill ${backfill.from} – ${backfill.to} (UTC days) queued`,
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
            To (UTC day, inclusive)
            <input
              type="date"
              value={backfill.to}
              aria-invalid={!!errors.to}
              aria-describedby={errors.to ? `bf-to-${c.id}` : undefined}
              onChange={(e) => setBackfill({ ...backfill, to: e.target.value })}
            />
            <FieldError id={`bf-to-${c.id}`} messages={errors.to} />
          </label>
          <button type="submit" className="primary" disabled={queueing.loading}>
            Queue backfill
          </button>
        </form>
      ) : null}
    </li>
  );
}
