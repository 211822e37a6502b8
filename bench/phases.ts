/**
 * `--profile`: where a run's wall time goes, measured from outside the
 * pipeline (src/sync is not touched): the ISSUER_API sync capability's
 * fetch and normalize are wrapped, and every SQL statement is timed through
 * knex's query / query-response events and grouped by what it does. The
 * executor handles a page strictly in sequence (fetch -> plan -> write ->
 * phase update), so wall time ≈ fetch + normalize + SQL + the remaining JS
 * (dedupe logic, hashing, row building, knex query compilation).
 */
import type { Knex } from 'knex';
import { getDefinition } from '../src/connectors/registry';
import type { ConnectorContext, Page, StreamDefinition } from '../src/connectors/types';
import type { CredentialOptions } from '../src/domains/credentials/pipeline';

interface Bucket {
  count: number;
  ms: number;
}

export interface PhaseReport {
  fetch: Bucket;
  normalize: Bucket;
  sql: Map<string, Bucket>;
}

/** A statement's group: which table it touches and how. */
function groupOf(sql: string): string {
  const text = sql.trim().replace(/\s+/g, ' ').toLowerCase();
  if (/^(begin|commit|rollback|savepoint|release savepoint|rollback to savepoint)/.test(text)) {
    return 'BEGIN / COMMIT / SAVEPOINT';
  }
  const table = /(?:from|into|update) "?([a-z_]+)"?/.exec(text)?.[1] ?? '?';
  if (text.startsWith('select') && / "?credentials"? /.test(text) && table !== 'learners') {
    return 'select credentials (dedupe)';
  }
  if (text.startsWith('select') && table === 'learners') return 'select learners';
  if (text.startsWith('insert')) return `insert ${table}`;
  if (text.startsWith('update') && table === 'runs') {
    return text.includes('"heartbeat_at"') && text.includes('"records_fetched"')
      ? 'update runs (page counters)'
      : 'update runs (phase, heartbeat, finish)';
  }
  if (text.startsWith('select pg_notify') || text.includes('pg_notify')) return 'pg_notify';
  return `${text.split(' ')[0]} ${table}`;
}

function add(bucket: Bucket, ms: number) {
  bucket.count += 1;
  bucket.ms += ms;
}

/** Starts measuring; `stop()` restores the capability and returns the figures. */
export function startPhaseProfile(db: Knex): { stop(): PhaseReport } {
  const stream = getDefinition('ISSUER_API').streams![0] as StreamDefinition<unknown>;
  const original = { fetch: stream.fetch, pipeline: stream.pipeline };
  const report: PhaseReport = {
    fetch: { count: 0, ms: 0 },
    normalize: { count: 0, ms: 0 },
    sql: new Map(),
  };

  stream.fetch = async function* timedFetch(ctx, request): AsyncGenerator<Page> {
    const pages = original.fetch.call(stream, ctx, request)[Symbol.asyncIterator]();
    for (;;) {
      const started = performance.now();
      const next = await pages.next();
      add(report.fetch, performance.now() - started);
      if (next.done) return;
      yield next.value;
    }
  };
  stream.pipeline = (ctx: ConnectorContext<unknown>) => {
    const bound = original.pipeline.call(stream, ctx);
    const options = bound.options as CredentialOptions;
    const timed: CredentialOptions = {
      ...options,
      normalize: (raw) => {
        const started = performance.now();
        try {
          return options.normalize(raw);
        } finally {
          add(report.normalize, performance.now() - started);
        }
      },
    };
    return { pipeline: bound.pipeline, options: timed };
  };

  const pending = new Map<string, { started: number; group: string }>();
  const onQuery = (query: { __knexQueryUid: string; sql: string }) => {
    pending.set(query.__knexQueryUid, { started: performance.now(), group: groupOf(query.sql) });
  };
  const onDone = (_response: unknown, query: { __knexQueryUid: string }) => {
    const entry = pending.get(query.__knexQueryUid);
    if (!entry) return;
    pending.delete(query.__knexQueryUid);
    let bucket = report.sql.get(entry.group);
    if (!bucket) report.sql.set(entry.group, (bucket = { count: 0, ms: 0 }));
    add(bucket, performance.now() - entry.started);
  };
  const onError = (_error: unknown, query: { __knexQueryUid: string }) => onDone(null, query);
  db.on('query', onQuery);
  db.on('query-response', onDone);
  db.on('query-error', onError);

  return {
    stop() {
      stream.fetch = original.fetch;
      stream.pipeline = original.pipeline;
      db.off('query', onQuery);
      db.off('query-response', onDone);
      db.off('query-error', onError);
      return report;
    },
  };
}
