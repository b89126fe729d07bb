/**
 * What a candidate circle looks like: the languages all members share, the weekly time
 * all of them are free together, and how well its members suit each other.
 */
import { normalizeKey } from './feasibility';
import { intersectIntervals, minutesInWeek, type Interval } from './overlap';
import { evaluatePair } from './score';
import type { ScoringContext } from './scoring-context';
import type { MatchCandidate } from './types';

/** A live circle needs one slot where everyone can be there at once. */
export const DEFAULT_MIN_COMMON_MINUTES = 60;
/** Points per member for whole-group time, reached with diminishing returns (as for pairs). */
const GROUP_TIME_WEIGHT = 10;
const GROUP_TIME_HALF_HOURS = 2;

export type CircleBlocker = 'excluded' | 'no-common-language' | 'no-common-time';

/** Cohort facts prepared once, indexed like `people` (sorted by id). */
export interface CircleCohort {
  readonly people: readonly MatchCandidate[];
  readonly languages: readonly ReadonlySet<string>[];
  readonly intervals: readonly (readonly Interval[])[];
  /** Pair score for every two people, -Infinity for excluded pairs. Row-major n × n. */
  readonly affinity: Float64Array;
  /** 1 where two people could sit in the same circle (language, time, not excluded). */
  readonly compatible: Uint8Array;
  readonly monday: number;
  readonly minCommonMinutes: number;
}

export interface CircleShape {
  readonly members: readonly number[];
  readonly languages: readonly string[];
  readonly commonMinutes: number;
  /** Sum of pairwise scores. */
  readonly affinity: number;
  /** What local search maximises: affinity plus a bonus for time the whole group shares. */
  readonly objective: number;
  /** The first hard constraint the group breaks, if any. */
  readonly blocker: CircleBlocker | undefined;
}

export function prepareCohort(
  people: readonly MatchCandidate[],
  context: ScoringContext,
  minCommonMinutes: number,
): CircleCohort {
  const n = people.length;
  const affinity = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const [a, b] = [people[i] as MatchCandidate, people[j] as MatchCandidate];
      // Circles are group sessions: one-way skill flows are fine there, so the pair's score
      // counts even when it would fail the reciprocity rule for a pair.
      const score = context.isExcluded(a.id, b.id) ? -Infinity : evaluatePair(a, b, context).score;
      affinity[i * n + j] = affinity[j * n + i] = score;
    }
  }
  const cohort: CircleCohort = {
    people,
    languages: people.map(
      (p) => new Set(p.languages.map((l) => normalizeKey(l).split(/[-_]/)[0] ?? '')),
    ),
    intervals: people.map((p) => context.intervalsOf(p)),
    affinity,
    compatible: new Uint8Array(n * n),
    monday: context.monday,
    minCommonMinutes,
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (shapeOf(cohort, [i, j]).blocker !== undefined) continue;
      cohort.compatible[i * n + j] = cohort.compatible[j * n + i] = 1;
    }
  }
  return cohort;
}

/** True if `person` is pairwise compatible with every member: necessary, and cheap to test. */
export function fitsPairwise(
  cohort: CircleCohort,
  members: readonly number[],
  person: number,
): boolean {
  const row = person * cohort.people.length;
  return members.every((m) => m === person || cohort.compatible[row + m] === 1);
}

export function shapeOf(cohort: CircleCohort, members: readonly number[]): CircleShape {
  const n = cohort.people.length;
  let languages: string[] = [];
  let common: readonly Interval[] = [];
  let affinity = 0;
  for (let x = 0; x < members.length; x++) {
    const i = members[x] as number;
    const own = cohort.languages[i] ?? new Set<string>();
    const intervals = cohort.intervals[i] ?? [];
    languages = x === 0 ? [...own].sort() : languages.filter((l) => own.has(l));
    common = x === 0 ? intervals : intersectIntervals(common, intervals);
    for (let y = 0; y < x; y++) affinity += cohort.affinity[i * n + (members[y] as number)] ?? 0;
  }
  const commonMinutes = minutesInWeek(common, cohort.monday);
  const blocker: CircleBlocker | undefined =
    affinity === -Infinity
      ? 'excluded'
      : languages.length === 0
        ? 'no-common-language'
        : commonMinutes < cohort.minCommonMinutes
          ? 'no-common-time'
          : undefined;
  const timeBonus = 1 - 2 ** (-commonMinutes / 60 / GROUP_TIME_HALF_HOURS);
  const objective = affinity + GROUP_TIME_WEIGHT * members.length * timeBonus;
  return { members, languages, commonMinutes, affinity, objective, blocker };
}
