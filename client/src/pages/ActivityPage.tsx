import { useQuery } from '@apollo/client';
import { ActivityChart } from '../components/ActivityChart';
import { RUN_ACTIVITY } from '../queries';

export function ActivityPage() {
  const { data, error } = useQuery(RUN_ACTIVITY, { variables: { days: 30 } });
  return (
    <section>
      <div className="page-head">
        <h1>Activity, last 30 days</h1>
      </div>
      {error ? <p className="field-error">{error.message}</p> : null}
      {data ? <ActivityChart days={data.runActivity} /> : <p className="muted">Loading…</p>}
    </section>
  );
}
