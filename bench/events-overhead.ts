/**
 * `npm run bench:ingest -- --events`: what writing the outbox costs a sync.
 * Every new credential writes its CREDENTIAL_ISSUED event in its page's
 * transaction (one INSERT per page); this runs the same ISSUER_API sync
 * with that insert turned into a no-op (a Postgres rule: the statement is
 * still sent, nothing is stored, so what is left out is the rows, their
 * index entries and WAL; building the payloads in JS stays in both) and
 * with it on, on emptied tables each time, `rounds` times alternately.
 */
import type { Knex } from 'knex';

export interface EventsOverhead {
  off: number[];
  on: number[];
  events: number;
}

export async function eventsOverhead<R extends { ms: number; status: string }>(
  db: Knex,
  rounds: number,
  run: (name: string) => Promise<R>,
): Promise<EventsOverhead> {
  const off: number[] = [];
  const on: number[] = [];
  const empty = () =>
    db.raw(
      'TRUNCATE external_references, credentials, anchor_groups, issuers, outbox_events CASCADE',
    );
  let events = 0;
  for (let round = 0; round < rounds; round += 1) {
    await empty();
    await db.raw('CREATE RULE outbox_events_off AS ON INSERT TO outbox_events DO INSTEAD NOTHING');
    try {
      off.push((await run(`bench-events-off-${round}`)).ms);
    } finally {
      await db.raw('DROP RULE outbox_events_off ON outbox_events');
    }
    await db.raw('CHECKPOINT');
    await empty();
    on.push((await run(`bench-events-on-${round}`)).ms);
    events = Number(
      (
        (await db('outbox_events').where({ type: 'CREDENTIAL_ISSUED' }).count('* as n')) as {
          n: number;
        }[]
      )[0].n,
    );
    await db.raw('CHECKPOINT');
  }
  return { off, on, events };
}

export function printEventsOverhead(result: EventsOverhead, records: number): void {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const off = median(result.off);
  const on = median(result.on);
  const slowdown = (on / off - 1) * 100;
  const fmt = (n: number, d = 2) =>
    n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  console.log('');
  console.log(
    `events off (outbox insert a no-op): ${result.off.map((ms) => fmt(ms / 1000)).join(' / ')} s`,
  );
  console.log(
    `events on (${result.events.toLocaleString('en-US')} CREDENTIAL_ISSUED written):  ` +
      `${result.on.map((ms) => fmt(ms / 1000)).join(' / ')} s`,
  );
  console.log(
    `outbox overhead:            ${fmt(slowdown, 1)} % on ${records.toLocaleString('en-US')} credentials ` +
      `(median of ${result.on.length}; target <= 15 %: ${slowdown <= 15 ? 'met' : 'NOT met'})`,
  );
}
