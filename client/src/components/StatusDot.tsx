type Tone = 'green' | 'yellow' | 'red' | 'grey';

/** Green: last run succeeded; yellow: running; red: failed; grey: never run. */
export function dotTone(lastRunStatus: string | null | undefined, running: boolean): Tone {
  if (running || lastRunStatus === 'RUNNING' || lastRunStatus === 'QUEUED') return 'yellow';
  if (!lastRunStatus) return 'grey';
  if (lastRunStatus === 'SUCCESS' || lastRunStatus === 'PARTIAL_SUCCESS') return 'green';
  if (lastRunStatus === 'FAILED') return 'red';
  return 'grey';
}

const LABEL: Record<Tone, string> = {
  green: 'last run succeeded',
  yellow: 'running',
  red: 'last run failed',
  grey: 'never run',
};

export function StatusDot({ tone }: { tone: Tone }) {
  return (
    <span className={`dot dot-${tone}`} role="img" aria-label={LABEL[tone]} title={LABEL[tone]} />
  );
}
