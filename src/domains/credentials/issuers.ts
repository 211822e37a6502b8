import type { Knex } from 'knex';

/** The issuer credentials are issued under, by name (case-insensitive), created when missing. */
export async function findOrCreateIssuer(
  db: Knex | Knex.Transaction,
  config: { issuerName: string; providerId?: string },
): Promise<number> {
  const name = config.issuerName.trim();
  const existing = await db('issuers').whereRaw('lower(name) = lower(?)', [name]).first('id');
  if (existing) return (existing as { id: number }).id;
  // Another process may create it at the same moment: the unique index decides.
  const result = await db.raw<{ rows: { id: number }[] }>(
    `INSERT INTO issuers (name, provider_id) VALUES (?, ?)
     ON CONFLICT ((lower(name))) DO UPDATE SET name = issuers.name
     RETURNING id`,
    [name, config.providerId ?? null],
  );
  return result.rows[0].id;
}
