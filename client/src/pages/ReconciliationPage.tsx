import { useMutation, useQuery, useSubscription } from '@apollo/client';
import { useState } from 'react';
import { ListTable } from '../components/ListTable';
import { Pager, useCursorPages } from '../components/Pager';
import { useToast } from '../components/Toasts';
import { graphql } from '../gql';
import type { ReconStatus, ReconSummaryFieldsFragment } from '../gql/graphql';
import { count, dateTime } from '../lib/format';
import { groupDigits } from '../lib/money';
import { can } from '../lib/roles';
import { loadToken } from '../lib/session';
import { useSession } from '../session';

/** What every view of a reconciliation shows (registered with codegen as a fragment). */
export const SUMMARY_FIELDS = graphql(`
  fragment ReconSummaryFields on ReconciliationSummary {
    id
    cycleDate
    status
    dryRun
    pgCount
    bankCount
    matchedCount
    exceptionCount
    matchRate
    pgAmount
    bankAmount
    matchedAmount
    exceptionsCsvUrl
    triggeredBy
    errorMessage
    completedAt
    durationSeconds
    rules {
      amountTolerance
      amountTolerancePercent
      dateWindowDays
    }
    pgConnector {
      id
      name
    }
    bankConnector {
      id
      name
    }
    byStatus {
      status
      count
      amount
    }
    byRule {
      rule
      count
      amount
    }
  }
`);

const RECON_CONNECTORS = graphql(`
  query ReconConnectors {
    pgApi: connectors(first: 100, kind: PG_API) {
      edges {
        node {
          id
          name
          kind
          config
        }
      }
    }
    pgDatabase: connectors(first: 100, kind: PG_DATABASE) {
      edges {
        node {
          id
          name
          kind
          config
        }
      }
    }
    sftp: connectors(first: 100, kind: BANK_SFTP) {
      edges {
        node {
          id
          name
          kind
          config
        }
      }
    }
    bankApi: connectors(first: 100, kind: BANK_API) {
      edges {
        node {
          id
          name
          kind
          config
        }
      }
    }
  }
`);

const CYCLE = graphql(`
  query ReconCycle($cycleDate: Date!, $pg: ID, $bank: ID) {
    reconciliation(cycleDate: $cycleDate, pgConnectorId: $pg, bankConnectorId: $bank) {
      ...ReconSummaryFields
    }
    reconciliations(first: 20, cycleDate: $cycleDate) {
      edges {
        node {
          ...ReconSummaryFields
        }
      }
    }
  }
`);

const EXCEPTIONS = graphql(`
  query ReconExceptions($id: ID!, $status: ReconStatus, $resolved: Boolean, $after: String) {
    node(id: $id) {
      ... on ReconciliationSummary {
        id
        exceptions(first: 25, after: $after, status: $status, resolved: $resolved) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              status
              pgTransactionId
              bankReference
              pgAmount
              bankAmount
              difference
              detail
              resolved
              resolvedBy
              resolvedAt
              resolutionNote
              transactions {
                id
                txnId
              }
              settlements {
                id
                bankReference
                valueDate
              }
            }
          }
        }
      }
    }
  }
`);

const RUN_RECONCILIATION = graphql(`
  mutation RunReconciliation($input: RunReconciliationInput!) {
    runReconciliation(input: $input) {
      reconciliation {
        ...ReconSummaryFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

const RESOLVE = graphql(`
  mutation ResolveReconException($input: ResolveReconExceptionInput!) {
    resolveReconException(input: $input) {
      exception {
        id
        resolved
        resolvedBy
        resolvedAt
        resolutionNote
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

const RECON_UPDATED = graphql(`
  subscription ReconciliationUpdated($cycleDate: Date) {
    reconciliationUpdated(cycleDate: $cycleDate) {
      ...ReconSummaryFields
    }
  }
`);

const EXCEPTION_STATUSES: ReconStatus[] = [
  'AMOUNT_MISMATCH' as ReconStatus,
  'DUPLICATE' as ReconStatus,
  'MISSING_IN_BANK' as ReconStatus,
  'MISSING_IN_PG' as ReconStatus,
];

type Conn = { node: { id: string; name: string; kind: string; config: unknown } };

const isSettlementDb = (c: Conn) =>
  (c.node.config as { entity?: string } | null)?.entity === 'settlement';

/** Yesterday (UTC), the cycle a bank settles today. */
function yesterday(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

const label = (text: string) => text.replace(/_/g, ' ').toLowerCase();

/** Counts as horizontal bars, widths relative to the largest; the exact amount beside each. */
function Bars({
  title,
  rows,
}: {
  title: string;
  rows: { key: string; label: string; count: number; amount: string }[];
}) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <figure className="recon-bars" aria-label={title}>
      <figcaption>{title}</figcaption>
      {rows.map((r) => (
        <div className="recon-bar" key={r.key} data-key={r.key}>
          <span className="recon-bar-label">{r.label}</span>
          <span className="recon-bar-track">
            <span
              className={`recon-bar-fill recon-${r.key.toLowerCase()}`}
              style={{ width: `${(r.count / max) * 100}%` }}
            />
          </span>
          <span className="recon-bar-figure num mono">
            {count(r.count)} · {groupDigits(r.amount)}
          </span>
        </div>
      ))}
    </figure>
  );
}

function Summary({ summary }: { summary: ReconSummaryFieldsFragment }) {
  const ended = ['SUCCESS', 'FAILED', 'CANCELLED', 'PARTIAL_SUCCESS'].includes(summary.status);
  return (
    <section aria-label="Reconciliation result" className="recon-summary">
      <p>
        <span className={`badge run-${summary.status.toLowerCase()}`} aria-label="Status">
          {summary.status}
        </span>{' '}
        {summary.dryRun ? <span className="badge">dry run</span> : null}{' '}
        <span className="muted">
          {summary.cycleDate} · {summary.pgConnector?.name ?? '—'} vs{' '}
          {summary.bankConnector?.name ?? '—'} · by {summary.triggeredBy}
          {summary.completedAt ? ` · ${dateTime(summary.completedAt)}` : ''}
          {summary.durationSeconds != null ? ` · ${summary.durationSeconds.toFixed(2)} s` : ''}
        </span>
      </p>
      {summary.errorMessage ? <p className="field-error">{summary.errorMessage}</p> : null}
      {ended && summary.status === 'SUCCESS' ? (
        <>
          <dl className="recon-figures">
            <div>
              <dt>Match rate</dt>
              <dd aria-label="Match rate">{(summary.matchRate * 100).toFixed(1)}%</dd>
            </div>
            <div>
              <dt>Matched</dt>
              <dd>
                {count(summary.matchedCount)} of {count(summary.pgCount)} ·{' '}
                {groupDigits(summary.matchedAmount)}
              </dd>
            </div>
            <div>
              <dt>Gateway</dt>
              <dd>{groupDigits(summary.pgAmount)}</dd>
            </div>
            <div>
              <dt>Bank</dt>
              <dd>
                {count(summary.bankCount)} · {groupDigits(summary.bankAmount)}
              </dd>
            </div>
            <div>
              <dt>Exceptions</dt>
              <dd aria-label="Exception count">{count(summary.exceptionCount)}</dd>
            </div>
          </dl>
          <div className="recon-charts">
            <Bars
              title="By status"
              rows={summary.byStatus.map((s) => ({
                key: s.status,
                label: label(s.status),
                count: s.count,
                amount: s.amount,
              }))}
            />
            <Bars
              title="Matched by rule"
              rows={summary.byRule.map((r) => ({
                key: r.rule,
                label: label(r.rule),
                count: r.count,
                amount: r.amount,
              }))}
            />
          </div>
        </>
      ) : null}
    </section>
  );
}

function Exceptions({ summary }: { summary: ReconSummaryFieldsFragment }) {
  const toast = useToast();
  const { role } = useSession();
  const pages = useCursorPages();
  const [status, setStatus] = useState('');
  const [resolved, setResolved] = useState('open');
  const [resolving, setResolving] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [downloading, setDownloading] = useState(false);
  const { data, error, refetch } = useQuery(EXCEPTIONS, {
    variables: {
      id: summary.id,
      after: pages.after,
      status: (status || undefined) as ReconStatus | undefined,
      resolved: resolved === 'all' ? undefined : resolved === 'resolved',
    },
  });
  const [resolve, resolveState] = useMutation(RESOLVE);
  const list = data?.node?.__typename === 'ReconciliationSummary' ? data.node.exceptions : null;

  const submit = async (id: string) => {
    const res = await resolve({ variables: { input: { id, note } } });
    const errors = res.data?.resolveReconException.userErrors ?? [];
    if (errors.length) {
      toast(errors.map((e) => e.message).join('; '), 'error');
      return;
    }
    toast('Exception resolved', 'success');
    setResolving(null);
    setNote('');
    await refetch();
  };

  const download = async () => {
    setDownloading(true);
    try {
      const res = await fetch(summary.exceptionsCsvUrl, {
        headers: { authorization: `Bearer ${loadToken() ?? ''}` },
      });
      if (!res.ok) throw new Error(`the server answered ${res.status}`);
      const name =
        /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
        'exceptions.csv';
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

  const operate = can(role, 'operate') && !summary.dryRun;
  return (
    <section aria-labelledby="exceptions-heading">
      <h2 id="exceptions-heading">Exceptions</h2>
      <div className="toolbar">
        <select
          aria-label="Exception status"
          value={status}
          onChange={(e) => (setStatus(e.target.value), pages.reset())}
        >
          <option value="">Any status</option>
          {EXCEPTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {label(s)}
            </option>
          ))}
        </select>
        <select
          aria-label="Resolution"
          value={resolved}
          onChange={(e) => (setResolved(e.target.value), pages.reset())}
        >
          <option value="open">Open</option>
          <option value="resolved">Resolved</option>
          <option value="all">All</option>
        </select>
        <button type="button" disabled={downloading} onClick={() => void download()}>
          Download CSV
        </button>
      </div>
      {error ? <p className="field-error">{error.message}</p> : null}
      {list ? <p className="muted">{count(list.totalCount)} exceptions</p> : null}
      <ListTable
        columns={[
          'Status',
          'Gateway txn',
          'Reference',
          { label: 'Gateway', num: true },
          { label: 'Bank', num: true },
          { label: 'Difference', num: true },
          'Detail',
          'Resolution',
        ]}
        empty={list && list.edges.length === 0 ? 'No exceptions match.' : null}
      >
        {list?.edges.map(({ node: e }) => (
          <tr key={e.id}>
            <td>
              <span className={`badge recon-${e.status.toLowerCase()}`}>{label(e.status)}</span>
            </td>
            <td className="mono">
              {e.transactions.map((t) => t.txnId).join(', ') || e.pgTransactionId || '—'}
            </td>
            <td className="mono">{e.bankReference ?? '—'}</td>
            <td className="num mono">{e.pgAmount ? groupDigits(e.pgAmount) : '—'}</td>
            <td className="num mono">{e.bankAmount ? groupDigits(e.bankAmount) : '—'}</td>
            <td className="num mono">{e.difference ? groupDigits(e.difference) : '—'}</td>
            <td>{e.detail ?? '—'}</td>
            <td>
              {e.resolved ? (
                <span>
                  {e.resolvedBy} · {e.resolvedAt ? dateTime(e.resolvedAt) : ''}: {e.resolutionNote}
                </span>
              ) : resolving === e.id ? (
                <form
                  onSubmit={(ev) => {
                    ev.preventDefault();
                    void submit(e.id);
                  }}
                >
                  <input
                    aria-label="Resolution note"
                    value={note}
                    maxLength={2000}
                    required
                    onChange={(ev) => setNote(ev.target.value)}
                  />
                  <button type="submit" disabled={resolveState.loading || !note.trim()}>
                    Save
                  </button>
                  <button type="button" onClick={() => setResolving(null)}>
                    Cancel
                  </button>
                </form>
              ) : operate ? (
                <button type="button" onClick={() => (setResolving(e.id), setNote(''))}>
                  Resolve
                </button>
              ) : (
                '—'
              )}
            </td>
          </tr>
        ))}
      </ListTable>
      <Pager pages={pages} pageInfo={list?.pageInfo} />
    </section>
  );
}

/**
 * Reconciliation of a cycle date and a (gateway, bank) pair: run it (or a
 * dry run), watch its status live, read the match rate and the amounts by
 * status and rule, and work the exceptions.
 */
export function ReconciliationPage() {
  const toast = useToast();
  const { role } = useSession();
  const [cycleDate, setCycleDate] = useState(yesterday);
  const [pg, setPg] = useState('');
  const [bank, setBank] = useState('');
  const [tolerance, setTolerance] = useState('0');
  const [percent, setPercent] = useState('0');
  const [windowDays, setWindowDays] = useState('1');
  const [dryRun, setDryRun] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const connectors = useQuery(RECON_CONNECTORS);
  const pgs = [
    ...(connectors.data?.pgApi.edges ?? []),
    ...(connectors.data?.pgDatabase.edges ?? []).filter((c) => !isSettlementDb(c)),
  ];
  const banks = [
    ...(connectors.data?.sftp.edges ?? []),
    ...(connectors.data?.bankApi.edges ?? []),
    ...(connectors.data?.pgDatabase.edges ?? []).filter(isSettlementDb),
  ];
  const { data, refetch } = useQuery(CYCLE, {
    variables: { cycleDate, pg: pg || undefined, bank: bank || undefined },
  });
  useSubscription(RECON_UPDATED, {
    variables: { cycleDate },
    onData: () => void refetch(),
  });
  const [runReconciliation, runState] = useMutation(RUN_RECONCILIATION);

  const all = data?.reconciliations.edges.map((e) => e.node) ?? [];
  const shown: ReconSummaryFieldsFragment | null =
    (selected ? all.find((r) => r.id === selected) : null) ?? data?.reconciliation ?? null;

  const run = async () => {
    const res = await runReconciliation({
      variables: {
        input: {
          cycleDate,
          pgConnectorId: pg || undefined,
          bankConnectorId: bank || undefined,
          amountTolerance: tolerance || '0',
          amountTolerancePercent: Number(percent) || 0,
          dateWindowDays: Number(windowDays),
          dryRun,
        },
      },
    });
    const payload = res.data?.runReconciliation;
    if (payload?.userErrors.length) {
      toast(payload.userErrors.map((e) => e.message).join('; '), 'error');
      return;
    }
    if (payload?.reconciliation) {
      setSelected(payload.reconciliation.id);
      toast(`Reconciliation of ${cycleDate} queued`, 'success');
      await refetch();
    }
  };

  return (
    <section>
      <div className="page-head">
        <h1>Reconciliation</h1>
      </div>
      <form
        className="toolbar recon-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <input
          type="date"
          aria-label="Cycle date"
          value={cycleDate}
          required
          onChange={(e) => (setCycleDate(e.target.value), setSelected(null))}
        />
        <select aria-label="Gateway connector" value={pg} onChange={(e) => setPg(e.target.value)}>
          <option value="">The only gateway</option>
          {pgs.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {node.name}
            </option>
          ))}
        </select>
        <select aria-label="Bank connector" value={bank} onChange={(e) => setBank(e.target.value)}>
          <option value="">The only bank</option>
          {banks.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {node.name}
            </option>
          ))}
        </select>
        <label>
          ± amount{' '}
          <input
            aria-label="Amount tolerance"
            inputMode="decimal"
            value={tolerance}
            onChange={(e) => setTolerance(e.target.value)}
          />
        </label>
        <label>
          ± %{' '}
          <input
            aria-label="Tolerance percent"
            inputMode="decimal"
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
          />
        </label>
        <label>
          window days{' '}
          <input
            aria-label="Window days"
            type="number"
            min={0}
            max={31}
            value={windowDays}
            onChange={(e) => setWindowDays(e.target.value)}
          />
        </label>
        <label>
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />{' '}
          Dry run
        </label>
        {can(role, 'operate') ? (
          <button type="submit" disabled={runState.loading}>
            Run reconciliation
          </button>
        ) : null}
      </form>
      {all.length > 1 ? (
        <div className="toolbar">
          <select
            aria-label="Result"
            value={shown?.id ?? ''}
            onChange={(e) => setSelected(e.target.value || null)}
          >
            {all.map((r) => (
              <option key={r.id} value={r.id}>
                {r.status} · {r.dryRun ? 'dry run · ' : ''}
                {r.pgConnector?.name ?? '—'} vs {r.bankConnector?.name ?? '—'} ·{' '}
                {r.completedAt ? dateTime(r.completedAt) : 'not ended'}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {shown ? (
        <>
          <Summary summary={shown} />
          {shown.status === 'SUCCESS' ? <Exceptions key={shown.id} summary={shown} /> : null}
        </>
      ) : (
        <p className="muted">No reconciliation of {cycleDate} yet.</p>
      )}
    </section>
  );
}
