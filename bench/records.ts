/**
 * Deterministic benchmark records, generated from their index: the provider
 * and the baseline build the same rows without ever holding the data set.
 */

/** Record 0 is issued (and updated) at this instant; record i one second later per step. */
export const FIRST_AT = Date.UTC(2026, 0, 1);

export interface BenchRecord {
  id: string;
  learner_email: string;
  certificate_title: string;
  issued_at: string;
  completion_date: string;
  max_hr: number;
  pdf_url: string;
  updated_at: string;
}

const TITLES = ['Data Entry Operator', 'Retail Sales Associate', 'Field Technician', 'Welder'];

export function recordAt(index: number): BenchRecord {
  const at = new Date(FIRST_AT + index * 1000).toISOString();
  return {
    id: `b${index}`,
    learner_email: `learner${index}@example.org`,
    certificate_title: TITLES[index % TITLES.length],
    issued_at: at,
    completion_date: at,
    max_hr: 20 + (index % 80),
    pdf_url: `https://issuer.example.org/certificates/b${index}.pdf`,
    updated_at: at,
  };
}

/** The index of the first record whose updated_at is at or after `since` (inclusive, as the protocol says). */
export function firstIndexSince(since: string | null): number {
  const time = since ? Date.parse(since) : Number.NaN;
  if (!Number.isFinite(time) || time <= FIRST_AT) return 0;
  return Math.ceil((time - FIRST_AT) / 1000);
}
