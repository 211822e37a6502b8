import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ListTable } from '../components/ListTable';
import { useToast } from '../components/Toasts';
import { graphql } from '../gql';
import type { EventType } from '../gql/graphql';
import { dateTime, words } from '../lib/format';
import { byField, FieldError } from '../lib/user-errors';

export const WEBHOOKS = graphql(`
  query Webhooks {
    webhooks {
      id
      url
      events
      active
      createdAt
    }
  }
`);

export const CREATE_WEBHOOK = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      webhook {
        id
        url
        events
        active
        createdAt
      }
      secret
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DELETE_WEBHOOK = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id) {
      deletedId
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

/** Webhooks (ADMIN): add one (its secret is shown once), list, delete. */
export function WebhooksPage() {
  const toast = useToast();
  const { data, error, refetch } = useQuery(WEBHOOKS, { fetchPolicy: 'cache-and-network' });
  const [create, creating] = useMutation(CREATE_WEBHOOK);
  const [remove, removing] = useMutation(DELETE_WEBHOOK);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<EventType[]>(['CREDENTIAL_ISSUED']);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; url: string } | null>(null);

  async function onCreate(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    try {
      const result = await create({ variables: { input: { url: url.trim(), events } } });
      const payload = result.data?.createWebhook;
      if (!payload) return;
      if (payload.userErrors.length) {
        setErrors(byField(payload.userErrors));
        return;
      }
      setSecret({ url: payload.webhook!.url, secret: payload.secret! });
      setUrl('');
      toast('Webhook added');
      await refetch();
    } catch (err) {
      setErrors({ '': [err instanceof Error ? err.message : String(err)] });
    }
  }

  async function onDelete() {
    if (!deleting) return;
    try {
      const result = await remove({ variables: { id: deleting.id } });
      const userErrors = result.data?.deleteWebhook.userErrors ?? [];
      if (userErrors.length) toast(`Delete failed: ${userErrors[0].message}`, 'error');
      else toast('Webhook deleted');
      await refetch();
    } finally {
      setDeleting(null);
    }
  }

  return (
    <section>
      <div className="page-head">
        <h1>Webhooks</h1>
      </div>
      {secret ? (
        <div className="notice" role="alert">
          <p>
            Signing secret of <span className="mono">{secret.url}</span> — shown once, copy it now:
          </p>
          <pre className="mono" data-testid="webhook-secret">
            {secret.secret}
          </pre>
          <p className="muted">
            Each POST carries <span className="mono">X-Tributary-Signature: t=…,v1=…</span>, the hex
            HMAC-SHA256 of <span className="mono">{'"<t>.<body>"'}</span> under this secret.
          </p>
          <button type="button" onClick={() => setSecret(null)}>
            I have copied it
          </button>
        </div>
      ) : null}
      <form className="webhook-form" onSubmit={(e) => void onCreate(e)} noValidate>
        <h2>Add a webhook</h2>
        <FieldError id="webhook-form-error" messages={errors['']} />
        <label>
          URL{' '}
          <input
            type="url"
            required
            value={url}
            placeholder="https://example.org/hooks/tributary"
            aria-describedby="webhook-url-error"
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <FieldError id="webhook-url-error" messages={errors.url} />
        <fieldset>
          <legend>Events</legend>
          {TYPES.map((t) => (
            <label key={t}>
              <input
                type="checkbox"
                checked={events.includes(t)}
                onChange={(e) =>
                  setEvents((list) =>
                    e.target.checked ? [...list, t] : list.filter((x) => x !== t),
                  )
                }
              />{' '}
              {words(t)}
            </label>
          ))}
        </fieldset>
        <FieldError id="webhook-events-error" messages={errors.events} />
        <button type="submit" disabled={creating.loading}>
          Add webhook
        </button>
      </form>
      {error ? <p className="field-error">{error.message}</p> : null}
      <ListTable
        columns={['URL', 'Events', 'Added', '']}
        empty={data && data.webhooks.length === 0 ? 'No webhooks yet.' : null}
      >
        {data?.webhooks.map((w) => (
          <tr key={w.id}>
            <td className="mono">{w.url}</td>
            <td>{w.events.map(words).join(', ')}</td>
            <td>{dateTime(w.createdAt)}</td>
            <td>
              <button
                type="button"
                className="danger"
                onClick={() => setDeleting({ id: w.id, url: w.url })}
              >
                Delete
              </button>
            </td>
          </tr>
        ))}
      </ListTable>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this webhook?"
        confirmLabel="Delete webhook"
        danger
        busy={removing.loading}
        onConfirm={() => void onDelete()}
        onCancel={() => setDeleting(null)}
      >
        <p>
          <span className="mono">{deleting?.url}</span> receives nothing more; what it has not
          received yet ends FAILED.
        </p>
      </ConfirmDialog>
    </section>
  );
}
