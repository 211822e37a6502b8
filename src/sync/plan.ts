/**
 * Planning a page, for every entity pipeline alike: map each record (or skip
 * it), dedupe against what is stored and what the page in flight holds,
 * then the pipeline's own checks. Plans never write; the page's transaction
 * applies them (executor.ts).
 */
import type { Knex } from 'knex';
import type { SkippedRecord } from '../pipeline/page-outcome';
import { jsonHasNul } from './storable';
import type { Candidate, EntityPipeline, Held, PageLog } from '../pipeline/types';

/** A pipeline opened for one run: its steps, and the scope they share. */
export interface OpenPipeline<Scope = unknown, Entity = unknown> {
  pipeline: EntityPipeline<unknown, Scope, Entity>;
  scope: Scope;
}

export interface PlannedPage<Entity = unknown> {
  candidates: Candidate<Entity>[];
  skipped: SkippedRecord[];
  logs: PageLog[];
}

/**
 * Decides every record of a page: what to write, what to skip and why.
 * `pending` are the candidates of the page before, still being written:
 * they count as held (see `decide`).
 */
export async function planPage<Scope, Entity>(
  db: Knex,
  open: OpenPipeline<Scope, Entity>,
  records: Record<string, unknown>[],
  pending: Candidate<Entity>[],
  signal: AbortSignal,
): Promise<PlannedPage<Entity>> {
  const { pipeline, scope } = open;
  const skipped: SkippedRecord[] = [];
  const mapped: { raw: Record<string, unknown>; entity: Entity; rawJson: string }[] = [];
  const rawText = pipeline.rawText ?? ((raw: Record<string, unknown>) => JSON.stringify(raw));
  for (const raw of records) {
    const result = pipeline.map(raw, scope);
    const mappingFailed =
      !result.ok && (result.reason === 'INVALID_RECORD' || result.reason === 'MAPPING_FAILED');
    // Made once: the NUL check reads it, and external_references store it.
    const rawJson = mappingFailed ? '' : rawText(raw);
    if (!mappingFailed && jsonHasNul(rawJson)) {
      skipped.push({
        externalId: result.ok ? pipeline.identity(result.entity) : result.externalId,
        reason: 'INVALID_RECORD',
        message: 'contains a NUL character (U+0000), which cannot be stored',
        raw,
      });
    } else if (result.ok) {
      mapped.push({ raw, entity: result.entity, rawJson });
    } else {
      skipped.push({
        externalId: result.externalId,
        reason: result.reason,
        message: result.message,
        raw,
      });
    }
  }
  const decided = await decide(db, open, mapped, pending);
  skipped.push(...decided.skipped);
  if (!pipeline.refine || decided.candidates.length === 0) {
    return { candidates: decided.candidates, skipped, logs: [] };
  }
  const refined = await pipeline.refine(scope, decided.candidates, signal);
  skipped.push(...refined.skipped);
  return { candidates: refined.kept, skipped, logs: refined.logs };
}

/**
 * The dedupe rules every entity goes through, synced or entered by hand: one
 * identity and one value of each key; an unchanged record (same identity,
 * same version) is a DUPLICATE; a changed one (same identity, new version)
 * is an update. `pending` (the candidates of a page still being written)
 * count as held in place of what the database still says of the same
 * identities, so the decisions are those a page planned after that commit
 * would make.
 */
export async function decide<Scope, Entity>(
  db: Knex,
  open: OpenPipeline<Scope, Entity>,
  mapped: { raw: Record<string, unknown>; entity: Entity; rawJson?: string }[],
  pending: Candidate<Entity>[] = [],
): Promise<{ candidates: Candidate<Entity>[]; skipped: SkippedRecord[] }> {
  const { pipeline, scope } = open;
  const keyCount = pipeline.keys.length;
  const pendingIds = new Set(pending.map((c) => c.externalId));
  const stored =
    mapped.length === 0
      ? []
      : await pipeline.lookup(
          db,
          scope,
          mapped.map((m) => m.entity),
        );
  const held: Held[] = [
    ...stored.filter((row) => !pendingIds.has(row.externalId)),
    ...pending.map(({ externalId, version, keys }) => ({ externalId, version, keys })),
  ];
  const byExternalId = new Map(held.map((row) => [row.externalId, row]));
  const byKey = Array.from(
    { length: keyCount },
    (_, i) => new Map(held.map((row) => [row.keys[i], row])),
  );
  const seenIds = new Set<string>();
  const seenKeys = Array.from({ length: keyCount }, () => new Map<string, string>());
  const candidates: Candidate<Entity>[] = [];
  const skipped: SkippedRecord[] = [];
  for (const { raw, entity, rawJson } of mapped) {
    const externalId = pipeline.identity(entity);
    const keys = pipeline.keys.map((key) => key.of(entity));
    const duplicate = (message: string) =>
      skipped.push({ externalId, reason: 'DUPLICATE', message, raw });
    if (seenIds.has(externalId)) {
      duplicate('the same external id came twice in one page');
      continue;
    }
    const inPage = keys.findIndex((key, i) => seenKeys[i].has(key));
    if (inPage >= 0) {
      const other = seenKeys[inPage].get(keys[inPage])!;
      duplicate(`${pipeline.keys[inPage].describe} as ${other} in the same page`);
      continue;
    }
    const version = pipeline.version(entity, scope);
    const same = byExternalId.get(externalId);
    if (same && same.version === version) {
      duplicate('already held, unchanged');
      continue;
    }
    const clash = keys.findIndex((key, i) => {
      const holder = byKey[i].get(key);
      return holder !== undefined && holder.externalId !== externalId;
    });
    if (clash >= 0) {
      const other = byKey[clash].get(keys[clash])!.externalId;
      duplicate(`${pipeline.keys[clash].describe} already held as ${other}`);
      continue;
    }
    seenIds.add(externalId);
    keys.forEach((key, i) => seenKeys[i].set(key, externalId));
    candidates.push({ raw, rawJson, entity, externalId, version, keys });
  }
  return { candidates, skipped };
}

/**
 * Whether two pages' candidates claim a common identity or key: such pages
 * must not be written at the same time, or each could wait for the other's
 * uncommitted row.
 */
export function sharesKeys(a: Candidate<unknown>[], b: Candidate<unknown>[]): boolean {
  // One set per key (no strings built per record): checked for every page.
  const ids = new Set<string>();
  const keys: Set<string>[] = [];
  for (const candidate of b) {
    ids.add(candidate.externalId);
    candidate.keys.forEach((key, i) => (keys[i] ??= new Set()).add(key));
  }
  return a.some(
    (candidate) =>
      ids.has(candidate.externalId) || candidate.keys.some((key, i) => keys[i]?.has(key) === true),
  );
}
