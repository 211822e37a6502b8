/**
 * A test-only kind and entity, to show that the sync engine takes a new kind
 * and a new entity without a line changed in src/sync/: the entity ("note",
 * table test_notes, made by the test) has its own pipeline here, and the kind
 * has two streams read from memory. It stands in for WooCommerce's
 * definition (the kinds a connector row may have are fixed by the schema).
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { ConnectorError } from '../../src/connectors/errors';
import { wooCommerce } from '../../src/connectors/woocommerce';
import type { ConnectorDefinition, Page, StreamDefinition } from '../../src/connectors/types';
import { bindPipeline, type EntityPipeline } from '../../src/pipeline/types';

export interface Note {
  id: string;
  slug: string;
  body: string;
}

interface NoteScope {
  connectorId: number;
}

export const NOTES_TABLE = `
  CREATE TABLE test_notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connector_id bigint NOT NULL,
    external_id text NOT NULL,
    slug text NOT NULL,
    body text NOT NULL,
    version text NOT NULL,
    UNIQUE (connector_id, external_id),
    UNIQUE (connector_id, slug)
  )`;

const text = (value: unknown) => (typeof value === 'string' && value.trim()) || null;

export const notePipeline: EntityPipeline<null, NoteScope, Note> = {
  entityType: 'test_note',
  async open(run) {
    return { connectorId: run.connectorId };
  },
  map(raw) {
    const id = text(raw.id);
    if (!id)
      return { ok: false, externalId: null, reason: 'INVALID_RECORD', message: 'missing id' };
    const slug = text(raw.slug);
    if (!slug)
      return { ok: false, externalId: id, reason: 'INVALID_RECORD', message: 'missing slug' };
    return { ok: true, entity: { id, slug, body: String(raw.body ?? '') } };
  },
  identity: (note) => note.id,
  keys: [{ describe: 'same slug', of: (note) => note.slug }],
  version: (note) => createHash('sha256').update(`${note.slug}\n${note.body}`).digest('hex'),
  async lookup(db, scope, notes) {
    const rows = (await db('test_notes')
      .where('connectorId', scope.connectorId)
      .where((q) =>
        q
          .whereIn(
            'externalId',
            notes.map((n) => n.id),
          )
          .orWhereIn(
            'slug',
            notes.map((n) => n.slug),
          ),
      )
      .select('externalId', 'slug', 'version')) as {
      externalId: string;
      slug: string;
      version: string;
    }[];
    return rows.map((row) => ({
      externalId: row.externalId,
      version: row.version,
      keys: [row.slug],
    }));
  },
  async write(trx: Knex.Transaction, scope, candidates) {
    const result = await trx.raw<{ rows: { id: number; externalId: string; inserted: boolean }[] }>(
      `INSERT INTO test_notes (connector_id, external_id, slug, body, version)
       SELECT ?, u.external_id, u.slug, u.body, u.version
         FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS u(external_id, slug, body, version)
       ON CONFLICT (connector_id, external_id) DO UPDATE SET
         slug = excluded.slug, body = excluded.body, version = excluded.version
       RETURNING id, external_id AS "externalId", (xmax = 0) AS inserted`,
      [
        scope.connectorId,
        candidates.map((c) => c.externalId),
        candidates.map((c) => c.entity.slug),
        candidates.map((c) => c.entity.body),
        candidates.map((c) => c.version),
      ],
    );
    return { rows: result.rows.map((row) => ({ ...row, internalId: row.id })) };
  },
  afterRun: {
    phase: 'FINALIZING',
    async run(run, scope) {
      const [{ count }] = (await run
        .db('test_notes')
        .where('connectorId', scope.connectorId)
        .count({ count: '*' })) as { count: number }[];
      return `notes after the run: ${count} held`;
    },
  },
};

/** What the in-memory source serves: per stream, its pages in order. */
export const noteSource: Record<string, Record<string, unknown>[][]> = {
  drafts: [],
  published: [],
};

/** When set, the source fails instead of serving this page of this stream. */
export const noteFault: { stream?: string; page?: number } = {};

/**
 * When set, page `page - 2` of `stream` is served only once the run has been
 * asked to cancel (`waiting` says the source got there), page `page - 1` at
 * once, and page `page`, read ahead while the engine finds out, first takes
 * `teardownMs` to wind down whatever the signal says (a source finishing work
 * it started: a staging table, a file), then records when it was done in
 * `stoppedAt`.
 */
export const noteHold: {
  stream?: string;
  page?: number;
  teardownMs: number;
  waiting?: boolean;
  stoppedAt?: number;
} = { teardownMs: 0 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A stream over noteSource[name]; its cursor is the number of pages read. */
function noteStream(name: string): StreamDefinition<unknown> {
  return {
    name,
    async *fetch(ctx, request): AsyncGenerator<Page> {
      const from = (request.cursor as { pages?: number } | null)?.pages ?? 0;
      const pages = noteSource[name];
      for (let index = from; index < pages.length; index++) {
        if (noteHold.stream === name && noteHold.page === index + 2 && ctx.run) {
          noteHold.waiting = true;
          const run = ctx.run;
          const asked = async () =>
            (
              (await run.db('runs').where({ id: run.id }).first('cancelRequested')) as {
                cancelRequested: boolean;
              }
            ).cancelRequested;
          while (!(await asked())) await sleep(10);
          yield { records: pages[index], checkpoint: { pages: index + 1 } };
          continue;
        }
        if (noteHold.stream === name && noteHold.page === index) {
          await sleep(noteHold.teardownMs);
          noteHold.stoppedAt = Date.now();
        }
        ctx.signal.throwIfAborted();
        if (noteFault.stream === name && noteFault.page === index) {
          throw new ConnectorError('NETWORK', `the source failed on ${name} page ${index}`);
        }
        yield { records: pages[index], checkpoint: { pages: index + 1 } };
      }
    },
    pipeline: () => bindPipeline(notePipeline, null),
  };
}

export const notesKind: ConnectorDefinition = {
  ...(wooCommerce as ConnectorDefinition),
  streams: [noteStream('drafts'), noteStream('published')],
};
