/**
 * Suggested pairs for a program cohort: locked pairs first, then an optimal set of pairs
 * over everyone else, with reasons for each pair and for each participant left out.
 */
import { maxWeightMatching, type WeightedEdge } from './blossom';
import { BLOCKER_CODES, type BlockerCode, type MatchReason, type UnmatchedCode } from './reasons';
import { evaluatePair, type PairEvaluation } from './score';
import { createScoringContext } from './scoring-context';
import type { MatchCandidate, MatchSettings, PairKind } from './types';
import { validateCandidates, validateLocked } from './validate';

export { suggestCircles } from './circles';
export type {
  CircleOptions,
  CircleSuggestions,
  SuggestedCircle,
  UnplacedParticipant,
} from './circles';

export interface SuggestedPair {
  /** The two ids, a before b in code-unit order, so the same pair always reads the same. */
  readonly a: string;
  readonly b: string;
  readonly score: number;
  readonly kind: PairKind;
  readonly reasons: MatchReason[];
  readonly locked: boolean;
  /** Hard constraints a locked pair breaks (facilitators may overrule); empty otherwise. */
  readonly blockers: BlockerCode[];
}

export interface UnmatchedParticipant {
  readonly id: string;
  readonly why: UnmatchedCode[];
}

export interface PairSuggestions {
  /** Highest score first. */
  readonly pairs: SuggestedPair[];
  readonly unmatched: UnmatchedParticipant[];
}

const toPair = (e: PairEvaluation, locked: boolean): SuggestedPair => ({
  a: e.a,
  b: e.b,
  score: e.score,
  kind: e.kind,
  reasons: e.reasons,
  locked,
  blockers: e.blockers,
});

/**
 * Every pair that passes the hard constraints becomes an edge weighted by its score, and
 * the blossom algorithm picks the set of disjoint pairs with the largest total: unlike a
 * greedy "best pair first", it will give up one great pair for two good ones. By default
 * it first maximises the number of pairs (`preferMorePairs`). Candidates are sorted by id
 * beforehand, so the result does not depend on the order they were given in.
 */
export function suggestPairs(
  candidates: readonly MatchCandidate[],
  settings: MatchSettings,
): PairSuggestions {
  const sorted = validateCandidates(candidates);
  const context = createScoringContext(settings);
  const byId = new Map(sorted.map((c) => [c.id, c]));
  validateLocked(settings.locked, new Set(byId.keys()), context.isExcluded);

  const pairs: SuggestedPair[] = [];
  const lockedIds = new Set<string>();
  for (const [x, y] of settings.locked) {
    const first = byId.get(x);
    const second = byId.get(y);
    if (!first || !second) continue; // validateLocked has refused unknown ids already
    const [a, b] = first.id < second.id ? [first, second] : [second, first];
    pairs.push(toPair(evaluatePair(a, b, context), true));
    lockedIds.add(a.id).add(b.id);
  }

  const pool = sorted.filter((c) => !lockedIds.has(c.id));
  const edges: WeightedEdge[] = [];
  const feasible = new Map<number, PairEvaluation>();
  const blockerCounts = pool.map(() => new Map<BlockerCode, number>());
  const partnerCounts = pool.map(() => 0);
  pool.forEach((a, i) => {
    for (let j = i + 1; j < pool.length; j++) {
      const evaluation = evaluatePair(a, pool[j] as MatchCandidate, context);
      if (evaluation.blockers.length === 0) {
        edges.push({ u: i, v: j, weight: evaluation.score });
        feasible.set(i * pool.length + j, evaluation);
        partnerCounts[i] = (partnerCounts[i] ?? 0) + 1;
        partnerCounts[j] = (partnerCounts[j] ?? 0) + 1;
        continue;
      }
      for (const code of evaluation.blockers) {
        for (const counts of [blockerCounts[i], blockerCounts[j]])
          counts?.set(code, (counts.get(code) ?? 0) + 1);
      }
    }
  });

  const mate = maxWeightMatching(pool.length, edges, {
    maxCardinality: settings.preferMorePairs ?? true,
  });
  const unmatched: UnmatchedParticipant[] = [];
  mate.forEach((partner, i) => {
    const id = (pool[i] as MatchCandidate).id;
    if (partner > i) {
      const evaluation = feasible.get(i * pool.length + partner);
      if (evaluation) pairs.push(toPair(evaluation, false));
    } else if (partner === -1) {
      unmatched.push({
        id,
        why: whyUnmatched(pool.length, partnerCounts[i] ?? 0, blockerCounts[i]),
      });
    }
  });
  pairs.sort((x, y) => y.score - x.score || compare(x.a, y.a) || compare(x.b, y.b));
  return { pairs, unmatched };
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function whyUnmatched(
  poolSize: number,
  partners: number,
  blockers: ReadonlyMap<BlockerCode, number> | undefined,
): UnmatchedCode[] {
  if (poolSize === 1) return ['no-one-left'];
  if (partners > 0) return ['partners-taken'];
  const codes = BLOCKER_CODES.filter((code) => blockers?.has(code));
  // Stable sort: ties keep BLOCKER_CODES order.
  codes.sort((x, y) => (blockers?.get(y) ?? 0) - (blockers?.get(x) ?? 0));
  return ['no-feasible-partner', ...codes];
}
