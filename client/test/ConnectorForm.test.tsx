import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConnectorForm } from '../src/components/ConnectorForm';
import { buildInput, emptyForm } from '../src/lib/connector-form';
import { previewCron } from '../src/lib/cron';

const field = (name: RegExp) =>
  // The time zone field suggests zones (a datalist): a combobox.
  (screen.queryByRole('textbox', { name }) ??
    screen.getByRole('combobox', { name })) as HTMLInputElement;

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

describe('test before save', () => {
  const fill = async () => {
    await userEvent.type(field(/^Base URL/), 'https://issuer.example.org');
    fireEvent.change(screen.getByLabelText(/^API key[\s*]*$/), { target: { value: 'k' } });
  };

  it('is busy while the test runs, and Cancel aborts it', async () => {
    let signal: AbortSignal | undefined;
    const onTest = vi.fn(
      (_input: Record<string, unknown>, s: AbortSignal) =>
        new Promise<never>(() => {
          signal = s;
        }),
    );
    render(<ConnectorForm onSubmit={() => {}} onTest={onTest} />);
    await fill();
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const busy = screen.getByRole('button', { name: 'Testing connection…' }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    expect(busy.getAttribute('aria-busy')).toBe('true');
    expect(onTest.mock.calls[0][0]).toMatchObject({
      kind: 'ISSUER_API',
      authType: 'API_KEY',
      credentials: { apiKey: 'k' },
      config: { baseUrl: 'https://issuer.example.org' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Cancel test' }));
    expect(signal?.aborted).toBe(true);
    expect(
      (screen.getByRole('button', { name: 'Test connection' }) as HTMLButtonElement).disabled,
    ).toBe(false);
  });

  it('shows the outcome, and userErrors beside their fields (unknown keys by the JSON box)', async () => {
    const onTest = vi.fn(async () => ({
      ok: false,
      message: 'not tested: fix the input',
      durationSeconds: 0,
      userErrors: [
        { field: ['input', 'config', 'baseUrl'], message: 'Invalid URL' },
        { field: ['input', 'config', 'fieldMap', 'email'], message: 'unknown key "email"' },
      ],
    }));
    render(<ConnectorForm onSubmit={() => {}} onTest={onTest} />);
    await fill();
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('Not tested: fix the fields marked above.');
    expect(field(/^Base URL/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('fieldMap.email: unknown key "email"')).toBeTruthy();
    // The first field at fault has the focus.
    expect(document.activeElement).toBe(field(/^Base URL/));
  });

  it('says when the connection works', async () => {
    const onTest = vi.fn(async () => ({
      ok: true,
      message: 'listed 1 record',
      durationSeconds: 0.25,
      userErrors: [],
    }));
    render(<ConnectorForm onSubmit={() => {}} onTest={onTest} />);
    await fill();
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/Connection OK: listed 1 record/);
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
      '"Mars/Olympus" is not an IANA time zone (e.g. Asia/Kolkata)',
    ]);
    // Checked even while the schedule is off: it is saved with the connector.
    expect(
      buildInput({ ...state, scheduleEnabled: false }).errors['schedule.timezone'],
    ).toHaveLength(1);
    expect(buildInput({ ...state, timezone: 'Asia/Kolkata' }).errors).not.toHaveProperty(
      'schedule.timezone',
    );
  });

  it("holds numbers to the limits of the kind's config schema", () => {
    const schema = {
      type: 'object',
      properties: { pageSize: { type: 'integer', minimum: 1, maximum: 1000 } },
    };
    const state = emptyForm();
    state.settings.pageSize = '100000';
    expect(buildInput(state, undefined, schema).errors['config.pageSize']).toEqual([
      'Page size must be 1 to 1,000',
    ]);
    state.settings.pageSize = '2.5';
    expect(buildInput(state, undefined, schema).errors['config.pageSize']).toEqual([
      'Page size must be a whole number',
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
