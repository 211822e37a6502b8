import { useMutation, useQuery } from '@apollo/client';
import { useState } from 'react';
import { ConnectorForm } from '../components/ConnectorForm';
import { InboundWebhookPanel } from '../components/InboundWebhookPanel';
import { PageHeading } from '../components/PageHeading';
import { useKinds } from '../lib/capabilities';
import { useToast } from '../components/Toasts';
import type { FieldErrors } from '../lib/connector-form';
import type { AuthType, Kind } from '../lib/kinds';
import { can } from '../lib/roles';
import { navigate } from '../lib/router';
import { byField } from '../lib/user-errors';
import { CONNECTOR, CREATE_CONNECTOR, TEST_CONNECTION, UPDATE_CONNECTOR } from '../queries';
import { useSession } from '../session';
import type {
  CreateConnectorInput,
  TestConnectionInput,
  UpdateConnectorInput,
} from '../gql/graphql';

export function ConnectorEditPage({ id }: { id?: string }) {
  const { role } = useSession();
  const toast = useToast();
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const { data, loading } = useQuery(CONNECTOR, {
    variables: { id: id ?? '' },
    skip: !id,
    fetchPolicy: 'network-only',
  });
  const kinds = useKinds();
  const [create, creating] = useMutation(CREATE_CONNECTOR, {
    // Every cached connector list is read again when next shown (refetching by name
    // would name a query that is not active).
    update: (cache, { data: created }) => {
      if (created?.createConnector.connector) {
        cache.evict({ id: 'ROOT_QUERY', fieldName: 'connectors' });
        cache.gc();
      }
    },
  });
  const [update, updating] = useMutation(UPDATE_CONNECTOR);
  const [testConnection] = useMutation(TEST_CONNECTION);
  const title = id ? 'Edit connector' : 'New connector';
  if (!can(role, 'configure'))
    return (
      <>
        <PageHeading title={title} />
        <p className="field-error">Only an ADMIN token can create or edit connectors.</p>
      </>
    );
  if (id && loading) return <p className="muted">Loading…</p>;
  const connector = data?.connector;
  if (id && !connector) return <p className="field-error">No such connector.</p>;

  const onTest = async (input: Record<string, unknown>, signal: AbortSignal) => {
    const result = await testConnection({
      variables: { input: input as unknown as TestConnectionInput },
      // Cancel aborts the request; the server stops the attempt when the client goes.
      context: { fetchOptions: { signal } },
    });
    const payload = result.data?.testConnection;
    if (!payload) throw new Error('no answer from the server');
    return payload;
  };

  const submit = async (input: Record<string, unknown>) => {
    setServerErrors({});
    try {
      const payload = id
        ? (await update({ variables: { input: input as unknown as UpdateConnectorInput } })).data
            ?.updateConnector
        : (await create({ variables: { input: input as unknown as CreateConnectorInput } })).data
            ?.createConnector;
      if (!payload) return;
      if (payload.userErrors.length) {
        setServerErrors(byField(payload.userErrors));
        toast(`Not saved: ${payload.userErrors.map((e) => e.message).join('; ')}`, 'error');
        return;
      }
      toast(id ? `${payload.connector?.name} saved` : `${payload.connector?.name} created`);
      navigate('/connectors');
    } catch (e) {
      toast(`Not saved: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };

  return (
    <section>
      <div className="page-head">
        <PageHeading title={connector ? `Edit ${connector.name}` : 'New connector'} />
      </div>
      <ConnectorForm
        key={connector?.id ?? 'new'}
        existing={
          connector
            ? {
                ...connector,
                kind: connector.kind as Kind,
                authType: connector.authType as AuthType,
              }
            : undefined
        }
        kinds={kinds}
        onTest={onTest}
        serverErrors={serverErrors}
        busy={creating.loading || updating.loading}
        onSubmit={(input) => void submit(input)}
        onCancel={() => navigate('/connectors')}
      />
      {connector && kinds?.[connector.kind]?.canPush && (
        <InboundWebhookPanel connectorId={connector.id} />
      )}
    </section>
  );
}
