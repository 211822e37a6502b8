import { useMutation, useQuery } from '@apollo/client';
import { useEffect, useState } from 'react';
import { useAnnounce } from '../components/Announcer';
import { PageHeading } from '../components/PageHeading';
import { RunProgressBar } from '../components/RunProgressBar';
import { useToast } from '../components/Toasts';
import { graphql } from '../gql';
import { count, dateTime, words } from '../lib/format';
import { isEnded, useLiveRuns } from '../lib/live';
import { can } from '../lib/roles';
import { Link } from '../lib/router';
import { useSession } from '../session';

const SHOP = graphql(`
  query ShopRecords($id: ID!) {
    connector(id: $id) {
      id
      name
      kind
      config
    }
    productsMapped: records(connectorId: $id, entityType: "product", status: MAPPED, first: 0) {
      totalCount
    }
    productsFailed: records(connectorId: $id, entityType: "product", status: FAILED, first: 0) {
      totalCount
    }
    ordersMapped: records(connectorId: $id, entityType: "order", status: MAPPED, first: 0) {
      totalCount
    }
    ordersFailed: records(connectorId: $id, entityType: "order", status: FAILED, first: 0) {
      totalCount
    }
    failed: records(connectorId: $id, status: FAILED, first: 50) {
      edges {
        node {
          id
          entityType
          externalId
          reason
          error
          updatedAt
        }
      }
    }
  }
`);

const SAVE_RULES = graphql(`
  mutation SaveMappingRules($input: UpdateConnectorInput!) {
    updateConnector(input: $input) {
      connector {
        id
        config
      }
      userErrors {
        field
        message
      }
    }
  }
`);

const REMAP = graphql(`
  mutation RemapRecords($input: RemapRecordsInput!) {
    remapRecords(input: $input) {
      run {
        id
        status
      }
      userErrors {
        field
        message
      }
    }
  }
`);

/** Reads fresh after a change: the counts and the failed list must match the run just ended. */
const FRESH = { queryDeduplication: false, fetchPolicy: 'network-only' as const };

/**
 * A WooCommerce connector's records: products and orders by status, the
 * failed ones with their errors, the mapping rules (JSON, checked by the
 * API) and a Re-map that applies them to the stored records, live.
 */
export function ShopPage({ id }: { id: string }) {
  const { role } = useSession();
  const toast = useToast();
  const announce = useAnnounce();
  const { data, loading, error, refetch } = useQuery(SHOP, { variables: { id }, ...FRESH });
  const [save, saving] = useMutation(SAVE_RULES);
  const [remap, remapping] = useMutation(REMAP);
  const live = useLiveRuns({ connectorId: id });
  const event = live[id];
  const [rules, setRules] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [remapRun, setRemapRun] = useState<string | null>(null);
  const config = (data?.connector?.config ?? {}) as Record<string, unknown>;
  const stored = JSON.stringify(config.mappings ?? [], null, 2);

  // A run of this connector ended (a Re-map, a sync): read the counts again.
  const ended = event && isEnded(event.status) ? event.run.id : null;
  useEffect(() => {
    if (!ended) return;
    void refetch();
    if (ended === remapRun) announce('Re-map ended.');
  }, [ended, refetch, remapRun, announce]);

  if (error) return <p className="field-error">{error.message}</p>;
  if (loading && !data) return <p className="muted">Loading…</p>;
  const connector = data?.connector;
  if (!connector) return <p className="field-error">No such connector.</p>;
  const operate = can(role, 'operate');
  const configure = can(role, 'configure');
  const text = rules ?? stored;

  async function saveRules() {
    let mappings: unknown;
    try {
      mappings = JSON.parse(text);
    } catch (e) {
      setProblems([`not JSON: ${e instanceof Error ? e.message : String(e)}`]);
      return;
    }
    const result = await save({
      variables: { input: { id, config: { ...config, mappings } } },
    });
    const errors = result.data?.updateConnector.userErrors ?? [];
    setProblems(errors.map((e) => e.message));
    if (errors.length === 0) {
      setRules(null);
      toast('Mapping rules saved');
      void refetch();
    }
  }

  async function startRemap() {
    const result = await remap({ variables: { input: { connectorId: id } } });
    const payload = result.data?.remapRecords;
    if (payload?.userErrors.length) {
      toast(`Re-map failed: ${payload.userErrors.map((e) => e.message).join('; ')}`, 'error');
    } else if (payload?.run) {
      setRemapRun(payload.run.id);
      toast('Re-map queued');
    }
  }

  const counts: [string, number | undefined][] = [
    ['Products mapped', data?.productsMapped.totalCount],
    ['Products failed', data?.productsFailed.totalCount],
    ['Orders mapped', data?.ordersMapped.totalCount],
    ['Orders failed', data?.ordersFailed.totalCount],
  ];
  const failed = data?.failed.edges.map((e) => e.node) ?? [];
  return (
    <section>
      <PageHeading title={`${connector.name}: shop records`} />
      <p className="muted">
        <Link to="/connectors">Connectors</Link> ·{' '}
        <Link to={`/connectors/${encodeURIComponent(id)}/history`}>History</Link>
      </p>
      <dl className="facts" aria-label="Records by status">
        {counts.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{n === undefined ? '—' : count(n)}</dd>
          </div>
        ))}
      </dl>

      {operate ? (
        <div className="actions">
          <button
            type="button"
            disabled={remapping.loading || (!!event && !isEnded(event.status))}
            onClick={() => void startRemap()}
          >
            Re-map
          </button>
        </div>
      ) : null}
      {event ? (
        <div className="live">
          <span className="muted">
            {event.run.type.toLowerCase()} run · {words(event.status)}
          </span>
          <RunProgressBar label={`Progress of ${connector.name}`} progress={event.progress} />
        </div>
      ) : null}

      <h2>Failed records</h2>
      {failed.length === 0 ? (
        <p className="muted">No failed records.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Shop id</th>
                <th scope="col">Reason</th>
                <th scope="col">Error</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {failed.map((r) => (
                <tr key={r.id}>
                  <td>{r.entityType}</td>
                  <td>{r.externalId}</td>
                  <td>{r.reason ? words(r.reason) : '—'}</td>
                  <td>{r.error}</td>
                  <td>{dateTime(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Mapping rules</h2>
      <p className="muted">
        A JSON list of {'{ entity, target, source, transform, map?, default? }'}; each replaces the
        default rule of its entity and target.
      </p>
      <label htmlFor="mapping-rules">Mapping rules (JSON)</label>
      <textarea
        id="mapping-rules"
        rows={12}
        cols={80}
        spellCheck={false}
        readOnly={!configure}
        value={text}
        aria-invalid={problems.length > 0}
        aria-describedby={problems.length > 0 ? 'mapping-rules-errors' : undefined}
        onChange={(e) => setRules(e.target.value)}
      />
      {problems.length > 0 ? (
        <ul id="mapping-rules-errors" className="field-error" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {configure ? (
        <div className="actions">
          <button type="button" disabled={saving.loading} onClick={() => void saveRules()}>
            Save rules
          </button>
        </div>
      ) : null}
    </section>
  );
}
