/**
 * The whole cohort's pair scores without building a PairEvaluation per pair.
 *
 * `evaluatePair` is the definition of a pair's score and blockers, and it builds reason
 * objects, sorted key lists and an interval list for every pair it sees: fine for one pair,
 * too slow for the ~n²/2 pairs of a cohort. Here everything that depends on one person
 * only is prepared once (normalised keys as bitsets, company, country and sector ids, UTC
 * availability as a flat array), the cheap hard constraints are checked first, and only
 * pairs that pass all of them get a score. The score is summed in the same order and with
 * the same roundings as in `evaluatePair`, so it is the same number to the last bit; the
 * golden test in test/unit/matching checks both agree on every pair of seeded cohorts.
 */
import { MIN_OVERLAP_MINUTES, companyKey, normalizeKey } from './feasibility';
import type { BlockerCode } from './reasons';
import { isGlobalNorth } from './regions';
import { SCORE_WEIGHTS } from './score';
import type { ScoringContext } from './scoring-context';
import { PAIR_KINDS, STAGES, type IdPair, type MatchCandidate, type PairKind } from './types';
import { DAY_MS, MINUTE_MS, WEEK_MS } from './zoned-time';

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Interns strings as small consecutive ids. */
class Dictionary {
  private readonly ids = new Map<string, number>();
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }
  get size(): number {
    return this.ids.size;
  }
}

/** One bitset of `words` 32-bit words per person, in one flat array. */
class Bitsets {
  readonly words: number;
  readonly bits: Uint32Array;
  constructor(people: number, dictionarySize: number) {
    this.words = Math.max(1, Math.ceil(dictionarySize / 32));
    this.bits = new Uint32Array(people * this.words);
  }
  add(person: number, id: number): void {
    const index = person * this.words + (id >>> 5);
    this.bits[index] = (this.bits[index] as number) | (1 << (id & 31));
  }
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Number of keys two bitsets (possibly in different tables of the same width) share. */
function common(x: Bitsets, i: number, y: Bitsets, j: number): number {
  let count = 0;
  const words = x.words;
  for (let w = 0; w < words; w++) {
    count += popcount((x.bits[i * words + w] as number) & (y.bits[j * words + w] as number));
  }
  return count;
}

function intersects(x: Bitsets, i: number, y: Bitsets, j: number): boolean {
  const words = x.words;
  for (let w = 0; w < words; w++) {
    if (((x.bits[i * words + w] as number) & (y.bits[j * words + w] as number)) !== 0) return true;
  }
  return false;
}

/** Key sets as `sharedKeys` sees them: normalised, non-empty, de-duplicated. */
function keySet(keys: readonly string[]): string[] {
  return [...new Set(keys.map(normalizeKey))].filter((k) => k !== '');
}

const KIND_INDEX = new Map<PairKind, number>(PAIR_KINDS.map((kind, k) => [kind, k]));
const NATIONAL = KIND_INDEX.get('national') as number;
const DIASPORA = KIND_INDEX.get('diaspora-to-origin') as number;
const NORTH_NORTH = KIND_INDEX.get('north-north') as number;
const NORTH_SOUTH = KIND_INDEX.get('north-south') as number;
const SOUTH_SOUTH = KIND_INDEX.get('south-south') as number;

export interface PairTable {
  /** Score of the pair (i, j), i < j, or NaN when a hard constraint rules it out. */
  score(i: number, j: number): number;
  /** Every blocker of the pair (i, j), i < j, in BLOCKER_CODES order, as `blockersFor`. */
  blockers(i: number, j: number): BlockerCode[];
}

/**
 * Prepares the per-person data of `pool` (in pool order) for fast pair scoring. `excluded`
 * are the settings' excluded pairs, the same ones `context.isExcluded` answers for.
 */
export function createPairTable(
  pool: readonly MatchCandidate[],
  context: ScoringContext,
  excludedPairs: readonly IdPair[],
): PairTable {
  const n = pool.length;
  const skills = new Dictionary();
  const languages = new Dictionary();
  const goals = new Dictionary();
  const companies = new Dictionary();
  const countries = new Dictionary();
  const sectors = new Dictionary();
  const sectorNames: string[] = [];

  const offersIds: number[][] = [];
  const wantsIds: number[][] = [];
  const languageIds: number[][] = [];
  const goalIds: number[][] = [];
  const company = new Int32Array(n);
  const country = new Int32Array(n);
  const origin = new Int32Array(n);
  const north = new Uint8Array(n);
  const stage = new Int32Array(n);
  const sector = new Int32Array(n);
  const ids = new Map<string, number>();
  pool.forEach((p, i) => {
    ids.set(p.id, i);
    offersIds.push(keySet(p.offers).map((k) => skills.id(k)));
    wantsIds.push(keySet(p.wants).map((k) => skills.id(k)));
    // Primary subtags exactly as sharedLanguages derives them.
    const primary = p.languages.map((tag) => normalizeKey(tag).split(/[-_]/)[0] ?? '');
    languageIds.push(keySet(primary).map((k) => languages.id(k)));
    goalIds.push(keySet(p.goals).map((k) => goals.id(k)));
    const companyName = companyKey(p.companyName);
    company[i] = companyName === undefined ? -1 : companies.id(companyName);
    const countryName = p.country.trim().toUpperCase();
    country[i] = countries.id(countryName);
    const originName = p.diasporaOrigin?.trim().toUpperCase();
    origin[i] = originName === undefined ? -1 : countries.id(originName);
    north[i] = isGlobalNorth(countryName) ? 1 : 0;
    stage[i] = STAGES.indexOf(p.stage);
    const sectorName = normalizeKey(p.sector);
    if (sectorName === '') sector[i] = -1;
    else {
      sector[i] = sectors.id(sectorName);
      sectorNames[sector[i] as number] = sectorName;
    }
  });

  const offers = new Bitsets(n, skills.size);
  const wants = new Bitsets(n, skills.size);
  const speaks = new Bitsets(n, languages.size);
  const aims = new Bitsets(n, goals.size);
  for (let i = 0; i < n; i++) {
    for (const id of offersIds[i] ?? []) offers.add(i, id);
    for (const id of wantsIds[i] ?? []) wants.add(i, id);
    for (const id of languageIds[i] ?? []) speaks.add(i, id);
    for (const id of goalIds[i] ?? []) aims.add(i, id);
  }

  // Availability as [start, end, start, end, …] in UTC ms, offsets per person.
  const intervalStart = new Int32Array(n + 1);
  const flat: number[] = [];
  // Computed in pool order, as scoring pair (0, 1), (0, 2), … would: a bad time or zone
  // fails on the same person. A pool of one has no pair, so nothing is computed for her.
  if (n >= 2) {
    pool.forEach((p, i) => {
      intervalStart[i] = flat.length;
      for (const { start, end } of context.intervalsOf(p)) flat.push(start, end);
    });
  }
  intervalStart[n] = flat.length;
  const times = Float64Array.from(flat);
  const weekStart = context.monday * DAY_MS;
  const weekEnd = weekStart + WEEK_MS;

  /** Same as minutesInWeek(intersectIntervals(…)), without the intermediate list. */
  const overlapMinutes = (i: number, j: number): number => {
    let x = intervalStart[i] as number;
    const xEnd = intervalStart[i + 1] as number;
    let y = intervalStart[j] as number;
    const yEnd = intervalStart[j + 1] as number;
    let total = 0;
    while (x < xEnd && y < yEnd) {
      const xs = times[x] as number;
      const xe = times[x + 1] as number;
      const ys = times[y] as number;
      const ye = times[y + 1] as number;
      const start = xs > ys ? xs : ys;
      const end = xe < ye ? xe : ye;
      if (end > start) {
        const clipped = (end < weekEnd ? end : weekEnd) - (start > weekStart ? start : weekStart);
        if (clipped > 0) total += clipped;
      }
      if (xe < ye) x += 2;
      else y += 2;
    }
    return Math.round(total / MINUTE_MS);
  };

  // Excluded pairs inside the pool, as i * n + j with i < j (ids are unique in the pool).
  const excluded = new Set<number>();
  for (const [x, y] of excludedPairs) {
    const i = ids.get(x);
    const j = ids.get(y);
    if (i === undefined || j === undefined || i === j) continue;
    excluded.add(i < j ? i * n + j : j * n + i);
  }

  const kindWeights = PAIR_KINDS.map((kind) => round1(context.kindWeight(kind)));
  const kindOf = (i: number, j: number): number => {
    const ci = country[i] as number;
    const cj = country[j] as number;
    if (ci === cj) return NATIONAL;
    if (origin[i] === cj || origin[j] === ci) return DIASPORA;
    const ni = north[i] === 1;
    const nj = north[j] === 1;
    if (ni && nj) return NORTH_NORTH;
    if (ni || nj) return NORTH_SOUTH;
    return SOUTH_SOUTH;
  };

  const complementary = new Map<number, boolean>();
  const sectorWeight = (i: number, j: number): number => {
    const si = sector[i] as number;
    const sj = sector[j] as number;
    if (si === -1 || sj === -1) return 0;
    if (si === sj) return SCORE_WEIGHTS.sharedSector;
    const key = si * sectors.size + sj;
    let known = complementary.get(key);
    if (known === undefined) {
      known = context.areComplementary(sectorNames[si] as string, sectorNames[sj] as string);
      complementary.set(key, known);
    }
    return known ? SCORE_WEIGHTS.complementarySectors : 0;
  };

  const overlapWeights = new Map<number, number>();
  const overlapWeight = (minutes: number): number => {
    let weight = overlapWeights.get(minutes);
    if (weight === undefined) {
      const hours = minutes / 60;
      weight = round1(
        SCORE_WEIGHTS.overlapMax * (1 - 2 ** (-hours / SCORE_WEIGHTS.overlapHalfHours)),
      );
      overlapWeights.set(minutes, weight);
    }
    return weight;
  };

  const offersWeight = (skillCount: number): number =>
    skillCount === 0
      ? 0
      : SCORE_WEIGHTS.firstSkill +
        (Math.min(skillCount, SCORE_WEIGHTS.skillsCounted) - 1) * SCORE_WEIGHTS.extraSkill;

  return {
    score(i, j) {
      if (!intersects(speaks, i, speaks, j)) return NaN;
      const aToB = common(offers, i, wants, j);
      if (aToB === 0) return NaN;
      const bToA = common(offers, j, wants, i);
      if (bToA === 0) return NaN;
      const ci = company[i] as number;
      if (ci !== -1 && ci === company[j]) return NaN;
      if (excluded.size > 0 && excluded.has(i * n + j)) return NaN;
      const minutes = overlapMinutes(i, j);
      if (minutes < MIN_OVERLAP_MINUTES) return NaN;
      // Summed in the order evaluatePair lists its reasons; absent reasons add exactly 0.
      let sum = 0;
      sum += offersWeight(aToB);
      sum += offersWeight(bToA);
      sum +=
        SCORE_WEIGHTS.stageByDistance[Math.abs((stage[i] as number) - (stage[j] as number))] ?? 0;
      sum += sectorWeight(i, j);
      const goalCount = common(aims, i, aims, j);
      if (goalCount > 0) {
        sum += Math.min(goalCount, SCORE_WEIGHTS.goalsCounted) * SCORE_WEIGHTS.perSharedGoal;
      }
      sum += overlapWeight(minutes);
      sum += kindWeights[kindOf(i, j)] as number;
      return round1(sum);
    },
    blockers(i, j) {
      const a = pool[i] as MatchCandidate;
      const b = pool[j] as MatchCandidate;
      const out: BlockerCode[] = [];
      if (a.id === b.id) out.push('same-person');
      if (excluded.has(i * n + j)) out.push('excluded');
      const ci = company[i] as number;
      if (ci !== -1 && ci === company[j]) out.push('same-company');
      if (!intersects(speaks, i, speaks, j)) out.push('no-shared-language');
      if (overlapMinutes(i, j) < MIN_OVERLAP_MINUTES) out.push('insufficient-overlap');
      if (common(offers, i, wants, j) === 0 || common(offers, j, wants, i) === 0) {
        out.push('not-reciprocal');
      }
      return out;
    },
  };
}
