/**
 * Machine-readable reasons. The UI renders them in the reader's language (see explain.ts);
 * `weight` is the number of points the reason added to the score.
 */
import type { PairKind, Stage } from './types';

/** Which side of a pair a reason speaks about. */
export type Role = 'a' | 'b';

export type MatchReason =
  | { code: 'offers'; weight: number; params: { from: Role; to: Role; skills: string[] } }
  | { code: 'stage'; weight: number; params: { a: Stage; b: Stage } }
  | { code: 'shared-sector'; weight: number; params: { sector: string } }
  | { code: 'complementary-sectors'; weight: number; params: { a: string; b: string } }
  | { code: 'shared-goals'; weight: number; params: { goals: string[] } }
  | { code: 'overlap'; weight: number; params: { minutes: number } }
  | { code: 'shared-languages'; weight: number; params: { languages: string[] } }
  | { code: 'kind'; weight: number; params: { kind: PairKind; countries: [string, string] } };

export type ReasonCode = MatchReason['code'];

/** Hard constraints: any one of them keeps two people from being suggested as a pair. */
export const BLOCKER_CODES = [
  'same-person',
  'excluded',
  'same-company',
  'no-shared-language',
  'insufficient-overlap',
  'not-reciprocal',
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

/**
 * Why someone was left without a partner. The first code says which case applies; for
 * 'no-feasible-partner' the blocker codes that ruled out her potential partners follow,
 * the most frequent first.
 */
export type UnmatchedCode =
  /** Everyone else was already in a locked pair. */
  | 'no-one-left'
  /** Nobody in the pool passes the hard constraints with her. */
  | 'no-feasible-partner'
  /** She had feasible partners, but each of them went into a better overall set of pairs. */
  | 'partners-taken'
  | BlockerCode;

export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
