import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RunProgressBar } from '../src/components/RunProgressBar';

describe('RunProgressBar', () => {
  it('is a determinate progressbar with now/max, phase, rate and ETA when the total is known', () => {
    render(
      <RunProgressBar
        label="Progress of NSDC"
        progress={{
          phase: 'PROCESSING',
          recordsProcessed: 60,
          recordsTotal: 240,
          ratePerSecond: 12.5,
          etaSeconds: 14.4,
        }}
      />,
    );
    const bar = screen.getByRole('progressbar', { name: 'Progress of NSDC' });
    expect(bar.getAttribute('aria-valuenow')).toBe('60');
    expect(bar.getAttribute('aria-valuemax')).toBe('240');
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuetext')).toBe('processing: 60 of 240 records (25%)');
    expect(screen.getByText('PROCESSING')).toBeTruthy();
    expect(screen.getByText('12.5 records/s')).toBeTruthy();
    expect(screen.getByText('ETA 14.4 s')).toBeTruthy();
    expect((bar.firstChild as HTMLElement).style.width).toBe('25%');
  });

  it('is indeterminate (no aria-valuenow) with the count so far when there is no total', () => {
    render(
      <RunProgressBar
        label="Progress"
        progress={{
          phase: 'FETCHING',
          recordsProcessed: 1234,
          recordsTotal: null,
          ratePerSecond: 0,
          etaSeconds: null,
        }}
      />,
    );
    const bar = screen.getByRole('progressbar');
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    expect(bar.hasAttribute('aria-valuemax')).toBe(false);
    expect(bar.className).toContain('indeterminate');
    expect(screen.getByText(/1,234 records so far/)).toBeTruthy();
    expect(screen.getByText('ETA —')).toBeTruthy();
  });

  it('moves as new progress arrives and says finished when done', () => {
    const { rerender } = render(
      <RunProgressBar
        label="P"
        progress={{ phase: 'PROCESSING', recordsProcessed: 10, recordsTotal: 40, ratePerSecond: 5 }}
      />,
    );
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('10');
    rerender(
      <RunProgressBar
        label="P"
        progress={{
          phase: 'DONE',
          recordsProcessed: 40,
          recordsTotal: 40,
          ratePerSecond: 5,
          etaSeconds: 0,
        }}
      />,
    );
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
    expect(screen.getByText('finished')).toBeTruthy();
  });
});
