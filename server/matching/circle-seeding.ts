/**
 * First two steps of the circle heuristic (see circles.ts): starting circles from small
 * valid seed groups and growing them, over any pool of cohort indices.
 */
import { shapeOf, type CircleCohort } from './circle-shape';
import { placeBest } from './circle-search';

/** Bounds the search for one seed group; plenty for groups of 3–4 among a few hundred. */
const SEED_SEARCH_BUDGET = 4000;

/** Fewest circles that respect maxSize, fewer if there are not enough people to fill minSize. */
export function circleSizes(n: number, minSize: number, maxSize: number): number[] {
  let count = Math.ceil(n / maxSize);
  if (count * minSize > n) count = Math.floor(n / minSize);
  if (count === 0) return [];
  const base = Math.floor(n / count);
  return Array.from({ length: count }, (_, c) => Math.min(maxSize, base + (c < n % count ? 1 : 0)));
}

/**
 * A valid group of `size` people from `free` that includes `person`, found by depth-first
 * search trying her most affine compatible peers first; undefined if none within budget.
 */
function seedGroup(
  cohort: CircleCohort,
  person: number,
  free: ReadonlySet<number>,
  size: number,
): number[] | undefined {
  const n = cohort.people.length;
  const ok = (i: number, j: number): boolean => cohort.compatible[i * n + j] === 1;
  const peers = [...free]
    .filter((j) => j !== person && ok(person, j))
    .sort(
      (x, y) =>
        (cohort.affinity[person * n + y] ?? 0) - (cohort.affinity[person * n + x] ?? 0) || x - y,
    );
  let budget = SEED_SEARCH_BUDGET;
  const extend = (group: number[], from: number): number[] | undefined => {
    if (group.length === size) return group;
    for (let k = from; k < peers.length && budget > 0; k++) {
      const next = peers[k] as number;
      if (!group.every((g) => ok(g, next))) continue;
      budget -= 1;
      const grown = [...group, next];
      if (shapeOf(cohort, grown).blocker !== undefined) continue;
      const found = extend(grown, k + 1);
      if (found) return found;
    }
    return undefined;
  };
  return extend([person], 0);
}

/**
 * Seeds are valid groups of minSize people, chosen one at a time around the person who is
 * compatible with the fewest members of the seeds so far (so circles start in different
 * language and time-zone groups), then has the fewest compatible peers (placed last, she
 * would be left out). Someone around whom no valid group exists is skipped.
 */
function chooseSeeds(
  cohort: CircleCohort,
  pool: readonly number[],
  count: number,
  minSize: number,
): number[][] {
  const n = cohort.people.length;
  const ok = (i: number, j: number): boolean => cohort.compatible[i * n + j] === 1;
  const degree = new Map(pool.map((i) => [i, pool.filter((j) => ok(i, j)).length]));
  const free = new Set(pool);
  let candidates = pool.filter((i) => (degree.get(i) ?? 0) >= minSize - 1);
  const seeds: number[][] = [];
  while (seeds.length < count && candidates.length > 0) {
    const seeded = seeds.flat();
    const key = (i: number): number[] => [
      seeded.filter((s) => ok(i, s)).length,
      degree.get(i) ?? 0,
      i,
    ];
    const person = candidates.reduce((best, i) => {
      const [x, y] = [key(i), key(best)];
      const smaller = x.findIndex((v, d) => v !== y[d]);
      return smaller !== -1 && (x[smaller] ?? 0) < (y[smaller] ?? 0) ? i : best;
    });
    const group = seedGroup(cohort, person, free, minSize);
    if (group) {
      seeds.push(group);
      for (const member of group) free.delete(member);
    }
    candidates = candidates.filter((i) => i !== person && free.has(i));
  }
  return seeds;
}

/** Seed and grow circles from `pool`; returns them and whoever could not be placed. */
export function seedAndGrow(
  cohort: CircleCohort,
  pool: readonly number[],
  minSize: number,
  maxSize: number,
): { circles: number[][]; rest: number[] } {
  const targets = circleSizes(pool.length, minSize, maxSize);
  const circles = chooseSeeds(cohort, pool, targets.length, minSize);
  const seeded = new Set(circles.flat());
  const rest = pool.filter((i) => !seeded.has(i));
  while (placeBest(cohort, circles, rest, (c) => targets[c] ?? maxSize));
  while (placeBest(cohort, circles, rest, () => maxSize));
  return { circles, rest };
}
