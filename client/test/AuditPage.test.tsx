import { MockedProvider, type MockedResponse } from '@apollo/client/testing';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AUDIT_LOG, AuditPage } from '../src/pages/AuditPage';

function page(edges: object[], hasNextPage = false): MockedResponse {
  return {
    request: { query: AUDIT_LOG },
    variableMatcher: () => true,
    result: {
      data: {
        auditLog: {
          __typename: 'AuditEntryConnection',
          totalCount: edges.length,
          pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: null },
          edges: edges.map((node) => ({
            __typename: 'AuditEntryEdge',
            node: { __typename: 'AuditEntry', ...node },
          })),
        },
      },
    },
  };
}

describe('AuditPage', () => {
  it('lists who did what, how it ended, and the input without its secrets', async () => {
    render(
      <MockedProvider
        mocks={[
          page([
            {
              id: 'QXVkaXRFbnRyeToy',
              at: '2026-11-30T01:00:00.000Z',
              actor: 'token:ops',
              role: 'OPERATOR',
              action: 'createConnector',
              targetId: null,
              input: { input: { name: 'Bank', credentials: { apiKey: '[removed]' } } },
              outcome: 'ERROR',
            },
            {
              id: 'QXVkaXRFbnRyeTox',
              at: '2026-11-30T00:59:00.000Z',
              actor: 'admin',
              role: 'ADMIN',
              action: 'pauseConnector',
              targetId: 'Q29ubmVjdG9yOjE',
              input: null,
              outcome: 'OK',
            },
          ]),
        ]}
      >
        <AuditPage />
      </MockedProvider>,
    );
    expect(await screen.findByText('createConnector')).toBeTruthy();
    expect(screen.getByText('2 entries · page 1')).toBeTruthy();
    const rows = screen.getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('ERROR').className).toContain('run-failed');
    expect(within(rows[0]).getByText('OPERATOR')).toBeTruthy();
    expect(within(rows[0]).getByText(/"apiKey": "\[removed\]"/)).toBeTruthy();
    expect(within(rows[1]).getByText('OK').className).toContain('run-success');
    expect(within(rows[1]).getByText('Q29ubmVjdG9yOjE')).toBeTruthy();
  });

  it('says when nothing is recorded', async () => {
    render(
      <MockedProvider mocks={[page([])]}>
        <AuditPage />
      </MockedProvider>,
    );
    expect(await screen.findByText('Nothing recorded.')).toBeTruthy();
  });
});
