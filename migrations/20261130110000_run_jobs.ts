import type { Knex } from 'knex';

// Runs carry the kind of job they are, so workers claim by kind and later
// work (reconciliation, event delivery) reuses the same queue, heartbeat,
// reaping and cancellation. Every existing run is a sync. The CHECK follows
// JOB_KINDS (src/models/run.model.ts; test/enums.test.ts compares them).
//
// A run limited to a window (a backfill, runConnector(from, to)) leaves the
// connector's cursors alone; its own checkpoints, per stream, are kept on the
// run, so a retry of it resumes where it stopped.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE runs ADD COLUMN job_kind text NOT NULL DEFAULT 'SYNC'
      CONSTRAINT runs_job_kind_check CHECK (job_kind IN ('SYNC'));
    ALTER TABLE runs ADD COLUMN checkpoints jsonb;
    DROP INDEX runs_queued_idx;
    CREATE INDEX runs_queued_idx ON runs (job_kind, created_at, id) WHERE status = 'QUEUED';
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
