import { useQuery } from '@apollo/client';
import { useState } from 'react';
import { ConnectorLink, ConnectorSelect, ListTable } from '../components/ListTable';
import { Pager, useCursorPages } from '../components/Pager';
import { useTyped } from '../components/useTyped';
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
      <ListTable
        columns={[
          'File',
          'Status',
          { label: 'Rows', num: true },
          'Cycle date',
          'Reason / changes',
          'When',
        ]}
        empty={page && page.edges.length === 0 ? 'No files yet.' : null}
      >
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
                <Link to={`/runs/${encodeURIComponent(f.run.id)}`}>{dateTime(f.createdAt)}</Link>
              ) : (
                dateTime(f.createdAt)
              )}
            </td>
          </tr>
        ))}
      </ListTable>
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
  const [typed, search, setTyped] = useTyped(reset);
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
        <ConnectorSelect
          value={connectorId}
          onChange={(id) => (setConnectorId(id), reset())}
          any="Any bank"
          connectors={banks}
        />
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
      <ListTable
        columns={[
          'Bank reference',
          { label: 'Amount', num: true },
          'Value date',
          'Txn id',
          'File (line)',
          'Bank',
        ]}
        empty={page && page.edges.length === 0 ? 'No settlements match.' : null}
      >
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
              <ConnectorLink connector={s.connector} />
            </td>
          </tr>
        ))}
      </ListTable>
      <Pager pages={pages} pageInfo={page?.pageInfo} />
      {connectorId && sftpIds.has(connectorId) ? (
        <SourceFileLedger connectorId={connectorId} />
      ) : null}
    </section>
  );
}
