import { useQuery } from '@apollo/client';
import { useState } from 'react';
import { ConnectorLink, ConnectorSelect, ListTable } from '../components/ListTable';
import { Pager, useCursorPages } from '../components/Pager';
import { useTyped } from '../components/useTyped';
import { graphql } from '../gql';
import { count, dateTime } from '../lib/format';
import { formatAmount } from '../lib/money';

const TRANSACTIONS = graphql(`
  query Transactions($filter: TransactionFilter, $after: String) {
    transactions(first: 25, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          txnId
          merchantCode
          amount
          currency
          status
          txnDate
          cycleDate
          bankReference
          paymentMode
          connector {
            id
            name
          }
        }
      }
    }
  }
`);

const GATEWAY_CONNECTORS = graphql(`
  query GatewayConnectors {
    connectors(first: 100, kind: PG_API) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/** Gateway transactions, newest first, with their filters; amounts exact, as sent. */
export function TransactionsPage() {
  const pages = useCursorPages();
  const { reset } = pages;
  const [connectorId, setConnectorId] = useState('');
  const [cycleDate, setCycleDate] = useState('');
  const [typedSearch, search, setSearch] = useTyped(reset);
  const [typedMerchant, merchantCode, setMerchant] = useTyped(reset);
  const [typedStatus, status, setStatus] = useTyped(reset);
  const connectors = useQuery(GATEWAY_CONNECTORS);
  const { data, error, loading } = useQuery(TRANSACTIONS, {
    variables: {
      after: pages.after,
      filter: {
        connectorId: connectorId || undefined,
        cycleDate: cycleDate || undefined,
        status: status || undefined,
        merchantCode: merchantCode || undefined,
        search: search || undefined,
      },
    },
  });
  const page = data?.transactions;
  return (
    <section>
      <div className="page-head">
        <h1>Transactions</h1>
      </div>
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search transactions"
          placeholder="Exact txn id or bank reference"
          value={typedSearch}
          onChange={(e) => setSearch(e.target.value)}
        />
        <ConnectorSelect
          value={connectorId}
          onChange={(id) => (setConnectorId(id), reset())}
          any="Any gateway"
          connectors={connectors.data?.connectors.edges ?? []}
        />
        <input
          type="date"
          aria-label="Cycle date"
          value={cycleDate}
          onChange={(e) => (setCycleDate(e.target.value), reset())}
        />
        <input
          type="text"
          aria-label="Status"
          placeholder="Status, e.g. SUCCESS"
          value={typedStatus}
          onChange={(e) => setStatus(e.target.value)}
        />
        <input
          type="text"
          aria-label="Merchant code"
          placeholder="Merchant code"
          value={typedMerchant}
          onChange={(e) => setMerchant(e.target.value)}
        />
      </div>
      {error ? <p className="field-error">{error.message}</p> : null}
      {page ? <p className="muted">{count(page.totalCount)} transactions</p> : null}
      {loading && !page ? <p className="muted">Loading…</p> : null}
      <ListTable
        columns={[
          'Txn id',
          'Merchant',
          { label: 'Amount', num: true },
          'Status',
          'Cycle date',
          'Txn time',
          'Bank reference',
          'Mode',
          'Gateway',
        ]}
        empty={page && page.edges.length === 0 ? 'No transactions match.' : null}
      >
        {page?.edges.map(({ node: t }) => (
          <tr key={t.id}>
            <td className="mono">{t.txnId}</td>
            <td>{t.merchantCode ?? '—'}</td>
            <td className="num mono">{formatAmount(t.amount, t.currency)}</td>
            <td>
              <span className={`badge txn-${t.status.toLowerCase()}`}>{t.status}</span>
            </td>
            <td>{t.cycleDate}</td>
            <td>{dateTime(t.txnDate)}</td>
            <td className="mono">{t.bankReference ?? '—'}</td>
            <td>{t.paymentMode ?? '—'}</td>
            <td>
              <ConnectorLink connector={t.connector} />
            </td>
          </tr>
        ))}
      </ListTable>
      <Pager pages={pages} pageInfo={page?.pageInfo} />
    </section>
  );
}
