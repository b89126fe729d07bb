import { describe, it, expect } from 'vitest';
import { SCORE_WEIGHTS, scorePair } from '../../../server/matching/score';
import { classifyPair, isGlobalNorth } from '../../../server/matching/regions';
import { amina, claire, fatou, person, randomCandidate, settings, sofia } from './fixtures';
import { seededRandom } from './seeded-random';

describe('pair score', () => {
  it('scores a reciprocal pair with one machine-readable reason per component', () => {
    const result = scorePair(amina, sofia, settings());
    expect(result.blockers).toEqual([]);
    expect(result.kind).toBe('south-south');
    expect(result.overlapMinutes).toBe(600);
    expect(result.reasons).toEqual([
      { code: 'offers', weight: 12, params: { from: 'a', to: 'b', skills: ['export-logistics'] } },
      { code: 'offers', weight: 12, params: { from: 'b', to: 'a', skills: ['digital-marketing'] } },
      { code: 'stage', weight: 4, params: { a: 'growing', b: 'early' } },
      { code: 'shared-sector', weight: 5, params: { sector: 'textiles' } },
      { code: 'shared-goals', weight: 3, params: { goals: ['export'] } },
      { code: 'overlap', weight: 9.7, params: { minutes: 600 } },
      { code: 'shared-languages', weight: 0, params: { languages: ['fr'] } },
      { code: 'kind', weight: 0, params: { kind: 'south-south', countries: ['SN', 'BO'] } },
    ]);
    expect(result.score).toBe(45.7);
  });

  it('refuses a pair in which only one of the two would learn something', () => {
    const result = scorePair(amina, claire, settings());
    expect(result.reasons.filter((r) => r.code === 'offers')).toHaveLength(1);
    expect(result.blockers).toEqual(['not-reciprocal']);
  });

  it('refuses a pair without a language in common, comparing primary language subtags', () => {
    const spanishOnly = person('ana', {
      languages: ['es'],
      offers: ['digital-marketing'],
      wants: ['export-logistics'],
    });
    expect(scorePair(amina, spanishOnly, settings()).blockers).toEqual(['no-shared-language']);
    const canadianFrench = person('lea', {
      languages: ['fr-CA'],
      offers: ['digital-marketing'],
      wants: ['export-logistics'],
    });
    expect(scorePair(amina, canadianFrench, settings()).blockers).toEqual([]);
  });

  it('refuses a pair that can meet less than an hour a week', () => {
    const brief = (end: string) =>
      person('ines', {
        availability: [{ day: 1, start: '15:01', end }],
        offers: ['digital-marketing'],
        wants: ['export-logistics'],
      });
    expect(scorePair(amina, brief('16:00'), settings()).blockers).toEqual(['insufficient-overlap']);
    expect(scorePair(amina, brief('17:00'), settings()).blockers).toEqual(['insufficient-overlap']);
    const hour = person('ines', {
      availability: [{ day: 1, start: '15:00', end: '17:00' }],
      offers: ['digital-marketing'],
      wants: ['export-logistics'],
    });
    expect(scorePair(amina, hour, settings()).blockers).toEqual([]);
  });

  it('refuses two people of the same company whatever the case and spacing', () => {
    const colleague = { ...sofia, id: 'rosa', companyName: '  kori   TEXTILES ' };
    expect(
      scorePair(
        sofia,
        { ...colleague, offers: ['export-logistics'], wants: ['digital-marketing'] },
        settings(),
      ).blockers,
    ).toEqual(['same-company']);
  });

  it('refuses an excluded pair whichever way round it was excluded', () => {
    expect(scorePair(amina, sofia, settings({ excluded: [['sofia', 'amina']] })).blockers).toEqual([
      'excluded',
    ]);
  });

  it('adds the settings weight of the pair kind', () => {
    const result = scorePair(
      amina,
      sofia,
      settings({ kindWeights: { 'south-south': 5, 'north-south': 2 } }),
    );
    expect(result.reasons.at(-1)).toEqual({
      code: 'kind',
      weight: 5,
      params: { kind: 'south-south', countries: ['SN', 'BO'] },
    });
    expect(result.score).toBe(50.7);
  });

  it('rewards complementary sectors only when the settings name them', () => {
    const food = { ...sofia, sector: 'Food' };
    expect(scorePair(amina, food, settings()).reasons.map((r) => r.code)).not.toContain(
      'complementary-sectors',
    );
    const named = settings({ complementarySectors: [['food', 'textiles']] });
    expect(scorePair(amina, food, named).reasons).toContainEqual({
      code: 'complementary-sectors',
      weight: SCORE_WEIGHTS.complementarySectors,
      params: { a: 'textiles', b: 'food' },
    });
  });

  it('gives more points for more overlap, with each extra hour worth less', () => {
    const weightFor = (end: string): number => {
      const other = person('x', {
        availability: [{ day: 1, start: '14:00', end }],
        offers: ['digital-marketing'],
        wants: ['export-logistics'],
      });
      return (
        scorePair(amina, other, settings()).reasons.find((r) => r.code === 'overlap')?.weight ?? 0
      );
    };
    const [one, two] = [weightFor('15:00'), weightFor('16:00')];
    const mondayAndTuesday = person('y', {
      availability: [
        { day: 1, start: '14:00', end: '16:00' },
        { day: 2, start: '14:00', end: '16:00' },
      ],
      offers: ['digital-marketing'],
      wants: ['export-logistics'],
    });
    const four =
      scorePair(amina, mondayAndTuesday, settings()).reasons.find((r) => r.code === 'overlap')
        ?.weight ?? 0;
    expect(one).toBeLessThan(two);
    expect(two).toBeLessThan(four);
    expect((four - two) / 2).toBeLessThan(two - one);
    expect(four).toBeLessThan(SCORE_WEIGHTS.overlapMax);
  });

  it('counts extra skills and shared goals, up to a cap', () => {
    const skills = ['a-skill', 'b-skill', 'c-skill', 'd-skill'];
    const goals = ['export', 'funding', 'hiring', 'online-sales'];
    const teacher = person('t', { offers: skills, wants: ['pricing'], goals });
    const weightOf = (
      wants: string[],
      code: 'offers' | 'shared-goals',
      sharedGoals = goals,
    ): number => {
      const learner = person('l', { offers: ['pricing'], wants, goals: sharedGoals });
      return (
        scorePair(teacher, learner, settings()).reasons.find((r) => r.code === code)?.weight ?? 0
      );
    };
    const { firstSkill, extraSkill, perSharedGoal } = SCORE_WEIGHTS;
    expect(weightOf(skills.slice(0, 1), 'offers')).toBe(firstSkill);
    expect(weightOf(skills.slice(0, 2), 'offers')).toBe(firstSkill + extraSkill);
    expect(weightOf(skills, 'offers')).toBe(firstSkill + 2 * extraSkill);
    expect(weightOf(skills, 'shared-goals', goals.slice(0, 2))).toBe(2 * perSharedGoal);
    expect(weightOf(skills, 'shared-goals')).toBe(3 * perSharedGoal);
  });

  it('is the same whichever participant comes first, and equals the sum of its reasons', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      const [a, b] = [randomCandidate(random, 'a'), randomCandidate(random, 'b')];
      const ab = scorePair(a, b, settings());
      const ba = scorePair(b, a, settings());
      expect(ba.score, `seed ${seed}`).toBe(ab.score);
      expect(ba.kind, `seed ${seed}`).toBe(ab.kind);
      expect(ba.blockers, `seed ${seed}`).toEqual(ab.blockers);
      const sum = ab.reasons.reduce((total, r) => total + r.weight, 0);
      expect(ab.score, `seed ${seed}`).toBeCloseTo(sum, 6);
    }
  });
});

describe('pair kinds', () => {
  it('names a pair by where the two live, whoever is listed first', () => {
    const at = (country: string, diasporaOrigin?: string) => ({ country, diasporaOrigin });
    expect(classifyPair(at('CA'), at('BO'))).toBe('north-south');
    expect(classifyPair(at('BO'), at('CA'))).toBe('north-south');
    expect(classifyPair(at('BO'), at('SN'))).toBe('south-south');
    expect(classifyPair(at('CA'), at('FR'))).toBe('north-north');
    expect(classifyPair(at('ca'), at('CA '))).toBe('national');
    expect(classifyPair(at('CA', 'SN'), at('SN'))).toBe('diaspora-to-origin');
    expect(classifyPair(at('SN'), at('CA', 'SN'))).toBe('diaspora-to-origin');
    expect(classifyPair(at('CA', 'SN'), at('BO'))).toBe('north-south');
    expect(scorePair(fatou, amina, settings()).kind).toBe('diaspora-to-origin');
  });

  it('counts only the listed countries as global north', () => {
    expect(['CA', 'US', 'FR', 'BE', 'CH', 'ES', 'DE', 'GB'].every(isGlobalNorth)).toBe(true);
    expect(['BO', 'SN', 'MX', 'BR', 'IN', 'CN', 'ZA'].some(isGlobalNorth)).toBe(false);
  });
});
