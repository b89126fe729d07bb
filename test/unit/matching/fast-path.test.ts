import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maxWeightMatching, suggestPairs } from '../../../server/matching/index';
import { createPairTable } from '../../../server/matching/pair-table';
import { evaluatePair } from '../../../server/matching/score';
import { createScoringContext } from '../../../server/matching/scoring-context';
import { validateCandidates } from '../../../server/matching/validate';
import { goldenCases } from './golden-cohorts';
import { goldenGraphs } from './golden-graphs';

/**
 * Suggestions recorded with the code as it was before the fast path (per-pair
 * evaluatePair for the whole cohort, the solver before its typed-array rewrite).
 */
const golden = JSON.parse(
  readFileSync(new URL('./golden-pairs.json', import.meta.url), 'utf8'),
) as Record<string, { pairs: unknown }>;

describe('the optimised matching path', () => {
  for (const c of goldenCases()) {
    it(`gives exactly the recorded suggestions for ${c.name}`, () => {
      expect(golden[c.name]).toBeDefined();
      // Through JSON, as recorded: only data survives, and -0/+0 or key order cannot hide.
      expect(JSON.parse(JSON.stringify(suggestPairs(c.candidates, c.settings)))).toEqual(
        golden[c.name]?.pairs,
      );
    });

    it(`scores and blocks every pair as evaluatePair does for ${c.name}`, () => {
      const pool = validateCandidates(c.candidates);
      const context = createScoringContext(c.settings);
      const table = createPairTable(pool, context, c.settings.excluded);
      let feasible = 0;
      for (let i = 0; i < pool.length; i++) {
        for (let j = i + 1; j < pool.length; j++) {
          const reference = evaluatePair(pool[i]!, pool[j]!, context);
          const score = table.score(i, j);
          expect(table.blockers(i, j)).toEqual(reference.blockers);
          if (reference.blockers.length > 0) expect(score).toBeNaN();
          else {
            feasible++;
            expect(Object.is(score, reference.score)).toBe(true);
          }
        }
      }
      expect(feasible).toBeGreaterThan(0);
    });
  }
});

/** Mates recorded with the solver before its typed-array rewrite, on graphs full of ties. */
const goldenMates = JSON.parse(
  readFileSync(new URL('./golden-mates.json', import.meta.url), 'utf8'),
) as Record<string, number[]>;

describe('the optimised solver', () => {
  for (const g of goldenGraphs()) {
    it(`breaks ties exactly as before on ${g.name}`, () => {
      expect(goldenMates[g.name]).toBeDefined();
      expect(maxWeightMatching(g.n, g.edges, { maxCardinality: g.maxCardinality })).toEqual(
        goldenMates[g.name],
      );
    });
  }
});

describe('the optimised path on edge cases', () => {
  it('does not look at the schedule of someone left alone by locked pairs', () => {
    const [a, b, c] = goldenCases()[0]?.candidates ?? [];
    if (!a || !b || !c) throw new Error('fixture too small');
    const lone = { ...c, timeZone: 'Nowhere/Atlantis' };
    const result = suggestPairs([a, b, lone], {
      ...goldenCases()[0]!.settings,
      excluded: [],
      locked: [[a.id, b.id]],
    });
    expect(result.unmatched).toEqual([{ id: lone.id, why: ['no-one-left'] }]);
  });
});
