/**
 * Inputs and outputs of matching. Plain data only: the HTTP and Socket.IO layers validate
 * payloads with the zod schemas in shared/ and hand these shapes to the functions here.
 */

/** 0 = Sunday … 6 = Saturday, as in `Date.prototype.getDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * A weekly window in the participant's own time zone. `end` earlier than `start` means the
 * window crosses midnight into the next day; `end` '24:00' means midnight at the end of `day`.
 */
export interface AvailabilityWindow {
  readonly day: Weekday;
  /** 'HH:MM', 24-hour clock. */
  readonly start: string;
  readonly end: string;
}

export const STAGES = ['idea', 'early', 'growing', 'established'] as const;
export type Stage = (typeof STAGES)[number];

export interface MatchCandidate {
  readonly id: string;
  readonly companyName?: string;
  /** Where she lives and runs her business: ISO 3166-1 alpha-2, e.g. 'CA', 'BO', 'SN'. */
  readonly country: string;
  /** Country of origin for a diaspora entrepreneur, ISO 3166-1 alpha-2. */
  readonly diasporaOrigin?: string;
  /** BCP 47 language tags; only the primary subtag is compared ('fr-CA' speaks 'fr'). */
  readonly languages: readonly string[];
  /** IANA time zone, e.g. 'America/La_Paz'. */
  readonly timeZone: string;
  readonly availability: readonly AvailabilityWindow[];
  readonly stage: Stage;
  readonly sector: string;
  /** Skill keys she can teach. */
  readonly offers: readonly string[];
  /** Skill keys she wants to learn. */
  readonly wants: readonly string[];
  /** Goal tags. */
  readonly goals: readonly string[];
}

/**
 * What kind of bridge a pair builds. A pair is unordered, so its kind is symmetric: one
 * participant in the global north and one in the south is 'north-south' whoever is listed
 * first. 'north-north' exists so that every pair has a kind (Canada–France pairs happen).
 */
export const PAIR_KINDS = [
  'north-south',
  'south-south',
  'north-north',
  'national',
  'diaspora-to-origin',
] as const;
export type PairKind = (typeof PAIR_KINDS)[number];

export type IdPair = readonly [string, string];

interface MatchSettingsBase {
  /** Points added to a pair's score by kind, e.g. to favour south-south pairs. Default 0. */
  readonly kindWeights: Partial<Record<PairKind, number>>;
  /** Pairs that must never be suggested (either order). */
  readonly excluded: readonly IdPair[];
  /** Pairs a facilitator fixed by hand: kept as they are, taken out of the pool. */
  readonly locked: readonly IdPair[];
  /** Sector pairs a facilitator considers complementary, e.g. ['agriculture', 'food']. */
  readonly complementarySectors?: readonly IdPair[];
  /**
   * Pair as many participants as possible first, then maximise the score (default true):
   * leaving someone without a partner costs a program more than a slightly weaker pair.
   */
  readonly preferMorePairs?: boolean;
}

/**
 * `referenceWeek` is an ISO date ('2026-03-02'); the Monday-to-Sunday week containing it is
 * the one over which time-zone overlap is computed. Without it, the first Monday after
 * `now` is used. One of the two is required: the matching core never reads the clock, so
 * the same input always gives the same result.
 */
export type MatchSettings = MatchSettingsBase &
  (
    | { readonly referenceWeek: string; readonly now?: Date }
    | { readonly referenceWeek?: undefined; readonly now: Date }
  );
