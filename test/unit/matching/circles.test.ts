import { describe, it, expect } from 'vitest';
import { suggestCircles } from '../../../server/matching/circles';
import { MatchingInputError } from '../../../server/matching/errors';
import {
  intersectIntervals,
  minutesInWeek,
  weeklyIntervals,
} from '../../../server/matching/overlap';
import type { MatchCandidate } from '../../../server/matching/types';
import { referenceMonday } from '../../../server/matching/zoned-time';
import { WEEK, amina, person, randomCohort, settings, sofia } from './fixtures';
import { seededRandom } from './seeded-random';

const sizes = { minSize: 3, maxSize: 8 };
const primary = (tag: string): string => tag.toLowerCase().split('-')[0] ?? '';

/** Everyone free on weekdays 14:00–16:00 UTC, so only languages and exclusions matter. */
function local(
  id: string,
  language: string,
  timeZone: string,
  start: string,
  end: string,
): MatchCandidate {
  const availability = ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start, end }));
  return person(id, { languages: [language], timeZone, availability });
}
const spanish = (id: string): MatchCandidate => local(id, 'es', 'America/La_Paz', '10:00', '12:00');
const wolof = (id: string): MatchCandidate => local(id, 'wo', 'Africa/Dakar', '14:00', '16:00');

describe('suggesting circles', () => {
  it('forms circles of the allowed size whose members share a language and an hour together', () => {
    const monday = referenceMonday({ referenceWeek: WEEK });
    for (let seed = 1; seed <= 12; seed++) {
      const random = seededRandom(seed);
      const cohort = randomCohort(random, random.int(8, 40));
      const apart = [cohort[0]?.id ?? '', cohort[1]?.id ?? ''] as const;
      const result = suggestCircles(cohort, sizes, settings({ excluded: [apart] }));
      const byId = new Map(cohort.map((c) => [c.id, c]));
      for (const circle of result.circles) {
        const members = circle.members.map((id) => byId.get(id) as MatchCandidate);
        expect(members.length, `seed ${seed}`).toBeGreaterThanOrEqual(3);
        expect(members.length, `seed ${seed}`).toBeLessThanOrEqual(8);
        expect(circle.languages.length, `seed ${seed}`).toBeGreaterThan(0);
        for (const m of members) {
          const spoken = m.languages.map(primary);
          expect(
            circle.languages.every((l) => spoken.includes(l)),
            `seed ${seed}`,
          ).toBe(true);
        }
        const common = members
          .map((m) => weeklyIntervals(m, monday))
          .reduce((acc, next) => intersectIntervals(acc, next));
        expect(minutesInWeek(common, monday), `seed ${seed}`).toBe(circle.commonMinutes);
        expect(circle.commonMinutes, `seed ${seed}`).toBeGreaterThanOrEqual(60);
        const both = apart.every((id) => circle.members.includes(id));
        expect(both, `seed ${seed}: excluded pair together`).toBe(false);
      }
      const seen = [
        ...result.circles.flatMap((c) => c.members),
        ...result.unplaced.map((u) => u.id),
      ];
      expect(seen.sort(), `seed ${seed}`).toEqual(cohort.map((c) => c.id).sort());
      // Nobody left out could simply have joined a circle that still had room.
      for (const { id } of result.unplaced) {
        const outsider = byId.get(id) as MatchCandidate;
        for (const circle of result.circles.filter((c) => c.members.length < 8)) {
          const spoken = outsider.languages.map(primary);
          const talk = circle.languages.some((l) => spoken.includes(l));
          const time = minutesInWeek(
            circle.members
              .map((m) => weeklyIntervals(byId.get(m) as MatchCandidate, monday))
              .reduce(
                (acc, next) => intersectIntervals(acc, next),
                weeklyIntervals(outsider, monday),
              ),
            monday,
          );
          const excludedTogether =
            apart.includes(id) && apart.some((other) => circle.members.includes(other));
          expect(talk && time >= 60 && !excludedTogether, `seed ${seed}: ${id} fits a circle`).toBe(
            false,
          );
        }
      }
    }
  });

  it('groups people by the language they share when that is all that separates them', () => {
    const cohort = [
      ...['e1', 'e2', 'e3', 'e4', 'e5'].map(spanish),
      ...['w1', 'w2', 'w3', 'w4', 'w5'].map(wolof),
    ];
    const result = suggestCircles(cohort, sizes, settings());
    const groups = result.circles.map((c) => c.members.join(' ')).sort();
    expect(groups).toEqual(['e1 e2 e3 e4 e5', 'w1 w2 w3 w4 w5']);
    expect(result.circles.map((c) => c.languages).sort()).toEqual([['es'], ['wo']]);
    expect(result.unplaced).toEqual([]);
  });

  it('leaves out someone who shares no language with anyone, and says why', () => {
    const cohort = [
      ...['e1', 'e2', 'e3'].map(spanish),
      local('x', 'de', 'Africa/Dakar', '14:00', '16:00'),
    ];
    const result = suggestCircles(cohort, sizes, settings());
    expect(result.circles.map((c) => c.members)).toEqual([['e1', 'e2', 'e3']]);
    expect(result.unplaced).toEqual([{ id: 'x', why: ['no-common-language'] }]);
  });

  it('keeps excluded participants in different circles', () => {
    const cohort = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'].map(spanish);
    const result = suggestCircles(
      cohort,
      { minSize: 3, maxSize: 3 },
      settings({
        excluded: [
          ['e1', 'e2'],
          ['e1', 'e3'],
        ],
      }),
    );
    const withE1 = result.circles.find((c) => c.members.includes('e1'));
    expect(withE1?.members).toHaveLength(3);
    expect(withE1?.members).not.toContain('e2');
    expect(withE1?.members).not.toContain('e3');
    expect(result.circles).toHaveLength(2);
  });

  it('places nobody when there are fewer participants than the smallest circle', () => {
    const result = suggestCircles([amina, sofia], sizes, settings());
    expect(result.circles).toEqual([]);
    expect(result.unplaced.map((u) => u.why)).toEqual([
      ['too-few-participants'],
      ['too-few-participants'],
    ]);
  });

  it('returns the same circles whatever the order of the candidates', () => {
    const random = seededRandom(11);
    const cohort = randomCohort(random, 30);
    expect(suggestCircles(random.shuffle(cohort), sizes, settings())).toEqual(
      suggestCircles(cohort, sizes, settings()),
    );
  });

  it('rejects impossible size bounds', () => {
    expect(() => suggestCircles([], { minSize: 1, maxSize: 3 }, settings())).toThrow(
      MatchingInputError,
    );
    expect(() => suggestCircles([], { minSize: 5, maxSize: 4 }, settings())).toThrow(
      MatchingInputError,
    );
  });
});
