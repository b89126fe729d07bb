import { describe, it, expect } from 'vitest';
import { MatchingInputError } from '../../../server/matching/errors';
import { suggestPairs } from '../../../server/matching/match-cohort';
import { scorePair } from '../../../server/matching/score';
import type { MatchCandidate, MatchSettings } from '../../../server/matching/types';
import { amina, claire, fatou, person, randomCohort, settings, sofia } from './fixtures';
import { exhaustiveMatching } from './exhaustive-matching';
import { seededRandom } from './seeded-random';

/** Claire, wanting what Fatou offers, makes Claire–Fatou a reciprocal pair. */
const claireLearning: MatchCandidate = { ...claire, wants: ['digital-marketing'] };
const ids = (pairs: readonly { a: string; b: string }[]): string[] =>
  pairs.map((p) => `${p.a}+${p.b}`);

/** Exhaustive best set of disjoint feasible pairs, scored as the matcher scores them. */
function bruteForce(people: readonly MatchCandidate[], s: MatchSettings, morePairs: boolean) {
  const score = (i: number, j: number): number | undefined => {
    const e = scorePair(people[i] as MatchCandidate, people[j] as MatchCandidate, s);
    return e.blockers.length === 0 ? e.score : undefined;
  };
  const best = exhaustiveMatching(people.length, score, morePairs, 1e-9);
  return { count: best.count, score: best.weight };
}

describe('suggesting pairs for a cohort', () => {
  it('gives up the single best pair when two other pairs together are worth more', () => {
    // With a bonus for diaspora pairs, Amina–Fatou is the best single pair, but taking it
    // would leave Sofía and Claire without partners.
    const s = settings({ kindWeights: { 'diaspora-to-origin': 10 } });
    const best = scorePair(amina, fatou, s).score;
    expect(best).toBeGreaterThan(scorePair(amina, sofia, s).score);
    for (const preferMorePairs of [true, false]) {
      const result = suggestPairs([amina, sofia, claireLearning, fatou], { ...s, preferMorePairs });
      expect(ids(result.pairs)).toEqual(['amina+sofia', 'claire+fatou']);
      expect(result.unmatched).toEqual([]);
    }
  });

  it('keeps a locked pair as it is, even one that breaks the rules, and matches the rest', () => {
    const result = suggestPairs(
      [amina, sofia, claireLearning, fatou],
      settings({ locked: [['claire', 'amina']] }),
    );
    const locked = result.pairs.find((p) => p.locked);
    expect(locked).toMatchObject({ a: 'amina', b: 'claire', blockers: ['not-reciprocal'] });
    expect(result.pairs.filter((p) => !p.locked)).toEqual([]);
    expect(result.unmatched).toEqual([
      { id: 'fatou', why: ['no-feasible-partner', 'not-reciprocal'] },
      { id: 'sofia', why: ['no-feasible-partner', 'not-reciprocal'] },
    ]);
  });

  it('says when someone was left out because everyone else was locked', () => {
    const result = suggestPairs([amina, sofia, fatou], settings({ locked: [['amina', 'sofia']] }));
    expect(result.unmatched).toEqual([{ id: 'fatou', why: ['no-one-left'] }]);
  });

  it('says when someone had partners who all went into better pairs', () => {
    const result = suggestPairs([amina, sofia, fatou], settings());
    expect(result.pairs).toHaveLength(1);
    expect(result.unmatched).toHaveLength(1);
    expect(result.unmatched[0]?.why).toEqual(['partners-taken']);
  });

  it('lists what ruled out every partner, the most frequent reason first', () => {
    const loner = person('zoe', {
      languages: ['qu'],
      availability: [{ day: 6, start: '03:00', end: '04:00' }],
    });
    const result = suggestPairs([amina, sofia, loner], settings());
    expect(result.unmatched).toEqual([
      {
        id: 'zoe',
        why: [
          'no-feasible-partner',
          'insufficient-overlap', // with both
          'no-shared-language', // with Amina; ties keep the blocker list's order
          'not-reciprocal', // with Amina: she offers nothing Zoe wants
        ],
      },
    ]);
  });

  it('never suggests an excluded pair', () => {
    const result = suggestPairs(
      [amina, sofia, claireLearning, fatou],
      settings({ excluded: [['sofia', 'amina']] }),
    );
    expect(ids(result.pairs)).not.toContain('amina+sofia');
    expect(result.pairs.length).toBeGreaterThan(0);
  });

  it('returns the same suggestions whatever the order of the candidates', () => {
    const random = seededRandom(7);
    const cohort = randomCohort(random, 30);
    const shuffled = random.shuffle(cohort);
    expect(suggestPairs(shuffled, settings())).toEqual(suggestPairs(cohort, settings()));
  });

  it('uses the first Monday after now when no reference week is given', () => {
    const cohort = [amina, sofia, claireLearning, fatou];
    const byNow = suggestPairs(cohort, {
      kindWeights: {},
      excluded: [],
      locked: [],
      now: new Date('2026-01-06T12:00:00Z'),
    });
    expect(byNow).toEqual(suggestPairs(cohort, settings({ referenceWeek: '2026-01-12' })));
  });

  it('finds the same best total as exhaustive search on random small cohorts', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const random = seededRandom(seed);
      const cohort = randomCohort(random, random.int(2, 10));
      const morePairs = seed % 2 === 0;
      const s = {
        ...settings({ kindWeights: { 'south-south': 3, national: -2 } }),
        preferMorePairs: morePairs,
      };
      const result = suggestPairs(cohort, s);
      const want = bruteForce(
        [...cohort].sort((x, y) => (x.id < y.id ? -1 : 1)),
        s,
        morePairs,
      );
      const got = result.pairs.reduce((sum, p) => sum + p.score, 0);
      expect(result.pairs.length, `seed ${seed}`).toBe(
        morePairs ? want.count : result.pairs.length,
      );
      expect(got, `seed ${seed}`).toBeCloseTo(want.score, 6);
      expect(
        result.pairs.every((p) => p.blockers.length === 0),
        `seed ${seed}`,
      ).toBe(true);
      const seen = [
        ...result.pairs.flatMap((p) => [p.a, p.b]),
        ...result.unmatched.map((u) => u.id),
      ];
      expect(seen.sort(), `seed ${seed}`).toEqual(cohort.map((c) => c.id).sort());
    }
  });

  it('rejects duplicates, unknown or repeated ids in locked pairs, and pairs both locked and excluded', () => {
    const cohort = [amina, sofia, fatou];
    expect(() => suggestPairs([amina, amina], settings())).toThrow(MatchingInputError);
    expect(() => suggestPairs(cohort, settings({ locked: [['amina', 'nobody']] }))).toThrow(
      MatchingInputError,
    );
    expect(() => suggestPairs(cohort, settings({ locked: [['amina', 'amina']] }))).toThrow(
      MatchingInputError,
    );
    const twice = settings({
      locked: [
        ['amina', 'sofia'],
        ['fatou', 'amina'],
      ],
    });
    expect(() => suggestPairs(cohort, twice)).toThrow(MatchingInputError);
    const both = settings({ locked: [['amina', 'sofia']], excluded: [['sofia', 'amina']] });
    expect(() => suggestPairs(cohort, both)).toThrow(MatchingInputError);
    expect(() => suggestPairs([{ ...amina, country: 'Senegal' }], settings())).toThrow(
      MatchingInputError,
    );
  });
});
