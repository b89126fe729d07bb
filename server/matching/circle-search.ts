/**
 * The moves of the circle heuristic (see circles.ts): greedy placement and improving swaps.
 * Circles are arrays of indices into the cohort; both functions mutate them in place.
 */
import { fitsPairwise, shapeOf, type CircleCohort } from './circle-shape';

/** Ignore gains below this: they are rounding noise, and chasing them could cycle. */
const MIN_GAIN = 1e-9;
const MAX_PASSES = 20;

/**
 * Place the most constrained person of `pool` (fewest circles with room that stay valid
 * with her) in the circle she improves most. Returns false when nobody can be placed.
 */
export function placeBest(
  cohort: CircleCohort,
  circles: number[][],
  pool: number[],
  capacity: (circle: number) => number,
): boolean {
  let choice: { person: number; circle: number; options: number; gain: number } | undefined;
  const current = circles.map((members) => shapeOf(cohort, members).objective);
  for (const person of pool) {
    let options = 0;
    let best: { circle: number; gain: number } | undefined;
    circles.forEach((members, c) => {
      if (members.length >= capacity(c) || !fitsPairwise(cohort, members, person)) return;
      const grown = shapeOf(cohort, [...members, person]);
      if (grown.blocker !== undefined) return;
      options += 1;
      const gain = grown.objective - (current[c] ?? 0);
      if (!best || gain > best.gain + MIN_GAIN) best = { circle: c, gain };
    });
    if (!best) continue;
    const better =
      !choice ||
      options < choice.options ||
      (options === choice.options && best.gain > choice.gain + MIN_GAIN);
    if (better) choice = { person, circle: best.circle, options, gain: best.gain };
  }
  if (!choice) return false;
  circles[choice.circle]?.push(choice.person);
  pool.splice(pool.indexOf(choice.person), 1);
  return true;
}

/** First-improvement swaps between circles, plus insertion of the unplaced where there is room. */
export function improveCircles(
  cohort: CircleCohort,
  circles: number[][],
  unplaced: number[],
  maxSize: number,
): void {
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let improved = false;
    while (placeBest(cohort, circles, unplaced, () => maxSize)) improved = true;
    for (let c1 = 0; c1 < circles.length; c1++) {
      for (let c2 = c1 + 1; c2 < circles.length; c2++) {
        if (trySwaps(cohort, circles, c1, c2)) improved = true;
      }
    }
    if (!improved) return;
  }
}

function trySwaps(cohort: CircleCohort, circles: number[][], c1: number, c2: number): boolean {
  const first = circles[c1];
  const second = circles[c2];
  if (!first || !second) return false;
  let improved = false;
  let before = shapeOf(cohort, first).objective + shapeOf(cohort, second).objective;
  for (let x = 0; x < first.length; x++) {
    for (let y = 0; y < second.length; y++) {
      const [px, py] = [first[x] as number, second[y] as number];
      const firstWithout = first.filter((p) => p !== px);
      const secondWithout = second.filter((p) => p !== py);
      if (!fitsPairwise(cohort, firstWithout, py) || !fitsPairwise(cohort, secondWithout, px))
        continue;
      const a = shapeOf(
        cohort,
        first.map((p) => (p === px ? py : p)),
      );
      if (a.blocker !== undefined) continue;
      const b = shapeOf(
        cohort,
        second.map((p) => (p === py ? px : p)),
      );
      if (b.blocker !== undefined || a.objective + b.objective <= before + MIN_GAIN) continue;
      first[x] = py;
      second[y] = px;
      before = a.objective + b.objective;
      improved = true;
    }
  }
  return improved;
}
