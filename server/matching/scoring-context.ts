/**
 * Everything about a cohort's settings that scoring needs, prepared once: the reference
 * week, each person's UTC availability (the expensive part, memoised per candidate) and
 * quick look-ups for excluded pairs, complementary sectors and kind weights.
 */
import { MatchingInputError } from './errors';
import { normalizeKey, pairKey } from './feasibility';
import { weeklyIntervals, type Interval } from './overlap';
import { PAIR_KINDS, type MatchCandidate, type MatchSettings, type PairKind } from './types';
import { referenceMonday } from './zoned-time';

export interface ScoringContext {
  /** Epoch day of the reference Monday. */
  readonly monday: number;
  intervalsOf(candidate: MatchCandidate): readonly Interval[];
  isExcluded(x: string, y: string): boolean;
  areComplementary(sectorA: string, sectorB: string): boolean;
  kindWeight(kind: PairKind): number;
}

export function createScoringContext(settings: MatchSettings): ScoringContext {
  const monday = referenceMonday(settings);
  const intervals = new WeakMap<MatchCandidate, readonly Interval[]>();
  const windowCache = new Map<string, readonly Interval[]>();
  const excluded = new Set(settings.excluded.map(([x, y]) => pairKey(x, y)));
  const complementary = new Set(
    (settings.complementarySectors ?? []).map(([x, y]) =>
      pairKey(normalizeKey(x), normalizeKey(y)),
    ),
  );
  for (const kind of PAIR_KINDS) {
    const weight = settings.kindWeights[kind];
    if (weight !== undefined && !Number.isFinite(weight)) {
      throw new MatchingInputError(`kind weight for '${kind}' must be a finite number`);
    }
  }
  return {
    monday,
    intervalsOf(candidate) {
      let cached = intervals.get(candidate);
      if (!cached) {
        cached = weeklyIntervals(candidate, monday, windowCache);
        intervals.set(candidate, cached);
      }
      return cached;
    },
    isExcluded: (x, y) => excluded.has(pairKey(x, y)),
    areComplementary: (a, b) => complementary.has(pairKey(normalizeKey(a), normalizeKey(b))),
    kindWeight: (kind) => settings.kindWeights[kind] ?? 0,
  };
}
