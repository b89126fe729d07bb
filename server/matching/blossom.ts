/**
 * Maximum-weight matching on a general graph: Edmonds' blossom algorithm in its primal-dual
 * form, O(n³) overall (Galil's presentation: at most n/2 augmenting stages, each O(n²)
 * thanks to per-blossom least-slack edge lists).
 *
 * A stage grows alternating trees from every single vertex along tight edges (slack 0).
 * Two S-vertices joined by a tight edge either close an odd cycle (shrunk into a blossom)
 * or link two trees (augment and start a new stage). When no tight edge is left, the duals
 * move by the largest step that keeps them feasible, which makes a new edge tight, empties
 * a T-blossom's dual (expand it) or, without max-cardinality, drives a vertex dual to zero
 * (then the matching is optimal by complementary slackness).
 *
 * Weights are quantised to a power-of-two grid before solving so that every comparison
 * with zero slack is exact; floating point drift cannot make the loop misjudge tightness.
 */
import { addBlossom, scanBlossom } from './blossom-contract';
import { augmentMatching } from './blossom-augment';
import { expandBlossom } from './blossom-expand';
import { FREE, S_LABEL, T_LABEL, assignLabel, at, createState, slack } from './blossom-state';
import type { BlossomState } from './blossom-state';

export interface WeightedEdge {
  readonly u: number;
  readonly v: number;
  readonly weight: number;
}

export interface MatchingOptions {
  /** Among matchings with the most edges, return one of maximum weight. */
  readonly maxCardinality?: boolean;
}

/** Quantised weights stay below 2^40, far inside the 2^53 exact range of doubles. */
const WEIGHT_BITS = 40;

/**
 * Returns `mate`, where mate[v] is v's partner or -1. Deterministic: the result depends only
 * on the vertex count and on the edge list in its given order.
 */
export function maxWeightMatching(
  vertexCount: number,
  edges: readonly WeightedEdge[],
  options: MatchingOptions = {},
): number[] {
  if (!Number.isInteger(vertexCount) || vertexCount < 0) {
    throw new RangeError(`vertexCount must be a non-negative integer, got ${vertexCount}`);
  }
  const from = new Int32Array(edges.length);
  const to = new Int32Array(edges.length);
  const weight = new Float64Array(edges.length);
  edges.forEach((e, k) => {
    for (const end of [e.u, e.v]) {
      if (!Number.isInteger(end) || end < 0 || end >= vertexCount) {
        throw new RangeError(`edge ${k} has an endpoint outside 0..${vertexCount - 1}`);
      }
    }
    if (e.u === e.v) throw new RangeError(`edge ${k} is a loop on vertex ${e.u}`);
    if (!Number.isFinite(e.weight)) throw new RangeError(`edge ${k} has a non-finite weight`);
    from[k] = e.u;
    to[k] = e.v;
    weight[k] = e.weight;
  });
  return solveMatching(vertexCount, from, to, weight, options);
}

/**
 * maxWeightMatching for edges already in typed arrays (edge k joins from[k] and to[k] with
 * weight[k]) and already valid: endpoints in range, no loops, finite weights. For callers
 * inside the matching core that build large edge lists; `weight` is overwritten with the
 * solver's quantised weights.
 */
export function solveMatching(
  vertexCount: number,
  from: Int32Array,
  to: Int32Array,
  weight: Float64Array,
  options: MatchingOptions = {},
): number[] {
  let largest = 0;
  for (let k = 0; k < weight.length; k++)
    largest = Math.max(largest, Math.abs(weight[k] as number));
  // Clamped so that absurdly small or large weights cannot overflow the scale itself.
  const exponent = largest > 0 ? WEIGHT_BITS - Math.ceil(Math.log2(largest)) - 1 : 0;
  const scale = 2 ** Math.max(-1000, Math.min(1000, exponent));
  for (let k = 0; k < weight.length; k++) weight[k] = 2 * Math.round((weight[k] as number) * scale);

  const s = createState(vertexCount, from, to, weight);
  for (let stage = 0; stage < vertexCount; stage++) {
    if (!runStage(s, options.maxCardinality === true)) break;
  }
  return Array.from(s.mate, (arc) => (arc === -1 ? -1 : at(s.arcHead, arc)));
}

/** One stage: returns true if it found and applied an augmenting path. */
function runStage(s: BlossomState, maxCardinality: boolean): boolean {
  s.label.fill(FREE);
  s.bestEdge.fill(-1);
  s.bestEdgesOf.fill(null, s.n);
  s.allowed.fill(0);
  s.queue.length = 0;
  for (let v = 0; v < s.n; v++) {
    if (at(s.mate, v) === -1 && at(s.label, at(s.inBlossom, v)) === FREE) {
      assignLabel(s, v, S_LABEL, -1);
    }
  }
  let augmented = false;
  for (;;) {
    augmented = scanQueue(s);
    if (augmented) break;
    if (!adjustDuals(s, maxCardinality)) break;
  }
  // A blossom whose dual is zero no longer needs to stay shrunk; expanding it keeps later
  // stages from carrying stale structure.
  for (let b = s.n; b < 2 * s.n; b++) {
    if (
      at(s.parent, b) === -1 &&
      at(s.base, b) >= 0 &&
      at(s.label, b) === S_LABEL &&
      at(s.dual, b) === 0
    ) {
      expandBlossom(s, b, true);
    }
  }
  return augmented;
}

/**
 * Scan S-vertices' edges; returns true once an augmentation happened. This loop runs over
 * every arc of every S-vertex in every stage (tens of millions of times for a dense cohort
 * of 1,000), so it reads the typed arrays directly, without helpers or allocation.
 */
function scanQueue(s: BlossomState): boolean {
  const { arcStart, arcList, arcListHead, arcListWeight, inBlossom, allowed, label, dual } = s;
  const { bestEdge, memoEpoch, memoEdge, memoSlack, queue } = s;
  // Vertex duals only change between scans, so a slack remembered during this scan for
  // the edge that is still bestEdge[x] is still its slack: memoEdge[x] says which edge.
  const epoch = (s.slackEpoch[0] as number) + 1;
  s.slackEpoch[0] = epoch;
  while (queue.length > 0) {
    const v = queue.pop() as number;
    const end = arcStart[v + 1] as number;
    for (let p = arcStart[v] as number; p < end; p++) {
      const arc = arcList[p] as number;
      const k = arc >> 1;
      const w = arcListHead[p] as number;
      // Read each time: a blossom formed while scanning v's arcs may now contain v.
      const bv = inBlossom[v] as number;
      const bw = inBlossom[w] as number;
      if (bv === bw) continue;
      let edgeSlack = 0;
      if (allowed[k] === 0) {
        // slack(s, k), inlined: the two ends' duals minus the weight.
        edgeSlack = (dual[v] as number) + (dual[w] as number) - (arcListWeight[p] as number);
        if (edgeSlack <= 0) allowed[k] = 1;
      }
      if (allowed[k] !== 0) {
        const labelW = label[bw] as number;
        if (labelW === FREE) {
          assignLabel(s, w, T_LABEL, arc ^ 1);
        } else if (labelW === S_LABEL) {
          const base = scanBlossom(s, v, w);
          if (base === -1) {
            augmentMatching(s, arc);
            return true;
          }
          addBlossom(s, base, arc);
        } else if (label[w] === FREE) {
          // w sits in a T-blossom but was not reached yet; remember how, for its expansion.
          label[w] = T_LABEL;
          s.labelArc[w] = arc ^ 1;
        }
        continue;
      }
      // Not tight: a candidate least-slack edge for the S-blossom bw or the free vertex w.
      let x = -1;
      if (label[bw] === S_LABEL) x = bv;
      else if (label[w] === FREE) x = w;
      else continue;
      const best = bestEdge[x] as number;
      if (best !== -1) {
        let bestSlack: number;
        if (memoEpoch[x] === epoch && memoEdge[x] === best) bestSlack = memoSlack[x] as number;
        else bestSlack = slack(s, best);
        if (!(edgeSlack < bestSlack)) {
          memoEpoch[x] = epoch;
          memoEdge[x] = best;
          memoSlack[x] = bestSlack;
          continue;
        }
      }
      bestEdge[x] = k;
      memoEpoch[x] = epoch;
      memoEdge[x] = k;
      memoSlack[x] = edgeSlack;
    }
  }
  return false;
}

/** Smallest vertex dual. */
function minVertexDual(s: BlossomState): number {
  let min = Infinity;
  for (let v = 0; v < s.n; v++) min = Math.min(min, s.dual[v] as number);
  return min;
}

/** Move the duals by the largest feasible step; returns false when the matching is optimal. */
function adjustDuals(s: BlossomState, maxCardinality: boolean): boolean {
  const { n, label, inBlossom, bestEdge, parent, base, dual } = s;
  // Candidates are weighed in a fixed order and only a strictly smaller step replaces the
  // one found so far: kind 1 (a vertex dual reaches zero), 2 (edge to a free vertex),
  // 3 (edge between S-blossoms, half its slack), 4 (a T-blossom's dual reaches zero).
  let kind = 0;
  let delta = 0;
  let edge = -1;
  let blossom = -1;
  if (!maxCardinality) {
    kind = 1;
    delta = minVertexDual(s);
  }
  for (let v = 0; v < n; v++) {
    const k = bestEdge[v] as number;
    if (k !== -1 && label[inBlossom[v] as number] === FREE) {
      const value = slack(s, k);
      if (kind === 0 || value < delta) {
        kind = 2;
        delta = value;
        edge = k;
      }
    }
  }
  for (let b = 0; b < 2 * n; b++) {
    if (parent[b] !== -1 || (base[b] as number) < 0) continue;
    const k = bestEdge[b] as number;
    if (label[b] === S_LABEL && k !== -1) {
      const value = slack(s, k) / 2;
      if (kind === 0 || value < delta) {
        kind = 3;
        delta = value;
        edge = k;
      }
    }
    if (b >= n && label[b] === T_LABEL) {
      const value = dual[b] as number;
      if (kind === 0 || value < delta) {
        kind = 4;
        delta = value;
        blossom = b;
      }
    }
  }
  if (kind === 0) {
    // Max-cardinality and nothing left to grow: one last step to certify optimality.
    kind = 1;
    delta = Math.max(0, minVertexDual(s));
  }

  for (let v = 0; v < n; v++) {
    const vertexLabel = label[inBlossom[v] as number];
    if (vertexLabel === S_LABEL) dual[v] = (dual[v] as number) - delta;
    else if (vertexLabel === T_LABEL) dual[v] = (dual[v] as number) + delta;
  }
  for (let b = n; b < 2 * n; b++) {
    if (parent[b] !== -1 || (base[b] as number) < 0) continue;
    if (label[b] === S_LABEL) dual[b] = (dual[b] as number) + delta;
    else if (label[b] === T_LABEL) dual[b] = (dual[b] as number) - delta;
  }

  if (kind === 1) return false;
  if (kind === 4) {
    expandBlossom(s, blossom, false);
    return true;
  }
  s.allowed[edge] = 1;
  // Rescan from the S end of the newly tight edge.
  let v = at(s.arcHead, 2 * edge);
  if (at(s.label, at(s.inBlossom, v)) !== S_LABEL) v = at(s.arcHead, 2 * edge + 1);
  s.queue.push(v);
  return true;
}
