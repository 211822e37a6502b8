import { useMutation, useQuery } from '@apollo/client';
import { useState } from 'react';
import { ConnectorForm } from '../components/ConnectorForm';
import { useToast } from '../components/Toasts';
import type { FieldErrors } from '../lib/connector-form';
import type { AuthType, Kind } from '../lib/kinds';
import { can } from '../lib/roles';
import { navigate } from '../lib/router';
import { byField } from '../lib/user-errors';
import { CONNECTOR, CREATE_CONNECTOR, UPDATE_CONNECTOR } from '../queries';
import { useSession } from '../session';
import type { CreateConnectorInput, UpdateConnectorInput } from '../gql/graphql';

export function ConnectorEditPage({ id }: { id?: string }) {
  const { role } = useSession();
  const toast = useToast();
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const { data, loading } = useQuery(CONNECTOR, {
    variables: { id: id ?? '' },
    skip: !id,
    fetchPolicy: 'network-only',
  });
  const [create, creating] = useMutation(CREATE_CONNECTOR, { refetchQueries: ['Connectors'] });
  const [update, updating] = useMutation(UPDATE_CONNECTOR);
  if (!can(role, 'configure'))
    return <p className="field-error">Only an ADMIN token can create or edit connectors.</p>;
  if (id && loading) return <p className="muted">Loading…</p>;
  const connector = data?.connector;
  if (id && !connector) return <p className="field-error">No such connector.</p>;

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
        <h1>{connector ? `Edit ${connector.name}` : 'New connector'}</h1>
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
        serverErrors={serverErrors}
        busy={creating.loading || updating.loading}
        onSubmit={(input) => void submit(input)}
        onCancel={() => navigate('/connectors')}
      />
    </section>
  );
}
