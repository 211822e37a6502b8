import { dateTime, relative } from '../lib/format';

/** A relative time ("3 minutes ago") with the absolute time, zone included, on hover and for machines. */
export function When({ iso, timeZone }: { iso: string | null | undefined; timeZone?: string }) {
  if (!iso) return <>never</>;
  return (
    <time dateTime={iso} title={dateTime(iso, timeZone)}>
      {relative(iso)}
    </time>
  );
}
