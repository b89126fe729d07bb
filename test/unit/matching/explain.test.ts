import { describe, it, expect } from 'vitest';
import { explainReasons } from '../../../server/matching/explain';
import type { MatchReason } from '../../../server/matching/reasons';
import { scorePair } from '../../../server/matching/score';
import { PAIR_KINDS, type Stage } from '../../../server/matching/types';
import { LOCALES } from '../../../shared/protocol';
import { amina, settings, sofia } from './fixtures';

const names = { a: 'Amina', b: 'Sofía' };
const offers: MatchReason = {
  code: 'offers',
  weight: 12,
  params: { from: 'a', to: 'b', skills: ['export-logistics'] },
};

describe('explaining reasons', () => {
  it('says who offers what the other wants to learn, in English, French and Spanish', () => {
    expect(explainReasons([offers], 'en', names)).toEqual([
      'Amina offers export logistics, which Sofía wants to learn.',
    ]);
    expect(explainReasons([offers], 'fr', names)).toEqual([
      'Amina propose ce que Sofía veut apprendre\u00a0: export logistics.',
    ]);
    expect(explainReasons([offers], 'es', names)).toEqual([
      'Amina ofrece lo que Sofía quiere aprender: export logistics.',
    ]);
  });

  it('uses the labels function for skills, goals and sectors', () => {
    const labels = (key: string, locale: string): string => `${key}@${locale}`;
    const reasons: MatchReason[] = [
      { ...offers, params: { from: 'b', to: 'a', skills: ['pricing', 'hiring'] } },
      { code: 'shared-goals', weight: 3, params: { goals: ['export'] } },
      { code: 'shared-sector', weight: 5, params: { sector: 'textiles' } },
    ];
    // Intl.ListFormat even writes Spanish "e" instead of "y" before a word starting with "hi".
    expect(explainReasons(reasons, 'es', names, labels)).toEqual([
      'Sofía ofrece lo que Amina quiere aprender: pricing@es e hiring@es.',
      'Comparten objetivos: export@es.',
      'Ambas trabajan en el mismo sector: textiles@es.',
    ]);
  });

  it('names languages and countries in the reader’s language', () => {
    const reasons: MatchReason[] = [
      { code: 'shared-languages', weight: 0, params: { languages: ['fr', 'wo'] } },
      { code: 'kind', weight: 0, params: { kind: 'south-south', countries: ['SN', 'BO'] } },
    ];
    expect(explainReasons(reasons, 'en', names)).toEqual([
      'Both speak French and Wolof.',
      'A south–south pair: Senegal and Bolivia.',
    ]);
    expect(explainReasons(reasons, 'fr', names)).toEqual([
      'Toutes deux parlent français et wolof.',
      'Un binôme sud–sud\u00a0: Sénégal et Bolivie.',
    ]);
    expect(explainReasons(reasons, 'es', names)).toEqual([
      'Ambas hablan francés y wólof.',
      'Una pareja sur–sur: Senegal y Bolivia.',
    ]);
  });

  it('rounds meeting time to half hours and agrees the noun with the number', () => {
    const overlap = (minutes: number): MatchReason => ({
      code: 'overlap',
      weight: 1,
      params: { minutes },
    });
    expect(explainReasons([overlap(60), overlap(95)], 'en', names)).toEqual([
      'They can meet about 1 hour a week at times that suit both.',
      'They can meet about 1.5 hours a week at times that suit both.',
    ]);
    expect(explainReasons([overlap(95)], 'fr', names)[0]).toContain('1,5\u00a0heure ');
    expect(explainReasons([overlap(240)], 'es', names)[0]).toContain('4 horas');
  });

  it('describes stages whether they are the same or different', () => {
    const stage = (a: Stage, b: Stage): MatchReason => ({
      code: 'stage',
      weight: 4,
      params: { a, b },
    });
    expect(
      explainReasons([stage('growing', 'growing'), stage('idea', 'early')], 'en', names),
    ).toEqual([
      'Both businesses are at the growth stage.',
      "Amina's business is at the idea stage and Sofía's at the early stage.",
    ]);
  });

  it('produces a complete sentence for every reason of a real pair in every locale', () => {
    const reasons = scorePair(amina, sofia, settings()).reasons;
    const kinds = PAIR_KINDS.map((kind): MatchReason => ({
      code: 'kind',
      weight: 0,
      params: { kind, countries: ['CA', 'SN'] },
    }));
    for (const locale of LOCALES) {
      const sentences = explainReasons([...reasons, ...kinds], locale, names);
      expect(sentences).toHaveLength(reasons.length + kinds.length);
      for (const sentence of sentences) {
        expect(sentence, `${locale}: ${sentence}`).toMatch(/^\p{Lu}.*\.$/u);
        expect(sentence, `${locale}: ${sentence}`).not.toMatch(/undefined|NaN|\[object/);
      }
    }
  });
});
