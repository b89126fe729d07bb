import { describe, expect, it } from 'vitest';
import { convergence, FAST } from '../../reliability/convergence';
import { missed, valueOf } from '../../reliability/scenario';

// BOARD_SEED and BOARD_SEEDS replay a failing seed, or run more.
const options = {
  ...FAST,
  firstSeed: Number(process.env.BOARD_SEED ?? FAST.firstSeed),
  seeds: Number(process.env.BOARD_SEEDS ?? FAST.seeds),
};
const last = options.firstSeed + options.seeds - 1;

describe('randomized board convergence through the real server', () => {
  it(
    `ten clients making ${options.opsPerClient} random operations each, with random disconnects, end identical for seeds ${options.firstSeed}–${last}`,
    async () => {
      const result = await convergence(options, () => undefined);
      expect(result.divergences).toEqual([]);
      expect(missed(result)).toEqual([]);
      expect(valueOf(result, 'seeds run')).toBe(options.seeds);
      expect(valueOf(result, 'operations made')).toBe(
        options.seeds * options.clients * options.opsPerClient,
      );
      expect(valueOf(result, 'divergences')).toBe(0);
    },
    // Ten seeds take about 15 s alone; the whole suite shares two cores with this test.
    60_000,
  );
});
