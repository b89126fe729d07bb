/**
 * Suggested pairs for a program cohort: locked pairs first, then an optimal set of pairs
 * over everyone else, with reasons for each pair and for each participant left out.
 */
import { solveMatching } from './blossom';
import { BLOCKER_CODES, type BlockerCode, type MatchReason, type UnmatchedCode } from './reasons';
import { createPairTable, type PairTable } from './pair-table';
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
  // Scores only, for every pair that passes the hard constraints: reasons are built below
  // for the pairs chosen, blocker tallies only for people left with no feasible partner.
  const table = createPairTable(pool, context, settings.excluded);
  const edges = new EdgeList();
  const partnerCounts = new Int32Array(pool.length);
  for (let i = 0; i < pool.length; i++) {
    for (let j = i + 1; j < pool.length; j++) {
      const score = table.score(i, j);
      if (Number.isNaN(score)) continue;
      edges.push(i, j, score);
      partnerCounts[i] = (partnerCounts[i] as number) + 1;
      partnerCounts[j] = (partnerCounts[j] as number) + 1;
    }
  }

  const mate = solveMatching(pool.length, ...edges.arrays(), {
    maxCardinality: settings.preferMorePairs ?? true,
  });
  const unmatched: UnmatchedParticipant[] = [];
  mate.forEach((partner, i) => {
    const candidate = pool[i] as MatchCandidate;
    if (partner > i) {
      pairs.push(toPair(evaluatePair(candidate, pool[partner] as MatchCandidate, context), false));
    } else if (partner === -1) {
      const partners = partnerCounts[i] as number;
      const blockers = partners === 0 ? blockerTally(table, pool.length, i) : undefined;
      unmatched.push({ id: candidate.id, why: whyUnmatched(pool.length, partners, blockers) });
    }
  });
  pairs.sort((x, y) => y.score - x.score || compare(x.a, y.a) || compare(x.b, y.b));
  return { pairs, unmatched };
}

/** Edges of the pair graph, in the order found, in growing typed arrays. */
class EdgeList {
  private from = new Int32Array(1024);
  private to = new Int32Array(1024);
  private weight = new Float64Array(1024);
  private length = 0;

  push(u: number, v: number, weight: number): void {
    if (this.length === this.weight.length) {
      const grow = <T extends Int32Array | Float64Array>(old: T, bigger: T): T => {
        bigger.set(old);
        return bigger;
      };
      this.from = grow(this.from, new Int32Array(2 * this.length));
      this.to = grow(this.to, new Int32Array(2 * this.length));
      this.weight = grow(this.weight, new Float64Array(2 * this.length));
    }
    this.from[this.length] = u;
    this.to[this.length] = v;
    this.weight[this.length] = weight;
    this.length++;
  }

  arrays(): [Int32Array, Int32Array, Float64Array] {
    return [
      this.from.slice(0, this.length),
      this.to.slice(0, this.length),
      this.weight.slice(0, this.length),
    ];
  }
}

/** How often each blocker rules out a partner of person i (every other pair counted). */
function blockerTally(table: PairTable, poolSize: number, i: number): Map<BlockerCode, number> {
  const counts = new Map<BlockerCode, number>();
  for (let j = 0; j < poolSize; j++) {
    if (j === i) continue;
    for (const code of i < j ? table.blockers(i, j) : table.blockers(j, i)) {
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
  }
  return counts;
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
