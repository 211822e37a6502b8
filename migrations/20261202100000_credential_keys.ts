import type { Knex } from 'knex';

// The credentials' two unique keys lead with what tells a credential apart
// (its external id; its learner and title) instead of its issuer, and no
// index of credentials leads with issuer_id any more.
//
// The engine's dedupe (lookupCredentials) probes both keys for every record
// of a page: issuer_id = $issuer AND external_id = k.external_id, and
// issuer_id = $issuer AND lower(learner_email) = k.email AND title = k.title.
// With both keys led by issuer_id, each probe could also be served by the
// other key's index on issuer_id alone. Once ANALYZE has run, an issuer the
// statistics have not seen (a new connector's first import, or one that grew
// since) is estimated at one row, both plans cost the same, and Postgres took
// the wrong index for the (learner, title) probe: every probe then read all of
// the issuer's credentials. A 20,000-record first import of a new issuer,
// beside three analyzed ones, took 99 s (92 s of it Postgres) instead of 9 s,
// and a 2,000-record run 0.3-0.4 s more of Postgres CPU. Led by the
// distinguishing column, each probe has one index that serves it.
//
// The (lower(learner_email)) index goes: the learner-title key now leads with
// it (credentials by learner email, and the claim of a learner's
// credentials). ON CONFLICT (issuer_id, external_id) infers the reordered key.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE UNIQUE INDEX credentials_external_key ON credentials (external_id, issuer_id);
    ALTER TABLE credentials DROP CONSTRAINT credentials_issuer_id_external_id_key;
    ALTER TABLE credentials
      ADD CONSTRAINT credentials_external_key UNIQUE USING INDEX credentials_external_key;
    DROP INDEX credentials_learner_title_key;
    CREATE UNIQUE INDEX credentials_learner_title_key
      ON credentials (lower(learner_email), title, issuer_id);
    DROP INDEX credentials_email_idx;
  `);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
