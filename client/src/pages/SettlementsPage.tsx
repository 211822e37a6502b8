import { useQuery } from '@apollo/client';
import { useEffect, useState } from 'react';
import { Pager, useCursorPages } from '../components/Pager';
import { graphql } from '../gql';
import { count, dateTime } from '../lib/format';
import { formatAmount } from '../lib/money';
import { Link } from '../lib/router';

const SETTLEMENTS = graphql(`
  query Settlements($filter: SettlementFilter, $after: String) {
    settlements(first: 25, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          bankReference
          amount
          currency
          valueDate
          txnId
          lineNumber
          sourceFile {
            id
            name
          }
          connector {
            id
            name
          }
        }
      }
    }
  }
`);

const BANK_CONNECTORS = graphql(`
  query BankConnectors {
    sftp: connectors(first: 100, kind: BANK_SFTP) {
      edges {
        node {
          id
          name
        }
      }
    }
    api: connectors(first: 100, kind: BANK_API) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const SOURCE_FILES = graphql(`
  query SourceFiles($connectorId: ID, $after: String) {
    sourceFiles(first: 25, after: $after, connectorId: $connectorId) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          status
          rows
          sizeBytes
          cycleDate
          detail
          createdAt
          run {
            id
          }
        }
      }
    }
  }
`);

/** A BANK_SFTP connector's file ledger: every file each run looked at, newest first. */
export function SourceFileLedger({ connectorId }: { connectorId: string }) {
  const pages = useCursorPages();
  const { data, error } = useQuery(SOURCE_FILES, {
    variables: { connectorId, after: pages.after },
  });
  const page = data?.sourceFiles;
  return (
    <section aria-label="File ledger">
      <h2>File ledger</h2>
      {error ? <p className="field-error">{error.message}</p> : null}
      {page ? <p className="muted">{count(page.totalCount)} files looked at</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>File</th>
              <th>Status</th>
              <th className="num">Rows</th>
              <th>Cycle date</th>
              <th>Reason / changes</th>
              <th>When</th>
            </tr>
          </thead>
          <tbody>
            {page?.edges.map(({ node: f }) => (
              <tr key={f.id}>
                <td className="mono">{f.name}</td>
                <td>
                  <span className={`badge file-${f.status.toLowerCase()}`}>{f.status}</span>
                </td>
                <td className="num">{count(f.rows)}</td>
                <td>{f.cycleDate ?? '—'}</td>
                <td>{f.detail ?? '—'}</td>
                <td>
                  {f.run ? (
                    <Link to={`/runs/${encodeURIComponent(f.run.id)}`}>
                      {dateTime(f.createdAt)}
                    </Link>
                  ) : (
                    dateTime(f.createdAt)
                  )}
                </td>
              </tr>
            ))}
            {page && page.edges.length === 0 ? (
              <tr>
                <td colSpan={6} className="muted">
                  No files yet.
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

/** Bank settlements, newest first; amounts exact, as the bank sent them. */
export function SettlementsPage() {
  const pages = useCursorPages();
  const { reset } = pages;
  const [connectorId, setConnectorId] = useState('');
  const [valueDate, setValueDate] = useState('');
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const value = typed.trim();
    if (value === search) return;
    const t = setTimeout(() => (setSearch(value), reset()), 250);
    return () => clearTimeout(t);
  }, [typed, search, reset]);
  const connectors = useQuery(BANK_CONNECTORS);
  const sftpIds = new Set(connectors.data?.sftp.edges.map(({ node }) => node.id) ?? []);
  const { data, error, loading } = useQuery(SETTLEMENTS, {
    variables: {
      after: pages.after,
      filter: {
        connectorId: connectorId || undefined,
        valueDate: valueDate || undefined,
        search: search || undefined,
      },
    },
  });
  const page = data?.settlements;
  const banks = [...(connectors.data?.sftp.edges ?? []), ...(connectors.data?.api.edges ?? [])];
  return (
    <section>
      <div className="page-head">
        <h1>Settlements</h1>
      </div>
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search settlements"
          placeholder="Exact bank reference or txn id"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <select
          aria-label="Connector"
          value={connectorId}
          onChange={(e) => (setConnectorId(e.target.value), reset())}
        >
          <option value="">Any bank</option>
          {banks.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {node.name}
            </option>
          ))}
        </select>
        <input
          type="date"
          aria-label="Value date"
          value={valueDate}
          onChange={(e) => (setValueDate(e.target.value), reset())}
        />
      </div>
      {error ? <p className="field-error">{error.message}</p> : null}
      {page ? <p className="muted">{count(page.totalCount)} settlements</p> : null}
      {loading && !page ? <p className="muted">Loading…</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Bank reference</th>
              <th className="num">Amount</th>
              <th>Value date</th>
              <th>Txn id</th>
              <th>File (line)</th>
              <th>Bank</th>
            </tr>
          </thead>
          <tbody>
            {page?.edges.map(({ node: s }) => (
              <tr key={s.id}>
                <td className="mono">{s.bankReference}</td>
                <td className="num mono">{formatAmount(s.amount, s.currency)}</td>
                <td>{s.valueDate}</td>
                <td className="mono">{s.txnId ?? '—'}</td>
                <td className="mono">
                  {s.sourceFile ? `${s.sourceFile.name} (${s.lineNumber ?? '—'})` : '—'}
                </td>
                <td>
                  {s.connector ? (
                    <Link to={`/connectors/${encodeURIComponent(s.connector.id)}/history`}>
                      {s.connector.name}
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
            {page && page.edges.length === 0 ? (
              <tr>
                <td colSpan={6} className="muted">
                  No settlements match.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pager pages={pages} pageInfo={page?.pageInfo} />
      {connectorId && sftpIds.has(connectorId) ? (
        <SourceFileLedger connectorId={connectorId} />
      ) : null}
    </section>
  );
}
