import { MockedProvider, type MockedResponse } from '@apollo/client/testing';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  ENABLE_INBOUND_WEBHOOK,
  INBOUND_WEBHOOK,
  InboundWebhookPanel,
} from '../src/components/InboundWebhookPanel';

const ID = 'Q29ubmVjdG9yOjE';
const enabled = {
  __typename: 'InboundWebhook',
  url: `/webhooks/${ID}`,
  secretSetAt: '2026-11-30T04:00:00.000Z',
};
const connector = (inboundWebhook: object | null) => ({
  __typename: 'Connector',
  id: ID,
  inboundWebhook,
});

describe('InboundWebhookPanel', () => {
  it('enables the webhook, shows its secret once and its URL, then offers rotate and disable', async () => {
    const mocks: MockedResponse[] = [
      {
        request: { query: INBOUND_WEBHOOK, variables: { id: ID } },
        result: { data: { connector: connector(null) } },
      },
      {
        request: { query: ENABLE_INBOUND_WEBHOOK, variables: { id: ID } },
        result: {
          data: {
            enableInboundWebhook: {
              __typename: 'InboundWebhookPayload',
              secret: 'whsec_shown-once',
              connector: connector(enabled),
              userErrors: [],
            },
          },
        },
      },
    ];
    render(
      <MockedProvider mocks={mocks}>
        <InboundWebhookPanel connectorId={ID} />
      </MockedProvider>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Enable inbound webhook' }));
    expect((await screen.findByTestId('inbound-secret')).textContent).toBe('whsec_shown-once');
    expect(
      screen.getByText(`POST http://localhost:3000/webhooks/${ID}`, { exact: false }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Rotate secret' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Disable' })).toBeTruthy();
  });

  it('shows no secret for a webhook enabled earlier', async () => {
    render(
      <MockedProvider
        mocks={[
          {
            request: { query: INBOUND_WEBHOOK, variables: { id: ID } },
            result: { data: { connector: connector(enabled) } },
          },
        ]}
      >
        <InboundWebhookPanel connectorId={ID} />
      </MockedProvider>,
    );
    expect(await screen.findByRole('button', { name: 'Rotate secret' })).toBeTruthy();
    expect(screen.queryByTestId('inbound-secret')).toBeNull();
  });
});
