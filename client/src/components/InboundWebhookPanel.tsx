import { useMutation, useQuery } from '@apollo/client';
import { useState } from 'react';
import { graphql } from '../gql';
import { ConfirmDialog } from './ConfirmDialog';
import { useToast } from './Toasts';
import { When } from './When';

export const INBOUND_WEBHOOK = graphql(`
  query ConnectorInboundWebhook($id: ID!) {
    connector(id: $id) {
      id
      inboundWebhook {
        url
        secretSetAt
      }
    }
  }
`);

export const ENABLE_INBOUND_WEBHOOK = graphql(`
  mutation EnableInboundWebhook($id: ID!) {
    enableInboundWebhook(id: $id) {
      secret
      connector {
        id
        inboundWebhook {
          url
          secretSetAt
        }
      }
      userErrors {
        message
      }
    }
  }
`);

const DISABLE_INBOUND_WEBHOOK = graphql(`
  mutation DisableInboundWebhook($id: ID!) {
    disableInboundWebhook(id: $id) {
      connector {
        id
        inboundWebhook {
          url
          secretSetAt
        }
      }
      userErrors {
        message
      }
    }
  }
`);

/**
 * The connector's inbound webhook: where a provider pushes records (signed
 * with X-Tributary-Signature), its secret shown once when created or rotated
 * (the old one stays valid 24 h after a rotation), enable / rotate / disable.
 */
export function InboundWebhookPanel({ connectorId }: { connectorId: string }) {
  const toast = useToast();
  const { data } = useQuery(INBOUND_WEBHOOK, { variables: { id: connectorId } });
  const [enable, enabling] = useMutation(ENABLE_INBOUND_WEBHOOK);
  const [disable, disabling] = useMutation(DISABLE_INBOUND_WEBHOOK);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmDisable, setConfirmDisable] = useState(false);
  const webhook = data?.connector?.inboundWebhook;
  const url = webhook ? new URL(webhook.url, window.location.origin).toString() : null;

  const onEnable = async () => {
    const payload = (await enable({ variables: { id: connectorId } })).data?.enableInboundWebhook;
    if (!payload || payload.userErrors.length) {
      toast(`Not enabled: ${payload?.userErrors.map((e) => e.message).join('; ')}`, 'error');
      return;
    }
    setSecret(payload.secret ?? null);
    toast(webhook ? 'Inbound webhook secret rotated' : 'Inbound webhook enabled');
  };

  const onDisable = async () => {
    const payload = (await disable({ variables: { id: connectorId } })).data?.disableInboundWebhook;
    setConfirmDisable(false);
    setSecret(null);
    if (payload?.userErrors.length) {
      toast(`Not disabled: ${payload.userErrors.map((e) => e.message).join('; ')}`, 'error');
      return;
    }
    toast('Inbound webhook disabled');
  };

  return (
    <section aria-labelledby="inbound-webhook-heading" className="inbound-webhook">
      <h2 id="inbound-webhook-heading">Inbound webhook</h2>
      {webhook && url ? (
        <>
          <p>
            Providers push records with <code>POST {url}</code>, body{' '}
            <code>{'{ "data": [record, …] }'}</code>, signed in <code>X-Tributary-Signature</code>.
            Secret set <When iso={webhook.secretSetAt} />.
          </p>
          {secret && (
            <p role="status">
              Signing secret (shown once; copy it now):{' '}
              <code data-testid="inbound-secret">{secret}</code>
            </p>
          )}
          <button type="button" disabled={enabling.loading} onClick={() => void onEnable()}>
            Rotate secret
          </button>{' '}
          <button
            type="button"
            disabled={disabling.loading}
            onClick={() => setConfirmDisable(true)}
          >
            Disable
          </button>
        </>
      ) : (
        <>
          <p className="muted">Not enabled: this connector is polled only.</p>
          <button type="button" disabled={enabling.loading} onClick={() => void onEnable()}>
            Enable inbound webhook
          </button>
        </>
      )}
      <ConfirmDialog
        open={confirmDisable}
        title="Disable the inbound webhook?"
        confirmLabel="Disable"
        danger
        busy={disabling.loading}
        onConfirm={() => void onDisable()}
        onCancel={() => setConfirmDisable(false)}
      >
        <p>Its secrets are deleted; pushes are refused until it is enabled again.</p>
      </ConfirmDialog>
    </section>
  );
}
