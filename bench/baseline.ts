/**
 * The baseline: the same records upserted straight into one table with pg,
 * one `INSERT ... SELECT FROM unnest(...) ON CONFLICT` per batch (autocommit,
 * so one commit per batch, like the pipeline's one transaction per page).
 * No HTTP, no JSON, no planning: roughly what Postgres can take here.
 */
import pg from 'pg';
import { recordAt } from './records';

const CREATE = `
  CREATE TABLE IF NOT EXISTS bench_baseline (
    external_id text PRIMARY KEY,
    learner_email text NOT NULL,
    title text NOT NULL,
    issued_at timestamptz NOT NULL,
    completion_date timestamptz,
    max_hours numeric,
    pdf_url text,
    updated_at timestamptz NOT NULL
  )`;

const UPSERT = `
  INSERT INTO bench_baseline
    (external_id, learner_email, title, issued_at, completion_date, max_hours, pdf_url, updated_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[],
                       $6::numeric[], $7::text[], $8::timestamptz[])
  ON CONFLICT (external_id) DO UPDATE SET
    learner_email = EXCLUDED.learner_email, title = EXCLUDED.title,
    issued_at = EXCLUDED.issued_at, completion_date = EXCLUDED.completion_date,
    max_hours = EXCLUDED.max_hours, pdf_url = EXCLUDED.pdf_url, updated_at = EXCLUDED.updated_at`;

export interface BaselineResult {
  records: number;
  batches: number;
  ms: number;
}

export async function runBaseline(
  url: string,
  records: number,
  batchSize: number,
): Promise<BaselineResult> {
  const client = new pg.Client({ connectionString: url, application_name: 'tributary-bench' });
  await client.connect();
  try {
    await client.query(CREATE);
    await client.query('TRUNCATE bench_baseline');
    let batches = 0;
    const started = performance.now();
    for (let from = 0; from < records; from += batchSize) {
      const to = Math.min(records, from + batchSize);
      const columns: unknown[][] = [[], [], [], [], [], [], [], []];
      for (let index = from; index < to; index++) {
        const r = recordAt(index);
        columns[0].push(r.id);
        columns[1].push(r.learner_email);
        columns[2].push(r.certificate_title);
        columns[3].push(r.issued_at);
        columns[4].push(r.completion_date);
        columns[5].push(r.max_hr);
        columns[6].push(r.pdf_url);
        columns[7].push(r.updated_at);
      }
      await client.query(UPSERT, columns);
      batches += 1;
    }
    return { records, batches, ms: performance.now() - started };
  } finally {
    await client.end();
  }
}
