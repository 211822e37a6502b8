export function RunStatusBadge({ status }: { status: string }) {
  return <span className={`badge run-${status.toLowerCase()}`}>{status.replace('_', ' ')}</span>;
}
