import { useQuery } from '@apollo/client';
import { useState } from 'react';
import { ListTable } from '../components/ListTable';
import { PageHeading } from '../components/PageHeading';
import { SearchBox } from '../components/SearchBox';
import type { CredentialStatus } from '../gql/graphql';
import { count, dateOnly, dateTime } from '../lib/format';
import { Link, useSearchParams } from '../lib/router';
import { CREDENTIAL, CREDENTIALS, VERIFY_CREDENTIAL } from '../queries';

const STATUSES: CredentialStatus[] = ['ISSUED', 'UNCLAIMED', 'REVOKED'];
/** The server's deepest jump (credentials(offset:)). */
const MAX_OFFSET = 100_000;

const PAGE_SIZE = 25;

export function CredentialsPage() {
  const { params, set } = useSearchParams();
  const search = params.get('q') ?? '';
  const statusParam = params.get('status');
  const status = STATUSES.includes(statusParam as CredentialStatus)
    ? (statusParam as CredentialStatus)
    : undefined;
  const requested = Number(params.get('page') ?? '1');
  const page = Number.isInteger(requested) && requested >= 1 ? requested : 1;
  const { data, previousData, error } = useQuery(CREDENTIALS, {
    variables: {
      search: search || undefined,
      status,
      offset: Math.min((page - 1) * PAGE_SIZE, MAX_OFFSET),
    },
  });
  const list = (data ?? previousData)?.credentials;
  const pages = list ? Math.max(1, Math.ceil(list.totalCount / PAGE_SIZE)) : 1;
  const lastReachable = Math.min(pages, Math.floor(MAX_OFFSET / PAGE_SIZE) + 1);
  const go = (n: number) => set({ page: n > 1 ? String(n) : null });
  return (
    <section>
      <div className="page-head">
        <PageHeading title="Credentials" />
      </div>
      <div className="toolbar wrap-row">
        <SearchBox
          label="Search credentials"
          placeholder="Search uid, external id, email or title"
          value={search}
          onChange={(q) => set({ q, page: null }, { replace: true })}
        />
        <label className="inline-label">
          Status
          <select
            value={status ?? ''}
            onChange={(e) => set({ status: e.target.value || null, page: null })}
          >
            <option value="">Any status</option>
            <option value="ISSUED">Issued</option>
            <option value="UNCLAIMED">Unclaimed</option>
            <option value="REVOKED">Revoked</option>
          </select>
        </label>
      </div>
      {error ? <p className="field-error">{error.message}</p> : null}
      {list ? <p className="muted">{count(list.totalCount)} credentials</p> : null}
      <ListTable
        label="Credentials table"
        className="stack"
        columns={['Learner', 'Issuer', 'Title', 'Status', 'Anchor', 'Issued']}
        empty={list && list.edges.length === 0 ? 'No credentials match.' : null}
      >
        {list?.edges.map(({ node: c }) => (
          <tr key={c.id}>
            <td data-label="Learner">
              <Link to={`/credential/${encodeURIComponent(c.id)}`}>{c.learnerEmail}</Link>
            </td>
            <td data-label="Issuer">{c.issuer.name}</td>
            <td data-label="Title">{c.title}</td>
            <td data-label="Status">
              <span className={`badge cred-${c.status.toLowerCase()}`}>{c.status}</span>
            </td>
            <td data-label="Anchor">
              <span className={`badge anchor-${c.anchor.status.toLowerCase()}`}>
                {c.anchor.status}
              </span>
            </td>
            <td data-label="Issued">{dateTime(c.issuedAt)}</td>
          </tr>
        ))}
      </ListTable>
      <PageNumbers page={page} pages={lastReachable} onGo={go} />
    </section>
  );
}

/** Numbered pages around the current one, first and last, and a jump to any page. */
function PageNumbers({
  page,
  pages,
  onGo,
}: {
  page: number;
  pages: number;
  onGo(n: number): void;
}) {
  const [jump, setJump] = useState('');
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  return (
    <nav className="pager page-numbers" aria-label="Credential pages">
      <button type="button" disabled={page <= 1} onClick={() => onGo(page - 1)}>
        Previous
      </button>
      <ol>
        {shown.map((n, i) => (
          <li key={n}>
            {i > 0 && n - shown[i - 1] > 1 ? (
              <span className="muted" aria-hidden="true">
                …{' '}
              </span>
            ) : null}
            <button
              type="button"
              aria-current={n === page ? 'page' : undefined}
              aria-label={`Page ${n}`}
              onClick={() => onGo(n)}
            >
              {n}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" disabled={page >= pages} onClick={() => onGo(page + 1)}>
        Next
      </button>
      <form
        className="jump"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(jump);
          if (Number.isInteger(n) && n >= 1 && n <= pages) {
            onGo(n);
            setJump('');
          }
        }}
      >
        <label className="inline-label">
          Go to page
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={pages}
            value={jump}
            onChange={(e) => setJump(e.target.value)}
          />
        </label>
        <button type="submit">Go</button>
      </form>
    </nav>
  );
}

/** One credential, its anchor, and the checks `verifyCredential` makes on it. */
export function CredentialDetailPage({ id }: { id: string }) {
  const { data, loading, error } = useQuery(CREDENTIAL, { variables: { id } });
  if (error) return <p className="field-error">{error.message}</p>;
  if (loading && !data) return <p className="muted">Loading…</p>;
  const c = data?.credential;
  if (!c) return <p className="field-error">No such credential.</p>;
  const rows: [string, React.ReactNode][] = [
    ['UID', <span className="mono">{c.uid}</span>],
    ['External id', <span className="mono">{c.externalId}</span>],
    [
      'Learner',
      c.learner ? `${c.learner.email} (registered)` : `${c.learnerEmail} (not registered)`,
    ],
    ['Issuer', `${c.issuer.name}${c.issuer.providerId ? ` (${c.issuer.providerId})` : ''}`],
    ['Status', <span className={`badge cred-${c.status.toLowerCase()}`}>{c.status}</span>],
    ['Issued', dateTime(c.issuedAt)],
    // A calendar date: the same day wherever the viewer is.
    ['Completed', dateOnly(c.completionDate)],
    ['Hours', c.maxHours ?? '—'],
    [
      'Synced by',
      c.connector ? (
        <Link to={`/connectors/${encodeURIComponent(c.connector.id)}/history`}>
          {c.connector.name}
        </Link>
      ) : (
        'deleted connector'
      ),
    ],
    ['Stored', dateTime(c.createdAt)],
    ['Data hash', <span className="mono wrap">{c.dataHash}</span>],
    [
      'Anchor',
      <span className={`badge anchor-${c.anchor.status.toLowerCase()}`}>{c.anchor.status}</span>,
    ],
    ...(c.anchor.merkleRoot
      ? ([['Merkle root', <span className="mono wrap">{c.anchor.merkleRoot}</span>]] as [
          string,
          React.ReactNode,
        ][])
      : []),
    ...(c.anchor.txHash
      ? ([
          [
            'Transaction',
            <span className="mono wrap">
              {c.anchor.txHash} (chain {c.anchor.chainId}, block {c.anchor.blockNumber})
            </span>,
          ],
        ] as [string, React.ReactNode][])
      : []),
    ...(c.anchor.anchoredAt
      ? ([['Anchored', dateTime(c.anchor.anchoredAt)]] as [string, React.ReactNode][])
      : []),
  ];
  return (
    <section>
      <div className="page-head">
        <PageHeading title={c.title} />
        <Link to="/credentials">← Credentials</Link>
      </div>
      <dl className="detail">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <Verification uid={c.uid} />
      <h2>Metadata</h2>
      <pre className="mono">{JSON.stringify(c.metadata, null, 2)}</pre>
    </section>
  );
}

function Verification({ uid }: { uid: string }) {
  const { data, loading, error, refetch } = useQuery(VERIFY_CREDENTIAL, {
    variables: { uid },
    fetchPolicy: 'network-only',
  });
  const v = data?.verifyCredential;
  return (
    <>
      <h2>
        Verification{' '}
        {v ? (
          <span className={`badge ${v.valid ? 'run-success' : 'run-failed'}`}>
            {v.valid ? 'VALID' : 'NOT VALID'}
          </span>
        ) : null}{' '}
        <button type="button" onClick={() => void refetch()} disabled={loading}>
          Check again
        </button>
      </h2>
      {error ? <p className="field-error">{error.message}</p> : null}
      {v ? (
        <ul className="checks" aria-label="Verification checks">
          {v.checks.map((check) => (
            <li key={check.name} className={check.passed ? 'pass' : 'fail'}>
              <span aria-hidden="true">{check.passed ? '✓' : '✗'}</span>{' '}
              <strong>{check.name}</strong> {check.passed ? 'passed' : 'failed'}
              {check.detail ? <span className="muted"> — {check.detail}</span> : null}
            </li>
          ))}
        </ul>
      ) : loading ? (
        <p className="muted">Checking…</p>
      ) : null}
    </>
  );
}
