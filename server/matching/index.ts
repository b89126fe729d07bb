/** Public face of the matching core: import from here, not from the files behind it. */
export { maxWeightMatching, type MatchingOptions, type WeightedEdge } from './blossom';
export { MatchingInputError } from './errors';
export { explainReasons, keyAsLabel, type LabelFn } from './explain';
export { MIN_OVERLAP_MINUTES } from './feasibility';
export {
  suggestCircles,
  suggestPairs,
  type CircleOptions,
  type CircleSuggestions,
  type PairSuggestions,
  type SuggestedCircle,
  type SuggestedPair,
  type UnmatchedParticipant,
  type UnplacedParticipant,
} from './match-cohort';
export type { UnplacedCode } from './circles';
export { weeklyOverlapMinutes } from './overlap';
export {
  BLOCKER_CODES,
  type BlockerCode,
  type MatchReason,
  type ReasonCode,
  type Role,
  type UnmatchedCode,
} from './reasons';
export { GLOBAL_NORTH, classifyPair, isGlobalNorth } from './regions';
export { SCORE_WEIGHTS, scorePair, type PairEvaluation } from './score';
export {
  PAIR_KINDS,
  STAGES,
  type AvailabilityWindow,
  type IdPair,
  type MatchCandidate,
  type MatchSettings,
  type PairKind,
  type Stage,
  type Weekday,
} from './types';
