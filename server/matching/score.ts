/**
 * The two-way score of a pair and the reasons behind it. The score is the sum of the
 * reasons' weights, so what the UI shows always adds up to what the optimiser used.
 */
import { blockersFor, normalizeKey, sharedKeys, sharedLanguages, skillFlow } from './feasibility';
import { intersectIntervals, minutesInWeek } from './overlap';
import { classifyPair } from './regions';
import type { BlockerCode, MatchReason, Role } from './reasons';
import { createScoringContext, type ScoringContext } from './scoring-context';
import { STAGES, type MatchCandidate, type MatchSettings, type PairKind } from './types';

/**
 * Points per component. Skills dominate because the exchange is the point of a pair;
 * stage, sector and goals shape how well the two understand each other; meeting time
 * helps with diminishing returns (the first hours matter most).
 */
export const SCORE_WEIGHTS = {
  firstSkill: 12,
  extraSkill: 4,
  skillsCounted: 3,
  /** Indexed by the distance between stages (idea → established is 3). */
  stageByDistance: [6, 4, 1, 0],
  sharedSector: 5,
  complementarySectors: 3,
  perSharedGoal: 3,
  goalsCounted: 3,
  overlapMax: 10,
  /** Hours of weekly overlap that earn half of overlapMax. */
  overlapHalfHours: 2,
} as const;

export interface PairEvaluation {
  readonly a: string;
  readonly b: string;
  readonly kind: PairKind;
  readonly score: number;
  readonly reasons: MatchReason[];
  /** Hard constraints broken; empty when the pair may be suggested. */
  readonly blockers: BlockerCode[];
  readonly overlapMinutes: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

function offersReason(from: Role, to: Role, skills: string[]): MatchReason[] {
  if (skills.length === 0) return [];
  const counted = Math.min(skills.length, SCORE_WEIGHTS.skillsCounted);
  const weight = SCORE_WEIGHTS.firstSkill + (counted - 1) * SCORE_WEIGHTS.extraSkill;
  return [{ code: 'offers', weight, params: { from, to, skills } }];
}

function sectorReasons(
  a: MatchCandidate,
  b: MatchCandidate,
  context: ScoringContext,
): MatchReason[] {
  const [sectorA, sectorB] = [normalizeKey(a.sector), normalizeKey(b.sector)];
  if (sectorA === '' || sectorB === '') return [];
  if (sectorA === sectorB) {
    return [
      { code: 'shared-sector', weight: SCORE_WEIGHTS.sharedSector, params: { sector: sectorA } },
    ];
  }
  if (!context.areComplementary(sectorA, sectorB)) return [];
  const weight = SCORE_WEIGHTS.complementarySectors;
  return [{ code: 'complementary-sectors', weight, params: { a: sectorA, b: sectorB } }];
}

/** Evaluate a and b in that order: reasons speak of 'a' and 'b' accordingly. */
export function evaluatePair(
  a: MatchCandidate,
  b: MatchCandidate,
  context: ScoringContext,
): PairEvaluation {
  const aToB = skillFlow(a, b);
  const bToA = skillFlow(b, a);
  const languages = sharedLanguages(a, b);
  const common = intersectIntervals(context.intervalsOf(a), context.intervalsOf(b));
  const overlapMinutes = minutesInWeek(common, context.monday);
  const kind = classifyPair(a, b);
  const reasons: MatchReason[] = [...offersReason('a', 'b', aToB), ...offersReason('b', 'a', bToA)];

  const distance = Math.abs(STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));
  const stageWeight = SCORE_WEIGHTS.stageByDistance[distance] ?? 0;
  if (stageWeight > 0)
    reasons.push({ code: 'stage', weight: stageWeight, params: { a: a.stage, b: b.stage } });
  reasons.push(...sectorReasons(a, b, context));
  const goals = sharedKeys(a.goals, b.goals);
  if (goals.length > 0) {
    const weight = Math.min(goals.length, SCORE_WEIGHTS.goalsCounted) * SCORE_WEIGHTS.perSharedGoal;
    reasons.push({ code: 'shared-goals', weight, params: { goals } });
  }
  if (overlapMinutes > 0) {
    const hours = overlapMinutes / 60;
    const weight = round1(
      SCORE_WEIGHTS.overlapMax * (1 - 2 ** (-hours / SCORE_WEIGHTS.overlapHalfHours)),
    );
    reasons.push({ code: 'overlap', weight, params: { minutes: overlapMinutes } });
  }
  // Speaking a language in common is a requirement, not a merit: it explains, adds nothing.
  if (languages.length > 0)
    reasons.push({ code: 'shared-languages', weight: 0, params: { languages } });
  const countries: [string, string] = [
    a.country.trim().toUpperCase(),
    b.country.trim().toUpperCase(),
  ];
  reasons.push({
    code: 'kind',
    weight: round1(context.kindWeight(kind)),
    params: { kind, countries },
  });

  const facts = { excluded: context.isExcluded(a.id, b.id), languages, overlapMinutes, aToB, bToA };
  return {
    a: a.id,
    b: b.id,
    kind,
    score: round1(reasons.reduce((sum, r) => sum + r.weight, 0)),
    reasons,
    blockers: blockersFor(a, b, facts),
    overlapMinutes,
  };
}

/** One-off evaluation of a single pair; for a whole cohort use suggestPairs. */
export function scorePair(
  a: MatchCandidate,
  b: MatchCandidate,
  settings: MatchSettings,
): PairEvaluation {
  return evaluatePair(a, b, createScoringContext(settings));
}
