/**
 * Seeded random graphs with many equal-weight optima, shared by the solver's golden test
 * and the script that recorded the mates the solver returned before its typed-array
 * rewrite (`golden-mates.json`): ties must keep being broken the same way.
 */
import type { WeightedEdge } from '../../../server/matching/blossom';
import { seededRandom } from './seeded-random';

export interface GoldenGraph {
  readonly name: string;
  readonly n: number;
  readonly edges: WeightedEdge[];
  readonly maxCardinality: boolean;
}

export function goldenGraphs(): GoldenGraph[] {
  const graphs: GoldenGraph[] = [];
  for (const [k, seed] of [3, 17, 31, 59, 71, 97].entries()) {
    const random = seededRandom(seed);
    const n = 30 + random.int(0, 31);
    const density = k % 2 === 0 ? 0.7 : 0.25;
    const edges: WeightedEdge[] = [];
    for (let u = 0; u < n; u++) {
      for (let v = u + 1; v < n; v++) {
        if (random.next() >= density) continue;
        // Few distinct weights, some fractional and some negative: plenty of ties.
        const weight = k >= 4 ? random.int(-2, 6) / 2 : random.int(1, 4);
        edges.push(random.next() < 0.5 ? { u, v, weight } : { u: v, v: u, weight });
      }
    }
    graphs.push({ name: `seed ${seed}`, n, edges: random.shuffle(edges), maxCardinality: k !== 3 });
  }
  return graphs;
}
