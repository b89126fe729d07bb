import { describe, it, expect } from 'vitest';
import { maxWeightMatching, type WeightedEdge } from '../../../server/matching/blossom';
import { exhaustiveMatching, type ExhaustiveBest } from './exhaustive-matching';
import { seededRandom, type Random } from './seeded-random';

/** Exhaustive optimum over the same edges (fine for n ≤ 12). */
function bruteForce(n: number, edges: readonly WeightedEdge[], maxCardinality: boolean) {
  const w = new Map(edges.map((e) => [`${Math.min(e.u, e.v)}:${Math.max(e.u, e.v)}`, e.weight]));
  return exhaustiveMatching(n, (i, j) => w.get(`${i}:${j}`), maxCardinality);
}

/** Checks that mate is a valid matching on the edges and returns its size and weight. */
function measure(
  n: number,
  edges: readonly WeightedEdge[],
  mate: readonly number[],
): ExhaustiveBest {
  expect(mate).toHaveLength(n);
  let count = 0;
  let weight = 0;
  mate.forEach((partner, v) => {
    if (partner === -1) return;
    expect(mate[partner]).toBe(v);
    if (v > partner) return;
    const edge = edges.find(
      (e) => (e.u === v && e.v === partner) || (e.u === partner && e.v === v),
    );
    expect(edge, `${v}–${partner} is not an edge`).toBeDefined();
    count += 1;
    weight += edge?.weight ?? 0;
  });
  return { count, weight };
}

function randomGraph(random: Random, n: number, weightOf: () => number): WeightedEdge[] {
  const density = 0.2 + 0.8 * random.next();
  const edges: WeightedEdge[] = [];
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      if (random.next() < density)
        edges.push(
          random.next() < 0.5 ? { u, v, weight: weightOf() } : { u: v, v: u, weight: weightOf() },
        );
    }
  }
  return edges;
}

function compareWithBruteForce(
  seeds: number,
  weightOf: (r: Random) => number,
  maxCardinality: boolean,
): void {
  for (let seed = 1; seed <= seeds; seed++) {
    const random = seededRandom(seed);
    const n = random.int(1, 10);
    const edges = randomGraph(random, n, () => weightOf(random));
    const got = measure(n, edges, maxWeightMatching(n, edges, { maxCardinality }));
    const want = bruteForce(n, edges, maxCardinality);
    const context = `seed ${seed}, n ${n}, edges ${JSON.stringify(edges)}`;
    if (maxCardinality) expect(got.count, context).toBe(want.count);
    expect(got.weight, context).toBeCloseTo(want.weight, 6);
  }
}

describe('maximum-weight matching (blossom)', () => {
  it('returns an empty matching for a graph without edges', () => {
    expect(maxWeightMatching(0, [])).toEqual([]);
    expect(maxWeightMatching(3, [])).toEqual([-1, -1, -1]);
  });

  it('matches the two ends of a single edge', () => {
    expect(maxWeightMatching(2, [{ u: 0, v: 1, weight: 5 }])).toEqual([1, 0]);
  });

  it('prefers two outer edges of a path when together they outweigh the middle one', () => {
    const edges = [
      { u: 0, v: 1, weight: 2 },
      { u: 1, v: 2, weight: 3 },
      { u: 2, v: 3, weight: 2 },
    ];
    expect(maxWeightMatching(4, edges)).toEqual([1, 0, 3, 2]);
  });

  it('prefers more pairs over more weight when asked for maximum cardinality', () => {
    const edges = [
      { u: 0, v: 1, weight: 1 },
      { u: 1, v: 2, weight: 10 },
      { u: 2, v: 3, weight: 1 },
    ];
    expect(maxWeightMatching(4, edges)).toEqual([-1, 2, 1, -1]);
    expect(maxWeightMatching(4, edges, { maxCardinality: true })).toEqual([1, 0, 3, 2]);
  });

  it('leaves exactly one vertex unmatched in an odd complete graph', () => {
    for (const n of [3, 5, 7, 9]) {
      const edges: WeightedEdge[] = [];
      for (let u = 0; u < n; u++)
        for (let v = u + 1; v < n; v++) edges.push({ u, v, weight: 1 + ((u * 7 + v * 3) % 5) });
      const mate = maxWeightMatching(n, edges);
      expect(
        mate.filter((m) => m === -1),
        `n ${n}`,
      ).toHaveLength(1);
      expect(measure(n, edges, mate).weight).toBe(bruteForce(n, edges, false).weight);
    }
  });

  it('augments through a blossom that closes an odd cycle', () => {
    // The triangle 0-1-2 shrinks into a blossom; the best matching then leaves it via 2–3.
    const edges = [
      { u: 0, v: 1, weight: 8 },
      { u: 0, v: 2, weight: 9 },
      { u: 1, v: 2, weight: 10 },
      { u: 2, v: 3, weight: 7 },
    ];
    expect(maxWeightMatching(4, edges)).toEqual([1, 0, 3, 2]);
  });

  it('relabels the reached children of a T-blossom it expands off the tree path', () => {
    // A graph found by a one-off cross-check against networkx in which expanding a T-blossom
    // must relabel a child that is off the path but was already reached by a tight edge.
    const list = [
      [0, 1, 8], [0, 2, -2], [0, 4, 7], [0, 5, -3], [1, 2, 5], [1, 5, -1], [1, 7, 8],
      [2, 5, -3], [3, 4, 8], [3, 5, -1], [3, 6, 6], [3, 7, 8], [4, 6, 5], [5, 7, -3],
    ] as const; // prettier-ignore
    const edges = list.map(([u, v, weight]) => ({ u, v, weight }));
    expect(measure(8, edges, maxWeightMatching(8, edges))).toEqual({ count: 3, weight: 21 });
    const mate = maxWeightMatching(8, edges, { maxCardinality: true });
    expect(measure(8, edges, mate)).toEqual({ count: 4, weight: 18 });
    expect(bruteForce(8, edges, true)).toEqual({ count: 4, weight: 18 });
  });

  it('ignores edges of negative weight unless maximum cardinality needs them', () => {
    const edges = [{ u: 0, v: 1, weight: -2 }];
    expect(maxWeightMatching(2, edges)).toEqual([-1, -1]);
    expect(maxWeightMatching(2, edges, { maxCardinality: true })).toEqual([1, 0]);
  });

  it('returns the same matching every time for the same input', () => {
    const random = seededRandom(42);
    const edges = randomGraph(random, 40, () => random.int(1, 3));
    const first = maxWeightMatching(40, edges);
    for (let run = 0; run < 3; run++) expect(maxWeightMatching(40, edges)).toEqual(first);
  });

  it('rejects loops, unknown vertices and non-finite weights', () => {
    expect(() => maxWeightMatching(2, [{ u: 1, v: 1, weight: 1 }])).toThrow(RangeError);
    expect(() => maxWeightMatching(2, [{ u: 0, v: 2, weight: 1 }])).toThrow(RangeError);
    expect(() => maxWeightMatching(2, [{ u: 0, v: 1, weight: Number.NaN }])).toThrow(RangeError);
  });

  it('equals the brute-force optimum on random graphs with small integer weights', () => {
    compareWithBruteForce(2500, (r) => r.int(1, 6), false);
  });

  it('equals the brute-force optimum on random graphs with fractional weights', () => {
    compareWithBruteForce(1500, (r) => Math.round(r.next() * 100_000) / 1000, false);
  });

  it('equals the brute-force optimum on random graphs with mixed-sign weights', () => {
    compareWithBruteForce(1000, (r) => r.int(-5, 10), false);
  });

  it('equals the brute-force maximum-cardinality optimum on random graphs', () => {
    compareWithBruteForce(1500, (r) => (r.next() < 0.5 ? r.int(1, 4) : r.next() * 20), true);
  });
});
