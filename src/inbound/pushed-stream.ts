/**
 * What a WEBHOOK run reads: the records its request pushed, in pages, through
 * the pipeline of the stream they were pushed to (the same pipeline a poll
 * of that stream uses). No page moves the connector's cursor; the last page
 * drops the push in the transaction that writes its records, so a run that
 * dies before then leaves it for a RETRY of the run.
 */
import type { Knex } from 'knex';
import type { ConnectorDefinition, Page, StreamDefinition } from '../connectors/types';
import { dropPush, takePush } from './store';

const PAGE_SIZE = 1_000;

/** A stream's records can be pushed when its pages are the source's records unchanged. */
export function pushableStreams<Config>(
  definition: Pick<ConnectorDefinition<Config>, 'streams'>,
): StreamDefinition<Config>[] {
  return (definition.streams ?? []).filter((stream) => stream.acceptsPush === true);
}

/**
 * The streams a run reads when it carries pushed records (a WEBHOOK run, or
 * a retry of one whose push was not consumed); null for any other run.
 */
export async function pushedStreams(
  db: Knex,
  run: { id: number; type: string; retryOf: number | null },
  definition: ConnectorDefinition,
): Promise<StreamDefinition<unknown>[] | null> {
  if (run.type !== 'WEBHOOK' && run.type !== 'RETRY') return null;
  const push = await takePush(db, run);
  if (!push) {
    if (run.type !== 'WEBHOOK') return null;
    // Its records were written by an earlier attempt (the push goes with its last page).
    return pushableStreams(definition)
      .slice(0, 1)
      .map((stream) => ({ ...stream, fetch: nothing }));
  }
  const stream = pushableStreams(definition).find((s) => s.name === push.stream);
  if (!stream) throw new Error(`the pushed stream ${push.stream} no longer accepts pushes`);
  const records = push.records;
  return [
    {
      ...stream,
      async *fetch(): AsyncGenerator<Page> {
        for (let at = 0; at < records.length || at === 0; at += PAGE_SIZE) {
          const last = at + PAGE_SIZE >= records.length;
          yield {
            records: records.slice(at, at + PAGE_SIZE),
            checkpoint: null,
            total: records.length,
            commit: last ? (trx) => dropPush(trx, push.runId) : undefined,
          };
        }
      },
    },
  ];
}

async function* nothing(): AsyncGenerator<Page> {}
