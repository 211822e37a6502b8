import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConnectorForm } from '../src/components/ConnectorForm';
import { buildInput, emptyForm } from '../src/lib/connector-form';
import { previewCron } from '../src/lib/cron';

const field = (name: RegExp) => screen.getByRole('textbox', { name }) as HTMLInputElement;

describe('ConnectorForm', () => {
  it('pre-fills the kind defaults and switches them with the kind', async () => {
    render(<ConnectorForm onSubmit={() => {}} />);
    expect(field(/^List path/).value).toBe('/credentials');
    expect(field(/^Verify path/).value).toBe('/credentials/{id}/verify');
    expect((screen.getByRole('spinbutton', { name: /^Page size/ }) as HTMLInputElement).value).toBe(
      '100',
    );
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'PG_API');
    expect(field(/^Path/).value).toBe('/txnData');
    expect(field(/^Merchant codes/).value).toBe('ALL');
    expect((screen.getByRole('spinbutton', { name: /^Page size/ }) as HTMLInputElement).value).toBe(
      '500',
    );
  });

  it('shows each validation error beside its field and does not submit', async () => {
    const onSubmit = vi.fn();
    render(<ConnectorForm onSubmit={onSubmit} />);
    await userEvent.type(field(/^Base URL/), 'not a url');
    await userEvent.clear(field(/^Cron/));
    await userEvent.type(field(/^Cron/), '61 * * * *');
    await userEvent.click(screen.getByRole('checkbox', { name: /Run on a schedule/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Create connector' }));
    expect(onSubmit).not.toHaveBeenCalled();
    const name = field(/^Name/);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Name is required',
    );
    const url = field(/^Base URL/);
    expect(document.getElementById(url.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Base URL must be an http(s) URL',
    );
    expect(screen.getByText('API key is required')).toBeTruthy();
    expect(field(/^Cron/).getAttribute('aria-invalid')).toBe('true');
    // Fixing a field clears its message at once.
    await userEvent.type(name, 'NSDC');
    expect(screen.queryByText('Name is required')).toBeNull();
    expect(name.getAttribute('aria-invalid')).toBe('false');
  });

  it('submits the typed config, secrets and schedule', async () => {
    const onSubmit = vi.fn();
    render(<ConnectorForm onSubmit={onSubmit} />);
    await userEvent.type(field(/^Name/), 'NSDC');
    await userEvent.type(field(/^Source entity/), 'NSDC');
    await userEvent.type(field(/^Base URL/), 'https://issuer.example.org');
    await userEvent.clear(field(/^Verify path/));
    fireEvent.change(screen.getByLabelText(/^API key[\s*]*$/), { target: { value: 's3cret' } });
    await userEvent.click(screen.getByRole('checkbox', { name: /Run on a schedule/ }));
    fireEvent.change(field(/^Cron/), { target: { value: '0 2 * * *' } });
    fireEvent.change(field(/^Time zone/), { target: { value: 'Asia/Kolkata' } });
    expect(screen.getByText('At 02:00')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Next runs' }).children).toHaveLength(3);
    await userEvent.click(screen.getByRole('button', { name: 'Create connector' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    const input = onSubmit.mock.calls[0][0];
    expect(input).toMatchObject({
      name: 'NSDC',
      kind: 'ISSUER_API',
      sourceEntity: 'NSDC',
      authType: 'API_KEY',
      credentials: { apiKey: 's3cret' },
      schedule: { enabled: true, cron: '0 2 * * *', timezone: 'Asia/Kolkata' },
    });
    expect(input.config).toMatchObject({
      baseUrl: 'https://issuer.example.org',
      verifyPath: null,
      pageSize: 100,
    });
  });

  it('keeps stored secrets unless typed when editing, and shows server userErrors beside fields', async () => {
    const onSubmit = vi.fn();
    const existing = {
      id: 'Q29ubmVjdG9yOjE=',
      name: 'NSDC',
      kind: 'ISSUER_API' as const,
      sourceEntity: 'NSDC',
      authType: 'API_KEY' as const,
      config: { baseUrl: 'https://a.example', pageSize: 50, fieldMap: { externalId: 'id' } },
      hasCredentials: true,
      schedule: { enabled: false, cron: null, timezone: 'UTC' },
    };
    render(
      <ConnectorForm
        existing={existing}
        serverErrors={{ name: ['a connector named "NSDC" already exists'] }}
        onSubmit={onSubmit}
      />,
    );
    expect(screen.getByText('a connector named "NSDC" already exists')).toBeTruthy();
    expect(screen.getByText('stored')).toBeTruthy();
    expect((screen.getByLabelText(/^API key\s*(stored)?$/) as HTMLInputElement).placeholder).toBe(
      'stored — type to replace',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const input = onSubmit.mock.calls[0][0];
    expect(input.id).toBe(existing.id);
    expect(input).not.toHaveProperty('credentials');
    expect(input.config).toMatchObject({ pageSize: 50, fieldMap: { externalId: 'id' } });
  });
});

describe('buildInput and previewCron', () => {
  it('rejects an unknown time zone on the time zone field', () => {
    const state = {
      ...emptyForm(),
      scheduleEnabled: true,
      cron: '0 * * * *',
      timezone: 'Mars/Olympus',
    };
    expect(buildInput(state).errors['schedule.timezone']).toEqual([
      'unknown time zone "Mars/Olympus"',
    ]);
  });

  it('gives the next three runs in the chosen zone', () => {
    const next = previewCron(
      '30 2 * * *',
      'Asia/Kolkata',
      3,
      new Date('2026-01-01T00:00:00Z'),
    ).next;
    expect(next.map((d) => d.toISOString())).toEqual([
      '2026-01-01T21:00:00.000Z',
      '2026-01-02T21:00:00.000Z',
      '2026-01-03T21:00:00.000Z',
    ]);
  });
});
