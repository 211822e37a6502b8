/**
 * The reconciliation engine: set-based SQL over one cycle, in the caller's
 * transaction. Each pass is one statement over what the passes before it
 * left; nothing loops over records in JavaScript. Working sets are temporary
 * tables dropped at commit:
 *
 *   (pass 1)   one full join of the cycle's transactions and settlements:
 *              its pairs go straight into the result, the rest into lt, ls
 *   lt, ls     what pass 1 left; later passes and the exceptions work on these
 *   mref       references that matched in pass 1 and have a transaction left
 *   pairs      (grp, rule, tid, sid): the later passes' pairs, one row per
 *              transaction-settlement pair of a match; a split's share its grp
 *   ex         the exceptions, with their records as sorted id arrays
 *
 * Amounts stay `numeric` throughout: sums and differences are exact.
 */
import type { Knex } from 'knex';
import { SETTLED_STATUSES, type ReconRules } from './rules';

export interface EngineInput {
  reconciliationId: number;
  cycleDate: string;
  pgConnectorId: number;
  bankConnectorId: number;
  rules: ReconRules;
}

/** Called between statements; throws to stop (cancellation, shutdown). */
export type Checkpoint = (step: string) => void;

export interface EngineResult {
  pgCount: number;
  bankCount: number;
  matchedCount: number;
  exceptionCount: number;
  pgAmount: string;
  bankAmount: string;
  matchedAmount: string;
  byStatus: { status: string; count: number; amount: string }[];
  byRule: { rule: string; count: number; amount: string }[];
}

/** The settled statuses as SQL literals (constants of ours, not input). */
const SETTLED_SQL = SETTLED_STATUSES.map((status) => `'${status}'`).join(', ');

/** work_mem of a reconciliation's transaction: its window sorts and hash joins fit in it. */
export const WORK_MEM = '256MB';

/** One-to-one matches per stored row (ids grouped by id / MATCH_BATCH). */
const MATCH_BATCH = 10_000;

/** How many times the tolerance pass may run (each run pairs mutual nearest neighbours). */
const TOLERANCE_ROUNDS = 5;

/** `a` and `b` (numeric SQL expressions) are within the rules' tolerance of `base`. */
function within(a: string, b: string, base: string): string {
  return `(abs(${a} - ${b}) <= (SELECT tol FROM params)
    OR abs(${a} - ${b}) <= (SELECT pct FROM params) * abs(${base}) / 100)`;
}

const unpairedT = (alias: string) => `NOT EXISTS (SELECT 1 FROM pairs p WHERE p.tid = ${alias}.id)`;
const unpairedS = (alias: string) => `NOT EXISTS (SELECT 1 FROM pairs p WHERE p.sid = ${alias}.id)`;
const pairedT = (alias: string) => `EXISTS (SELECT 1 FROM pairs p WHERE p.tid = ${alias}.id)`;
const pairedS = (alias: string) => `EXISTS (SELECT 1 FROM pairs p WHERE p.sid = ${alias}.id)`;
const untakenT = (alias: string) => `NOT EXISTS (SELECT 1 FROM taken_t k WHERE k.id = ${alias}.id)`;
const untakenS = (alias: string) => `NOT EXISTS (SELECT 1 FROM taken_s k WHERE k.id = ${alias}.id)`;

/**
 * Reconciles one cycle into recon_matches and recon_exceptions under
 * `reconciliationId` and returns its summary. Call inside a transaction.
 */
export async function reconcileCycle(
  trx: Knex.Transaction,
  input: EngineInput,
  checkpoint: Checkpoint = () => undefined,
): Promise<EngineResult> {
  const run = async (step: string, sql: string, bindings: readonly Knex.RawBinding[] = []) => {
    checkpoint(step);
    const result = (await trx.raw(sql, bindings)) as { rowCount: number | null };
    return result.rowCount ?? 0;
  };
  const { rules } = input;

  // A cycle's sorts and hashes stay in memory (this transaction only).
  await run('memory', `SET LOCAL work_mem = '${WORK_MEM}'`);
  // The parameters once, read by every statement.
  await run(
    'params',
    `CREATE TEMP TABLE params ON COMMIT DROP AS
       SELECT ?::numeric AS tol, ?::numeric AS pct, ?::date AS cycle, ?::int AS window_days`,
    [
      rules.amountTolerance,
      String(rules.amountTolerancePercent),
      input.cycleDate,
      rules.dateWindowDays,
    ],
  );
  // Settlements a stored result of another cycle (any gateway) matched are not matched again.
  await run(
    'claimed',
    `CREATE TEMP TABLE claimed ON COMMIT DROP AS
       SELECT DISTINCT unnest(m.settlement_ids) AS id
         FROM reconciliations r JOIN recon_matches m ON m.reconciliation_id = r.id
        WHERE r.current AND r.bank_connector_id = ? AND r.cycle_date <> ?::date
          AND r.cycle_date BETWEEN ?::date - 31 AND ?::date + ?::int`,
    [
      input.bankConnectorId,
      input.cycleDate,
      input.cycleDate,
      input.cycleDate,
      rules.dateWindowDays,
    ],
  );
  // Usually none: then the bank side is read without the anti-join.
  checkpoint('claimed?');
  const anyClaimed = (
    (await trx.raw('SELECT EXISTS (SELECT 1 FROM claimed) AS found')) as {
      rows: { found: boolean }[];
    }
  ).rows[0]!.found;
  if (anyClaimed) await run('analyze claimed', 'ANALYZE claimed');

  // The working tables the passes fill. References are compared byte for
  // byte (COLLATE "C"): equality is the same, and sorting and hashing them
  // skips the locale's collation rules, several times faster.
  await run(
    'tables',
    `CREATE TEMP TABLE lt (
       id bigint NOT NULL, ref text COLLATE "C", amount numeric NOT NULL, txn_id text, raw_ref text,
       n bigint NOT NULL
     ) ON COMMIT DROP;
     CREATE TEMP TABLE ls (
       id bigint NOT NULL, ref text COLLATE "C" NOT NULL, amount numeric NOT NULL, txn_id text,
       raw_ref text, n bigint NOT NULL
     ) ON COMMIT DROP;
     CREATE TEMP TABLE mref (ref text COLLATE "C" NOT NULL) ON COMMIT DROP;
     CREATE TEMP TABLE pairs (
       grp bigint NOT NULL, rule text NOT NULL, tid bigint NOT NULL, sid bigint NOT NULL,
       ta numeric NOT NULL, sa numeric NOT NULL
     ) ON COMMIT DROP;`,
  );

  // Pass 1, REFERENCE_EXACT, in one full join of the cycle's two sides: the
  // n-th copy of a (reference, amount) on one side pairs with the n-th on the
  // other, so each record matches once. Most of a cycle matches here; its
  // pairs are written to the result as they come out of the join, and what
  // is left of each side goes to lt / ls (n kept: a copy after the first is
  // a duplicate) for the later passes. mref: references with a match here
  // and a transaction left over.
  // The pairs are grouped into batches by a hash aggregate, not a sort of them
  // all: the planner cannot know that tid / MATCH_BATCH has few values. The
  // window sorts below are the only way to number copies and are kept.
  await run('hash batches', 'SET LOCAL enable_sort = off');
  checkpoint('REFERENCE_EXACT');
  const pass1 = (await trx.raw(
    `WITH t AS (
       SELECT id, nullif(upper(btrim(bank_reference)), '') COLLATE "C" AS ref, amount
         FROM transactions
        WHERE connector_id = ? AND cycle_date = ?::date AND status IN (${SETTLED_SQL})
     ), s AS (
       SELECT s.id, upper(btrim(s.bank_reference)) COLLATE "C" AS ref, s.amount
         FROM settlements s
        WHERE s.connector_id = ?
          AND s.value_date BETWEEN ?::date AND ?::date + ?::int
          -- a file's rows become visible when its last page commits
          AND (s.pending_sha256 IS NULL OR s.ingested_sha256 IS NOT NULL)
          ${anyClaimed ? 'AND NOT EXISTS (SELECT 1 FROM claimed c WHERE c.id = s.id)' : ''}
     ), j AS (
       SELECT t.id AS tid, t.ref AS tref, t.amount AS ta, t.n AS tn,
              s.id AS sid, s.ref AS sref, s.amount AS sa, s.n AS sn
         FROM (SELECT t.*, row_number() OVER (PARTITION BY ref, amount ORDER BY id) AS n FROM t) t
         FULL JOIN (SELECT s.*, row_number() OVER (PARTITION BY ref, amount ORDER BY id) AS n
                      FROM s) s
           ON s.ref = t.ref AND s.amount = t.amount AND s.n = t.n
     ), matches AS (
       INSERT INTO recon_matches
         (reconciliation_id, rule, paired, transaction_ids, settlement_ids, pg_amount, bank_amount)
       SELECT ?::bigint, 'REFERENCE_EXACT', true, array_agg(tid), array_agg(sid), sum(ta), sum(sa)
         FROM j WHERE tid IS NOT NULL AND sid IS NOT NULL GROUP BY tid / ${MATCH_BATCH}
     ), left_t AS (
       -- the few left over: their txn id and reference text read by primary key
       INSERT INTO lt
       SELECT j.tid, j.tref, j.ta, x.txn_id, x.bank_reference, j.tn
         FROM j JOIN transactions x ON x.id = j.tid WHERE j.sid IS NULL
     ), left_s AS (
       INSERT INTO ls
       SELECT j.sid, j.sref, j.sa, nullif(btrim(x.txn_id), ''), x.bank_reference, j.sn
         FROM j JOIN settlements x ON x.id = j.sid WHERE j.tid IS NULL
     ), matched_refs AS (
       INSERT INTO mref
       SELECT DISTINCT tref FROM j
        WHERE tid IS NOT NULL AND sid IS NOT NULL
          AND tref IN (SELECT tref FROM j WHERE sid IS NULL AND tref IS NOT NULL)
     )
     SELECT count(tid)::int AS pg_count, coalesce(sum(ta), 0)::text AS pg_amount,
            count(sid)::int AS bank_count, coalesce(sum(sa), 0)::text AS bank_amount,
            count(*) FILTER (WHERE tid IS NOT NULL AND sid IS NOT NULL)::int AS exact_count,
            coalesce(sum(ta) FILTER (WHERE tid IS NOT NULL AND sid IS NOT NULL), 0)::text
              AS exact_amount
       FROM j`,
    [
      input.pgConnectorId,
      input.cycleDate,
      input.bankConnectorId,
      input.cycleDate,
      input.cycleDate,
      rules.dateWindowDays,
      input.reconciliationId,
    ],
  )) as {
    rows: {
      pg_count: number;
      pg_amount: string;
      bank_count: number;
      bank_amount: string;
      exact_count: number;
      exact_amount: string;
    }[];
  };
  const sides = pass1.rows[0]!;
  await run('sorts again', 'SET LOCAL enable_sort = on');

  await run(
    'left',
    `CREATE INDEX ON lt (ref); CREATE INDEX ON lt (id);
     CREATE INDEX ON ls (ref); CREATE INDEX ON ls (txn_id); CREATE INDEX ON ls (id);
     CREATE INDEX ON pairs (tid); CREATE INDEX ON pairs (sid);
     ANALYZE lt; ANALYZE ls;`,
  );

  // Pass 2, REFERENCE_TOLERANCE: on one reference, pairs that are each
  // other's nearest amount within the tolerance; repeated while it pairs more.
  for (let round = 0; round < TOLERANCE_ROUNDS; round += 1) {
    const paired = await run(
      'REFERENCE_TOLERANCE',
      `INSERT INTO pairs (grp, rule, tid, sid, ta, sa)
       SELECT c.sid, 'REFERENCE_TOLERANCE', c.tid, c.sid, c.ta, c.sa FROM (
         SELECT t.id AS tid, s.id AS sid, t.amount AS ta, s.amount AS sa,
                row_number() OVER (PARTITION BY t.id ORDER BY abs(t.amount - s.amount), s.id) AS bt,
                row_number() OVER (PARTITION BY s.id ORDER BY abs(t.amount - s.amount), t.id) AS bs
           FROM lt t JOIN ls s ON s.ref = t.ref
          WHERE ${unpairedT('t')} AND ${unpairedS('s')}
            AND ${within('t.amount', 's.amount', 't.amount')}
       ) c WHERE c.bt = 1 AND c.bs = 1`,
    );
    if (paired === 0) break;
  }

  // Pass 3, TXN_ID: a transaction without a reference and the settlement
  // that names its txnId (txnId is unique per connector: one to one).
  await run(
    'TXN_ID',
    `INSERT INTO pairs (grp, rule, tid, sid, ta, sa)
     SELECT c.sid, 'TXN_ID', c.tid, c.sid, c.ta, c.sa FROM (
       SELECT t.id AS tid, s.id AS sid, t.amount AS ta, s.amount AS sa,
              row_number() OVER (PARTITION BY t.id ORDER BY abs(t.amount - s.amount), s.id) AS bt
         FROM lt t JOIN ls s ON s.txn_id = t.txn_id
        WHERE t.ref IS NULL AND ${unpairedT('t')} AND ${unpairedS('s')}
          AND ${within('t.amount', 's.amount', 't.amount')}
     ) c WHERE c.bt = 1`,
  );

  // Pass 4, SPLIT: every unmatched transaction of a reference against one
  // settlement of their sum; then one transaction against every unmatched
  // settlement of its reference.
  await run(
    'SPLIT (several transactions)',
    `INSERT INTO pairs (grp, rule, tid, sid, ta, sa)
     WITH g AS (
       SELECT ref, sum(amount) AS total FROM lt t
        WHERE ref IS NOT NULL AND ${unpairedT('t')} GROUP BY ref HAVING count(*) >= 2
     ), c AS (
       SELECT g.ref, s.id AS sid, s.amount AS sa,
              row_number() OVER (PARTITION BY g.ref ORDER BY abs(g.total - s.amount), s.id) AS b
         FROM g JOIN ls s ON s.ref = g.ref
        WHERE ${unpairedS('s')} AND ${within('g.total', 's.amount', 'g.total')}
     )
     SELECT c.sid, 'SPLIT', t.id, c.sid, t.amount, c.sa
       FROM c JOIN lt t ON t.ref = c.ref AND ${unpairedT('t')}
      WHERE c.b = 1`,
  );
  await run(
    'SPLIT (several settlements)',
    `INSERT INTO pairs (grp, rule, tid, sid, ta, sa)
     WITH g AS (
       SELECT ref, sum(amount) AS total FROM ls s
        WHERE ${unpairedS('s')} GROUP BY ref HAVING count(*) >= 2
     ), c AS (
       SELECT g.ref, t.id AS tid, t.amount AS ta,
              row_number() OVER (PARTITION BY g.ref ORDER BY abs(t.amount - g.total), t.id) AS b
         FROM g JOIN lt t ON t.ref = g.ref
        WHERE ${unpairedT('t')} AND ${within('t.amount', 'g.total', 't.amount')}
     )
     SELECT -c.tid, 'SPLIT', c.tid, s.id, c.ta, s.amount
       FROM c JOIN ls s ON s.ref = c.ref AND ${unpairedS('s')}
      WHERE c.b = 1`,
  );

  // Exceptions, over what no pass matched. taken_t/taken_s: records already
  // in an exception, so each record lands in exactly one.
  await run(
    'exceptions',
    `CREATE TEMP TABLE ex (
       status text NOT NULL, tids bigint[] NOT NULL, sids bigint[] NOT NULL,
       pa numeric, ba numeric, txn_id text, ref text, detail text
     ) ON COMMIT DROP;
     DELETE FROM lt t WHERE ${pairedT('t')};
     DELETE FROM ls s WHERE ${pairedS('s')};
     CREATE TEMP TABLE taken_t (id bigint PRIMARY KEY) ON COMMIT DROP;
     CREATE TEMP TABLE taken_s (id bigint PRIMARY KEY) ON COMMIT DROP;`,
  );
  // Another copy of the same reference and amount that matched, or an earlier one: a double.
  await run(
    'DUPLICATE (bank copies)',
    `WITH d AS (
       INSERT INTO ex (status, tids, sids, ba, ref, detail)
       SELECT 'DUPLICATE', '{}', ARRAY[s.id], s.amount, s.raw_ref,
              'the bank settled this reference and amount more than once'
         FROM ls s
        WHERE s.n > 1
       RETURNING sids[1] AS id
     ) INSERT INTO taken_s SELECT id FROM d`,
  );
  await run(
    'DUPLICATE (gateway copies)',
    `WITH d AS (
       INSERT INTO ex (status, tids, sids, pa, txn_id, ref, detail)
       SELECT 'DUPLICATE', ARRAY[t.id], '{}', t.amount, t.txn_id, t.raw_ref,
              'the gateway reported this reference and amount more than once'
         FROM lt t
        WHERE t.ref IS NOT NULL AND t.n > 1
       RETURNING tids[1] AS id
     ) INSERT INTO taken_t SELECT id FROM d`,
  );
  // Several gateway transactions on a reference the bank settled that no split accepted.
  await run(
    'DUPLICATE (several transactions, one reference)',
    `WITH g AS (
       SELECT t.ref, array_agg(t.id ORDER BY t.id) AS tids, sum(t.amount) AS pa,
              min(t.txn_id) AS txn_id, min(t.raw_ref) AS raw_ref
         FROM lt t WHERE t.ref IS NOT NULL AND ${untakenT('t')}
        GROUP BY t.ref HAVING count(*) >= 2
     ), b AS (
       SELECT g.*, coalesce(array_agg(s.id ORDER BY s.id) FILTER (WHERE s.id IS NOT NULL), '{}') AS sids,
              sum(s.amount) AS ba
         FROM g LEFT JOIN ls s ON s.ref = g.ref AND ${untakenS('s')}
        GROUP BY g.ref, g.tids, g.pa, g.txn_id, g.raw_ref
     ), d AS (
       INSERT INTO ex (status, tids, sids, pa, ba, txn_id, ref, detail)
       SELECT 'DUPLICATE', b.tids, b.sids, b.pa, b.ba, b.txn_id, b.raw_ref,
              cardinality(b.tids) || ' gateway transactions on one reference that do not sum to its settlement'
         FROM b
        WHERE cardinality(b.sids) > 0 OR EXISTS (SELECT 1 FROM mref m WHERE m.ref = b.ref)
       RETURNING tids, sids
     ), dt AS (INSERT INTO taken_t SELECT unnest(tids) FROM d)
     INSERT INTO taken_s SELECT unnest(sids) FROM d`,
  );
  // Same reference (or, without one, the txnId the settlement names), amounts no pass accepted.
  await run(
    'AMOUNT_MISMATCH',
    `WITH t AS (
       SELECT t.*, row_number() OVER (PARTITION BY ref ORDER BY amount, id) AS k
         FROM lt t WHERE ref IS NOT NULL AND ${untakenT('t')}
     ), s AS (
       SELECT s.*, row_number() OVER (PARTITION BY ref ORDER BY amount, id) AS k
         FROM ls s WHERE ${untakenS('s')}
     ), byref AS (
       SELECT t.id AS tid, s.id AS sid, t.amount AS pa, s.amount AS ba, t.txn_id, s.raw_ref
         FROM t JOIN s ON s.ref = t.ref AND s.k = t.k
     ), byid AS (
       SELECT DISTINCT ON (t.id) t.id AS tid, s.id AS sid, t.amount AS pa, s.amount AS ba,
              t.txn_id, s.raw_ref
         FROM lt t JOIN ls s ON s.txn_id = t.txn_id
        WHERE t.ref IS NULL AND ${untakenT('t')} AND ${untakenS('s')}
        ORDER BY t.id, abs(t.amount - s.amount), s.id
     ), d AS (
       INSERT INTO ex (status, tids, sids, pa, ba, txn_id, ref, detail)
       SELECT 'AMOUNT_MISMATCH', ARRAY[tid], ARRAY[sid], pa, ba, txn_id, raw_ref,
              'the amounts differ by more than the tolerance'
         FROM (SELECT * FROM byref UNION ALL
               SELECT * FROM byid WHERE sid NOT IN (SELECT sid FROM byref)) m
       RETURNING tids[1] AS tid, sids[1] AS sid
     ), dt AS (INSERT INTO taken_t SELECT tid FROM d)
     INSERT INTO taken_s SELECT sid FROM d`,
  );
  await run(
    'MISSING',
    `INSERT INTO ex (status, tids, sids, pa, txn_id, ref, detail)
     SELECT 'MISSING_IN_BANK', ARRAY[t.id], '{}', t.amount, t.txn_id, t.raw_ref,
            'no settlement for it in the window'
       FROM lt t WHERE ${untakenT('t')};
     INSERT INTO ex (status, tids, sids, ba, ref, detail)
     SELECT 'MISSING_IN_PG', '{}', ARRAY[s.id], s.amount, s.raw_ref,
            'no successful gateway transaction for it in the cycle'
       FROM ls s WHERE ${untakenS('s')};`,
  );

  // The result, under the reconciliation's id. One-to-one matches are
  // stored in batches of pairs (transaction_ids[k] with settlement_ids[k]),
  // a split as one row: a result of a million matches is a few hundred rows.
  await run(
    'write matches',
    `INSERT INTO recon_matches
       (reconciliation_id, rule, paired, transaction_ids, settlement_ids, pg_amount, bank_amount)
     SELECT ?::bigint, rule, true, array_agg(tid), array_agg(sid), sum(ta), sum(sa)
       FROM pairs WHERE rule <> 'SPLIT' GROUP BY rule, tid / ${MATCH_BATCH}
     UNION ALL
     SELECT ?::bigint, 'SPLIT', false, g.tids, g.sids,
            (SELECT sum(amount) FROM transactions WHERE id = ANY (g.tids)),
            (SELECT sum(amount) FROM settlements WHERE id = ANY (g.sids))
       FROM (SELECT array_agg(DISTINCT tid ORDER BY tid) AS tids,
                    array_agg(DISTINCT sid ORDER BY sid) AS sids
               FROM pairs WHERE rule = 'SPLIT' GROUP BY grp) g`,
    [input.reconciliationId, input.reconciliationId],
  );
  await run(
    'write exceptions',
    `INSERT INTO recon_exceptions
       (reconciliation_id, status, transaction_ids, settlement_ids, pg_transaction_id,
        bank_reference, pg_amount, bank_amount, difference, detail, signature)
     SELECT ?, status, tids, sids, txn_id, ref, pa, ba, pa - ba, detail,
            status || ':' || array_to_string(tids, ',') || ':' || array_to_string(sids, ',')
       FROM ex`,
    [input.reconciliationId],
  );

  checkpoint('summary');
  const { rows } = (await trx.raw(
    `
    WITH rules AS (
      -- each matched transaction once, with its amount (a 1:N split lists it N times)
      SELECT 'REFERENCE_EXACT' AS rule, ?::int AS count, ?::numeric AS amount
      UNION ALL
      SELECT rule, count(*)::int, sum(ta) FROM pairs WHERE rule <> 'SPLIT' GROUP BY rule
      UNION ALL
      SELECT 'SPLIT', count(*)::int, sum(ta)
        FROM (SELECT DISTINCT tid, ta FROM pairs WHERE rule = 'SPLIT') x HAVING count(*) > 0
    ), statuses AS (
      SELECT status, count(*)::int AS count, sum(coalesce(pa, ba))::text AS amount
        FROM ex GROUP BY status
    )
    SELECT (SELECT sum(count) FROM rules)::int AS matched_count,
           (SELECT coalesce(sum(amount), 0) FROM rules)::text AS matched_amount,
           (SELECT count(*) FROM ex)::int AS exception_count,
           (SELECT json_agg(json_build_object('rule', rule, 'count', count, 'amount', amount::text))
              FROM rules WHERE count > 0) AS by_rule,
           (SELECT coalesce(json_agg(statuses), '[]') FROM statuses) AS by_status`,
    [sides.exact_count, sides.exact_amount],
  )) as {
    rows: {
      matched_count: number;
      matched_amount: string;
      exception_count: number;
      by_rule: { rule: string; count: number; amount: string }[] | null;
      by_status: { status: string; count: number; amount: string }[];
    }[];
  };
  const row = rows[0]!;
  return {
    pgCount: sides.pg_count,
    bankCount: sides.bank_count,
    matchedCount: row.matched_count,
    exceptionCount: row.exception_count,
    pgAmount: sides.pg_amount,
    bankAmount: sides.bank_amount,
    matchedAmount: row.matched_amount,
    byStatus: row.by_status,
    byRule: row.by_rule ?? [],
  };
}
