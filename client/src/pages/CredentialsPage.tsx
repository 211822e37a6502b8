import { useQuery } from '@apollo/client';
import { useEffect, useState } from 'react';
import { Pager, useCursorPages } from '../components/Pager';
import type { CredentialStatus } from '../gql/graphql';
import { count, dateTime } from '../lib/format';
import { Link } from '../lib/router';
import { CREDENTIAL, CREDENTIALS, VERIFY_CREDENTIAL } from '../queries';

export function CredentialsPage() {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<CredentialStatus | ''>('');
  const pages = useCursorPages();
  const { reset } = pages;
  useEffect(() => {
    const t = setTimeout(() => {
      setSearch(typed.trim());
      reset();
    }, 250);
    return () => clearTimeout(t);
  }, [typed, reset]);
  const { data, error } = useQuery(CREDENTIALS, {
    variables: {
      search: search || undefined,
      status: status || undefined,
      after: pages.after,
    },
  });
  const page = data?.credentials;
  return (
    <section>
      <div className="page-head">
        <h1>Credentials</h1>
      </div>
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search credentials"
          placeholder="Search uid, external id, email or title"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <select
          aria-label="Status"
          value={status}
          onChange={(e) => (setStatus(e.target.value as CredentialStatus | ''), pages.reset())}
        >
          <option value="">Any status</option>
          <option value="ISSUED">Issued</option>
          <option value="UNCLAIMED">Unclaimed</option>
          <option value="REVOKED">Revoked</option>
        </select>
      </div>
      {error ? <p className="field-error">{error.message}</p> : null}
      {page ? <p className="muted">{count(page.totalCount)} credentials</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Learner</th>
              <th>Issuer</th>
              <th>Title</th>
              <th>Status</th>
              <th>Anchor</th>
              <th>Issued</th>
            </tr>
          </thead>
          <tbody>
            {page?.edges.map(({ node: c }) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/credential/${encodeURIComponent(c.id)}`}>{c.learnerEmail}</Link>
                </td>
                <td>{c.issuer.name}</td>
                <td>{c.title}</td>
                <td>
                  <span className={`badge cred-${c.status.toLowerCase()}`}>{c.status}</span>
                </td>
                <td>
                  <span className={`badge anchor-${c.anchor.status.toLowerCase()}`}>
                    {c.anchor.status}
                  </span>
                </td>
                <td>{dateTime(c.issuedAt)}</td>
              </tr>
            ))}
            {page && page.edges.length === 0 ? (
              <tr>
                <td colSpan={6} className="muted">
                  No credentials match.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pager pages={pages} pageInfo={page?.pageInfo} />
    </section>
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
    ['Completed', dateTime(c.completionDate)],
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
        <h1>{c.title}</h1>
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
