/**
 * Circles: groups of minSize–maxSize participants who all share at least one language and
 * at least an hour a week when everyone is free at once (a circle meets live).
 *
 * Partitioning into such groups optimally is NP-hard, so this is a heuristic, in three steps:
 * 1. Seeds: as many circles as needed to stay within maxSize, each started from a valid
 *    group of minSize people (bounded depth-first search) around someone compatible with
 *    as few members of earlier seeds as possible — so circles start in different language
 *    and time-zone groups — and, among those, with the fewest compatible peers: placed
 *    last, she would be left out.
 * 2. Growth: repeatedly place the unplaced participant with the fewest circles able to
 *    take her (most constrained first) in the circle where she adds the most, first up to
 *    balanced target sizes, then up to maxSize.
 * 3. Local search: swap two members of different circles whenever that raises the summed
 *    objective (pairwise scores plus whole-group time) and keeps both circles valid, and
 *    insert anyone still unplaced where there is room; until a pass changes nothing.
 *    Then, if enough people are still unplaced, steps 1–3 run again on them alone.
 * Swaps keep sizes as balanced as growth made them; moving single members would instead
 * drift towards a few large circles, because pairwise sums grow with the square of size.
 * The result is a good local optimum, not a proven best one. Locked pairs apply to pairs
 * only; excluded pairs are never put in the same circle.
 */
import { MatchingInputError } from './errors';
import {
  DEFAULT_MIN_COMMON_MINUTES,
  prepareCohort,
  shapeOf,
  type CircleBlocker,
} from './circle-shape';
import { improveCircles } from './circle-search';
import { seedAndGrow } from './circle-seeding';
import { createScoringContext } from './scoring-context';
import type { MatchCandidate, MatchSettings } from './types';
import { validateCandidates } from './validate';

export interface CircleOptions {
  readonly minSize: number;
  readonly maxSize: number;
  /** Weekly minutes when all members are free together; default 60. */
  readonly minCommonMinutes?: number;
}

export interface SuggestedCircle {
  /** Member ids, sorted. */
  readonly members: string[];
  /** Languages every member speaks (primary subtags). */
  readonly languages: string[];
  readonly commonMinutes: number;
  /** Sum of the members' pairwise scores. */
  readonly score: number;
}

export type UnplacedCode = CircleBlocker | 'circle-full' | 'too-few-participants';
const UNPLACED_ORDER: readonly UnplacedCode[] = [
  'too-few-participants',
  'excluded',
  'no-common-language',
  'no-common-time',
  'circle-full',
];

export interface UnplacedParticipant {
  readonly id: string;
  /** Every reason that kept her out of one of the circles, in a fixed order. */
  readonly why: UnplacedCode[];
}

export interface CircleSuggestions {
  readonly circles: SuggestedCircle[];
  readonly unplaced: UnplacedParticipant[];
}

export function suggestCircles(
  candidates: readonly MatchCandidate[],
  options: CircleOptions,
  settings: MatchSettings,
): CircleSuggestions {
  const { minSize, maxSize } = options;
  if (
    !Number.isInteger(minSize) ||
    !Number.isInteger(maxSize) ||
    minSize < 2 ||
    maxSize < minSize
  ) {
    throw new MatchingInputError(`circle sizes must be integers with 2 ≤ minSize ≤ maxSize`);
  }
  const people = validateCandidates(candidates);
  const context = createScoringContext(settings);
  const cohort = prepareCohort(
    people,
    context,
    options.minCommonMinutes ?? DEFAULT_MIN_COMMON_MINUTES,
  );
  const everyone = people.map((_, i) => i);
  const { circles, rest } = seedAndGrow(cohort, everyone, minSize, maxSize);
  improveCircles(cohort, circles, rest, maxSize);
  // People left over may still be able to form circles of their own (another language
  // group, say); keep trying until a round forms none.
  while (rest.length >= minSize) {
    const more = seedAndGrow(cohort, rest, minSize, maxSize);
    if (more.circles.length === 0) break;
    circles.push(...more.circles);
    rest.splice(0, rest.length, ...more.rest);
    improveCircles(cohort, circles, rest, maxSize);
  }

  const idOf = (i: number): string => (people[i] as MatchCandidate).id;
  const suggested = circles.map((members): SuggestedCircle => {
    const shape = shapeOf(cohort, members);
    return {
      members: members.map(idOf).sort(),
      languages: [...shape.languages],
      commonMinutes: shape.commonMinutes,
      score: Math.round(shape.affinity * 10) / 10,
    };
  });
  suggested.sort(
    (x, y) => y.score - x.score || (x.members[0] ?? '').localeCompare(y.members[0] ?? ''),
  );
  const unplaced = [...rest]
    .sort((x, y) => x - y)
    .map((i): UnplacedParticipant => {
      const codes = new Set<UnplacedCode>(circles.length === 0 ? ['too-few-participants'] : []);
      for (const members of circles) {
        if (members.length >= maxSize) codes.add('circle-full');
        else codes.add(shapeOf(cohort, [...members, i]).blocker ?? 'circle-full');
      }
      return { id: idOf(i), why: UNPLACED_ORDER.filter((code) => codes.has(code)) };
    });
  return { circles: suggested, unplaced };
}
