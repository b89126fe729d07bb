import { mulberry32 } from '../../helpers/mulberry32';

/**
 * Tiny seeded PRNG (mulberry32) so that randomised tests are reproducible: every failure
 * message carries the seed, and rerunning with that seed replays the exact case.
 */
export interface Random {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Each item kept with probability p, order preserved. */
  subset<T>(items: readonly T[], p: number): T[];
  /** A new array in uniformly random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    seed,
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('cannot pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
    subset<T>(items: readonly T[], p: number): T[] {
      return items.filter(() => next() < p);
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
  };
}
