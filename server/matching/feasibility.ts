/**
 * Hard constraints of a pair and the set comparisons they rest on. Keys (skills, goals,
 * sectors) are compared trimmed and lower-cased; languages by their primary subtag.
 */
import type { BlockerCode } from './reasons';
import type { MatchCandidate } from './types';

/** At least this much weekly overlap, or the pair could not meet regularly. */
export const MIN_OVERLAP_MINUTES = 60;

export function normalizeKey(key: string): string {
  return key.trim().toLowerCase();
}

/** Sorted, de-duplicated intersection of two key lists. */
export function sharedKeys(a: readonly string[], b: readonly string[]): string[] {
  const right = new Set(b.map(normalizeKey));
  return [...new Set(a.map(normalizeKey))].filter((k) => k !== '' && right.has(k)).sort();
}

/** Languages both speak, by primary subtag: 'fr-CA' and 'fr' are the same language here. */
export function sharedLanguages(a: MatchCandidate, b: MatchCandidate): string[] {
  const primary = (tag: string): string => normalizeKey(tag).split(/[-_]/)[0] ?? '';
  return sharedKeys(a.languages.map(primary), b.languages.map(primary));
}

/** What `from` can teach that `to` wants to learn. */
export function skillFlow(from: MatchCandidate, to: MatchCandidate): string[] {
  return sharedKeys(from.offers, to.wants);
}

/** Company identity ignoring case and all white space: 'Kori Textiles' = 'kori  textiles'. */
export function companyKey(name: string | undefined): string | undefined {
  const key = name?.normalize('NFC').toLowerCase().replace(/\s+/g, '');
  return key === '' ? undefined : key;
}

/** Order-independent key of a pair of ids. */
export function pairKey(x: string, y: string): string {
  return x < y ? JSON.stringify([x, y]) : JSON.stringify([y, x]);
}

export interface PairFacts {
  readonly excluded: boolean;
  readonly languages: readonly string[];
  readonly overlapMinutes: number;
  readonly aToB: readonly string[];
  readonly bToA: readonly string[];
}

/**
 * Every hard constraint the pair breaks, in BLOCKER_CODES order. A pair that is not
 * reciprocal (either direction of learning empty) is blocked rather than penalised: the
 * program promise is that each woman is mentor and mentee, and a one-way pair cannot
 * keep it whatever its other merits.
 */
export function blockersFor(a: MatchCandidate, b: MatchCandidate, facts: PairFacts): BlockerCode[] {
  const blockers: BlockerCode[] = [];
  if (a.id === b.id) blockers.push('same-person');
  if (facts.excluded) blockers.push('excluded');
  const company = companyKey(a.companyName);
  if (company !== undefined && company === companyKey(b.companyName)) blockers.push('same-company');
  if (facts.languages.length === 0) blockers.push('no-shared-language');
  if (facts.overlapMinutes < MIN_OVERLAP_MINUTES) blockers.push('insufficient-overlap');
  if (facts.aToB.length === 0 || facts.bToA.length === 0) blockers.push('not-reciprocal');
  return blockers;
}
