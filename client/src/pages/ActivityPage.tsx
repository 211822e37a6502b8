import { useQuery } from '@apollo/client';
import { ActivityChart } from '../components/ActivityChart';
import { PageHeading } from '../components/PageHeading';
import { RUN_ACTIVITY } from '../queries';

export function ActivityPage() {
  const { data, error } = useQuery(RUN_ACTIVITY, { variables: { days: 30 } });
  return (
    <section>
      <div className="page-head">
        <PageHeading title="Activity, last 30 days" />
      </div>
      {error ? <p className="field-error">{error.message}</p> : null}
      {data ? <ActivityChart days={data.runActivity} /> : <p className="muted">Loading…</p>}
    </section>
  );
}
