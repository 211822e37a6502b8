import { useQuery } from '@apollo/client';
import { graphql } from '../gql';
import { Link } from '../lib/router';

export const SYNC_HEALTH = graphql(`
  query SyncHealth {
    syncHealth {
      healthy
      failureRate
      pendingDeliveries
      deadDeliveries
      message
    }
  }
`);

/** The header's health badge: syncHealth, polled; its message on hover, the Events page on click. */
export function HealthBadge() {
  const { data } = useQuery(SYNC_HEALTH, {
    pollInterval: 15_000,
    fetchPolicy: 'cache-and-network',
  });
  const health = data?.syncHealth;
  if (!health) return null;
  return (
    <Link to="/events">
      <span
        className={`badge ${health.healthy ? 'run-success' : 'run-failed'}`}
        title={health.message}
        data-testid="health-badge"
        aria-label={`Sync health: ${health.message}`}
      >
        {health.healthy ? 'Healthy' : 'Unhealthy'}
        {health.deadDeliveries ? ` · ${health.deadDeliveries} dead` : ''}
      </span>
    </Link>
  );
}
