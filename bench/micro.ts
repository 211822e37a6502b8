/**
 * `--profile`: the CPU cost of each step the hub takes for one page, timed
 * in isolation on a generated page (no I/O), so the wall-time breakdown of
 * bench/phases.ts can be split further. Each step is repeated and the median
 * kept.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { CanonicalCredential } from '../src/domains/credentials/canonical';
import { issuerApiConfig } from '../src/connectors/issuer-api/config';
import { credentialListPage } from '../src/connectors/issuer-api/responses';
import { normalize } from '../src/connectors/issuer-api/sync';
import type { ConnectorContext } from '../src/connectors/types';
import { credentialDataHash, newCredentialUid } from '../src/domains/credentials/credentials';
import { recordAt } from './records';

export interface MicroResult {
  step: string;
  msPerPage: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(repeats: number, fn: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < repeats + 2; i++) {
    const started = performance.now();
    fn();
    if (i >= 2) samples.push(performance.now() - started); // two warm-up rounds
  }
  return median(samples);
}

export function runMicro(db: Knex, pageSize: number, repeats = 15): MicroResult[] {
  const config = issuerApiConfig.parse({ baseUrl: 'http://127.0.0.1:1', verifyPath: null });
  const ctx = { config } as ConnectorContext<typeof config>;
  const text = JSON.stringify({
    data: Array.from({ length: pageSize }, (_, i) => recordAt(i)),
    next_page_token: String(pageSize),
    total: pageSize * 10,
  });
  const body = JSON.parse(text) as unknown;
  const raws = credentialListPage.parse(body).data;
  const credentials = raws.map((raw) => {
    const result = normalize(raw, ctx);
    if (!result.ok) throw new Error(result.message);
    return result.record;
  });
  const now = new Date();
  const credentialRows = (list: CanonicalCredential[]) =>
    list.map((credential) => ({
      uid: newCredentialUid(),
      issuerId: 1,
      connectorId: 1,
      runId: 1,
      externalId: credential.externalId,
      learnerEmail: credential.learnerEmail,
      learnerId: null,
      title: credential.title,
      issuedAt: credential.issuedAt,
      completionDate: credential.completionDate,
      maxHours: credential.maxHours,
      status: 'UNCLAIMED',
      dataHash: credentialDataHash('Bench Issuer', credential),
      pdfUrl: credential.pdfUrl,
      updatedAt: now,
    }));
  const referenceRows = () =>
    raws.map((raw, i) => ({
      connectorId: 1,
      entityType: 'credential',
      externalId: credentials[i].externalId,
      internalId: i + 1,
      payloadHash: createHash('sha256').update(JSON.stringify(raw)).digest('hex'),
      raw: JSON.stringify(raw),
      mapped: JSON.stringify(credentials[i]),
      status: 'SYNCED',
      runId: 1,
      updatedAt: now,
    }));
  const rows = credentialRows(credentials);
  const references = referenceRows();
  return [
    { step: 'JSON.parse of the page body', msPerPage: time(repeats, () => JSON.parse(text)) },
    {
      step: 'zod check of the page (credentialListPage)',
      msPerPage: time(repeats, () => credentialListPage.parse(body)),
    },
    {
      step: 'normalize x page (incl. zod email)',
      msPerPage: time(repeats, () => raws.map((raw) => normalize(raw, ctx))),
    },
    {
      step: 'credentialDataHash x page',
      msPerPage: time(repeats, () => credentials.map((c) => credentialDataHash('Bench Issuer', c))),
    },
    {
      step: 'credential rows (uid, hash) x page',
      msPerPage: time(repeats, () => credentialRows(credentials)),
    },
    {
      step: 'external_reference rows (sha256, 2x stringify)',
      msPerPage: time(repeats, referenceRows),
    },
    {
      step: 'knex compile: insert credentials ... merge',
      msPerPage: time(repeats, () =>
        db('credentials')
          .insert(rows)
          .onConflict(['issuerId', 'externalId'])
          .merge(['connectorId', 'runId', 'learnerEmail', 'title', 'updatedAt'])
          .returning(['id', 'externalId'])
          .toSQL(),
      ),
    },
    {
      step: 'knex compile: insert external_references ... merge',
      msPerPage: time(repeats, () =>
        db('externalReferences')
          .insert(references)
          .onConflict(['connectorId', 'entityType', 'externalId'])
          .merge(['internalId', 'payloadHash', 'raw', 'mapped', 'status', 'runId', 'updatedAt'])
          .toSQL(),
      ),
    },
  ];
}
