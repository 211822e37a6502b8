import { useMutation, useQuery } from '@apollo/client';
import { useState } from 'react';
import { ListTable } from '../components/ListTable';
import { Pager, useCursorPages } from '../components/Pager';
import { useToast } from '../components/Toasts';
import { graphql } from '../gql';
import type { DeliveryStatus, EventType } from '../gql/graphql';
import { count, dateTime, words } from '../lib/format';
import { useSession } from '../session';

export const EVENTS = graphql(`
  query Events($type: EventType, $deliveryStatus: DeliveryStatus, $after: String) {
    events(first: 25, after: $after, type: $type, deliveryStatus: $deliveryStatus) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          type
          key
          payload
          createdAt
          deliveries {
            sink
            status
            attempts
            lastError
            nextAttemptAt
            deliveredAt
            webhook {
              id
              url
            }
          }
        }
      }
    }
  }
`);

export const REPLAY_EVENT = graphql(`
  mutation ReplayEvent($id: ID!) {
    replayEvent(id: $id) {
      event {
        id
        deliveries {
          sink
          status
          attempts
          lastError
          nextAttemptAt
          deliveredAt
        }
      }
      userErrors {
        code
        message
      }
    }
  }
`);

const TYPES: EventType[] = [
  'CREDENTIAL_ISSUED',
  'CREDENTIAL_CLAIMED',
  'RUN_COMPLETED',
  'RUN_FAILED',
  'RECONCILIATION_COMPLETED',
];
const STATUSES: DeliveryStatus[] = ['PENDING', 'DELIVERED', 'FAILED', 'DEAD'];

// The run badges' colours: green, yellow, red.
const STATUS_CLASS: Record<DeliveryStatus, string> = {
  DELIVERED: 'run-success',
  PENDING: 'run-queued',
  FAILED: 'run-cancelled',
  DEAD: 'run-failed',
};

/** Events newest first with their deliveries (status, attempts, last error), and Replay. */
export function EventsPage() {
  const [type, setType] = useState<EventType | ''>('');
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const pages = useCursorPages();
  const toast = useToast();
  const { role } = useSession();
  const canReplay = role === 'ADMIN' || role === 'OPERATOR';
  const { data, error, refetch } = useQuery(EVENTS, {
    variables: {
      type: type || undefined,
      deliveryStatus: status || undefined,
      after: pages.after,
    },
    fetchPolicy: 'cache-and-network',
    pollInterval: 5_000,
  });
  const [replay, replaying] = useMutation(REPLAY_EVENT);
  const page = data?.events;

  async function onReplay(id: string) {
    try {
      // The header's health badge counts dead deliveries: it refreshes with the list.
      const result = await replay({ variables: { id }, refetchQueries: ['SyncHealth'] });
      const errors = result.data?.replayEvent.userErrors ?? [];
      if (errors.length)
        toast(`Replay failed: ${errors.map((e) => e.message).join('; ')}`, 'error');
      else toast('Event queued again');
      await refetch();
    } catch (e) {
      toast(`Replay failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  }

  return (
    <section>
      <div className="page-head">
        <h1>Events</h1>
      </div>
      <div className="toolbar">
        <label>
          Type{' '}
          <select
            value={type}
            onChange={(e) => {
              setType(e.target.value as EventType | '');
              pages.reset();
            }}
          >
            <option value="">All types</option>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {words(t)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Delivery{' '}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as DeliveryStatus | '');
              pages.reset();
            }}
          >
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? <p className="field-error">{error.message}</p> : null}
      {page ? (
        <p className="muted">
          {count(page.totalCount)} {page.totalCount === 1 ? 'event' : 'events'} · page {pages.page}
        </p>
      ) : null}
      <ListTable
        columns={['When', 'Type', 'Key', 'Deliveries', '']}
        empty={page && page.edges.length === 0 ? 'No events.' : null}
      >
        {page?.edges.map(({ node: e }) => (
          <tr key={e.id} data-event-id={e.id}>
            <td>{dateTime(e.createdAt)}</td>
            <td>
              {words(e.type)}
              <details>
                <summary>data</summary>
                <pre>{JSON.stringify(e.payload, null, 2)}</pre>
              </details>
            </td>
            <td className="mono">{e.key ?? '—'}</td>
            <td className="wrap">
              {e.deliveries.length === 0 ? (
                <span className="muted">none (no webhook or sink took it)</span>
              ) : (
                <ul className="deliveries">
                  {e.deliveries.map((d, i) => (
                    <li key={i}>
                      <span className={`badge ${STATUS_CLASS[d.status]}`}>{d.status}</span>{' '}
                      <span className="mono">{d.webhook?.url ?? d.sink}</span> · {d.attempts}{' '}
                      {d.attempts === 1 ? 'attempt' : 'attempts'}
                      {d.deliveredAt ? ` · delivered ${dateTime(d.deliveredAt)}` : ''}
                      {d.nextAttemptAt ? ` · next ${dateTime(d.nextAttemptAt)}` : ''}
                      {d.lastError ? (
                        <span className={d.status === 'DELIVERED' ? 'muted' : 'field-error'}>
                          {' '}
                          · last error: {d.lastError}
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>
              {canReplay ? (
                <button
                  type="button"
                  disabled={replaying.loading}
                  onClick={() => void onReplay(e.id)}
                  aria-label={`Replay event ${e.id}`}
                >
                  Replay
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </ListTable>
      <Pager pages={pages} pageInfo={page?.pageInfo} />
    </section>
  );
}
