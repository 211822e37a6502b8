import { useQuery } from '@apollo/client';
import { useEffect, useState } from 'react';
import { ListTable } from '../components/ListTable';
import { Pager, useCursorPages } from '../components/Pager';
import { graphql } from '../gql';
import { count, dateTime } from '../lib/format';

export const AUDIT_LOG = graphql(`
  query AuditLog($action: String, $actor: String, $after: String) {
    auditLog(first: 50, after: $after, action: $action, actor: $actor) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          at
          actor
          role
          action
          targetId
          input
          outcome
        }
      }
    }
  }
`);

// The run badges' colours: green, yellow, red.
const OUTCOME_CLASS: Record<string, string> = {
  OK: 'run-success',
  USER_ERROR: 'run-partial_success',
  ERROR: 'run-failed',
};

/** Every mutation made, newest first, 50 a page (ADMIN only). */
export function AuditPage() {
  const [typedAction, setTypedAction] = useState('');
  const [typedActor, setTypedActor] = useState('');
  const [filter, setFilter] = useState({ action: '', actor: '' });
  const pages = useCursorPages();
  const { reset } = pages;
  useEffect(() => {
    const t = setTimeout(() => {
      setFilter({ action: typedAction.trim(), actor: typedActor.trim() });
      reset();
    }, 250);
    return () => clearTimeout(t);
  }, [typedAction, typedActor, reset]);
  const { data, error } = useQuery(AUDIT_LOG, {
    variables: {
      action: filter.action || undefined,
      actor: filter.actor || undefined,
      after: pages.after,
    },
    fetchPolicy: 'cache-and-network',
  });
  const page = data?.auditLog;
  return (
    <section>
      <div className="page-head">
        <h1>Audit log</h1>
      </div>
      <div className="toolbar">
        <input
          type="search"
          aria-label="Action"
          placeholder="Mutation, e.g. updateConnector"
          value={typedAction}
          onChange={(e) => setTypedAction(e.target.value)}
        />
        <input
          type="search"
          aria-label="Actor"
          placeholder="Token, e.g. admin or token:ops"
          value={typedActor}
          onChange={(e) => setTypedActor(e.target.value)}
        />
      </div>
      {error ? <p className="field-error">{error.message}</p> : null}
      {page ? (
        <p className="muted">
          {count(page.totalCount)} {page.totalCount === 1 ? 'entry' : 'entries'} · page {pages.page}
        </p>
      ) : null}
      <ListTable
        columns={['When', 'Actor', 'Action', 'Target', 'Outcome', 'Input (secrets removed)']}
        empty={
          page && page.edges.length === 0
            ? `Nothing recorded${filter.action || filter.actor ? ' for this filter' : ''}.`
            : null
        }
      >
        {page?.edges.map(({ node: e }) => (
          <tr key={e.id}>
            <td>{dateTime(e.at)}</td>
            <td>
              {e.actor} <span className={`badge role-${e.role.toLowerCase()}`}>{e.role}</span>
            </td>
            <td>{e.action}</td>
            <td className="mono">{e.targetId ?? '—'}</td>
            <td>
              <span className={`badge ${OUTCOME_CLASS[e.outcome] ?? ''}`}>{e.outcome}</span>
            </td>
            <td>
              {e.input == null ? (
                '—'
              ) : (
                <details>
                  <summary>input</summary>
                  <pre>{JSON.stringify(e.input, null, 2)}</pre>
                </details>
              )}
            </td>
          </tr>
        ))}
      </ListTable>
      <Pager pages={pages} pageInfo={page?.pageInfo} />
    </section>
  );
}
