export interface ExhaustiveBest {
  readonly count: number;
  readonly weight: number;
}

/**
 * The best set of disjoint pairs by dynamic programming over vertex subsets (n ≤ 12):
 * `weight(i, j)` is a pair's weight, undefined when the pair is not allowed. With
 * `maxCardinality`, more pairs win before more weight.
 */
export function exhaustiveMatching(
  n: number,
  weight: (i: number, j: number) => number | undefined,
  maxCardinality: boolean,
  epsilon = 0,
): ExhaustiveBest {
  const table = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (__, j) => (i < j ? weight(i, j) : undefined)),
  );
  const better = (a: ExhaustiveBest, b: ExhaustiveBest): boolean =>
    maxCardinality
      ? a.count > b.count || (a.count === b.count && a.weight > b.weight + epsilon)
      : a.weight > b.weight + epsilon;
  const memo = new Map<number, ExhaustiveBest>();
  const solve = (mask: number): ExhaustiveBest => {
    if (mask === 0) return { count: 0, weight: 0 };
    const cached = memo.get(mask);
    if (cached) return cached;
    const i = 31 - Math.clz32(mask & -mask);
    const rest = mask & ~(1 << i);
    let best = solve(rest);
    for (let j = i + 1; j < n; j++) {
      const w = table[i]?.[j];
      if (!(rest & (1 << j)) || w === undefined) continue;
      const sub = solve(rest & ~(1 << j));
      const candidate = { count: sub.count + 1, weight: sub.weight + w };
      if (better(candidate, best)) best = candidate;
    }
    memo.set(mask, best);
    return best;
  };
  return solve((1 << n) - 1);
}
