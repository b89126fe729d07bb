/**
 * Seeded cohorts of about 60 people with varied settings, shared by the golden test and
 * the script that recorded its expectations (`golden-pairs.json`) with the unoptimised
 * scoring and solver, so the fast path is held to exactly the same suggestions.
 */
import type { MatchCandidate, MatchSettings } from '../../../server/matching/types';
import { randomCohort, settings } from './fixtures';
import { seededRandom } from './seeded-random';

export interface GoldenCase {
  readonly name: string;
  readonly candidates: MatchCandidate[];
  readonly settings: MatchSettings;
}

/** Keys with stray case and spaces, empty strings and region subtags: normalisation paths. */
function roughen(candidate: MatchCandidate, k: number): MatchCandidate {
  if (k % 7 !== 0) return candidate;
  return {
    ...candidate,
    languages: candidate.languages.map((l, i) => (i === 0 ? ` ${l.toUpperCase()}-CA ` : l)),
    offers: [...candidate.offers.map((s) => ` ${s.toUpperCase()}`), ''],
    wants: [...candidate.wants, candidate.wants[0] ?? ''],
    goals: candidate.goals.map((g) => `${g} `),
    sector: k % 14 === 0 ? '' : ` ${candidate.sector.toUpperCase()} `,
    companyName: k % 21 === 0 ? ' shared  CO ' : candidate.companyName,
    country: k % 3 === 0 ? ` ${candidate.country.toLowerCase()} ` : candidate.country,
  };
}

export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const seed of [11, 29, 47, 83, 101, 137]) {
    const random = seededRandom(seed);
    const variant = cases.length;
    const size = 55 + ((variant * 3) % 10);
    const candidates = randomCohort(random, size).map(roughen);
    const ids = candidates.map((c) => c.id);
    cases.push({
      name: `seed ${seed}`,
      candidates: random.shuffle(candidates),
      settings: settings({
        kindWeights:
          variant % 2 === 0
            ? { 'south-south': 3, 'north-south': 2, 'diaspora-to-origin': 1.25 }
            : { national: -1.5, 'north-north': 0.3 },
        excluded:
          variant % 3 === 0
            ? []
            : [
                [ids[1] ?? '', ids[2] ?? ''],
                [ids[9] ?? '', ids[4] ?? ''],
              ],
        locked:
          variant % 2 === 1
            ? [
                [ids[5] ?? '', ids[6] ?? ''],
                [ids[20] ?? '', ids[8] ?? ''],
              ]
            : [],
        complementarySectors:
          variant % 3 === 2
            ? [
                ['food', 'Textiles'],
                [' tech ', 'cosmetics'],
              ]
            : undefined,
        preferMorePairs: variant === 4 ? false : undefined,
        // 2026-03-09 falls between the North American and the European DST switches.
        referenceWeek: variant % 2 === 0 ? '2026-03-09' : '2026-01-12',
      }),
    });
  }
  // A sparse cohort where many people have no feasible partner at all.
  const random = seededRandom(7);
  const sparse = randomCohort(random, 60).map((c, k) => ({
    ...c,
    languages: k % 3 === 0 ? ['qu'] : c.languages,
    wants: k % 4 === 0 ? ['nothing-on-offer'] : c.wants,
  }));
  cases.push({ name: 'sparse', candidates: sparse, settings: settings() });
  return cases;
}
