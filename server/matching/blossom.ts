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
  const largest = edges.reduce((max, e) => Math.max(max, Math.abs(e.weight)), 0);
  // Clamped so that absurdly small or large weights cannot overflow the scale itself.
  const exponent = largest > 0 ? WEIGHT_BITS - Math.ceil(Math.log2(largest)) - 1 : 0;
  const scale = 2 ** Math.max(-1000, Math.min(1000, exponent));
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
    weight[k] = 2 * Math.round(e.weight * scale);
  });

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

/** Scan S-vertices' edges; returns true once an augmentation happened. */
function scanQueue(s: BlossomState): boolean {
  while (s.queue.length > 0) {
    const v = s.queue.pop() as number;
    for (const arc of s.arcsOf[v] ?? []) {
      const k = arc >> 1;
      const w = at(s.arcHead, arc);
      const bv = at(s.inBlossom, v);
      const bw = at(s.inBlossom, w);
      if (bv === bw) continue;
      let edgeSlack = 0;
      if (!at(s.allowed, k)) {
        edgeSlack = slack(s, k);
        if (edgeSlack <= 0) s.allowed[k] = 1;
      }
      if (at(s.allowed, k)) {
        if (at(s.label, bw) === FREE) {
          assignLabel(s, w, T_LABEL, arc ^ 1);
        } else if (at(s.label, bw) === S_LABEL) {
          const base = scanBlossom(s, v, w);
          if (base === -1) {
            augmentMatching(s, arc);
            return true;
          }
          addBlossom(s, base, arc);
        } else if (at(s.label, w) === FREE) {
          // w sits in a T-blossom but was not reached yet; remember how, for its expansion.
          s.label[w] = T_LABEL;
          s.labelArc[w] = arc ^ 1;
        }
      } else if (at(s.label, bw) === S_LABEL) {
        const best = at(s.bestEdge, bv);
        if (best === -1 || edgeSlack < slack(s, best)) s.bestEdge[bv] = k;
      } else if (at(s.label, w) === FREE) {
        const best = at(s.bestEdge, w);
        if (best === -1 || edgeSlack < slack(s, best)) s.bestEdge[w] = k;
      }
    }
  }
  return false;
}

/** Move the duals by the largest feasible step; returns false when the matching is optimal. */
function adjustDuals(s: BlossomState, maxCardinality: boolean): boolean {
  let kind = 0;
  let delta = 0;
  let edge = -1;
  let blossom = -1;
  const consider = (candidateKind: number, value: number, k: number, b: number): void => {
    if (kind === 0 || value < delta) [kind, delta, edge, blossom] = [candidateKind, value, k, b];
  };
  if (!maxCardinality) consider(1, Math.min(...s.dual.subarray(0, s.n)), -1, -1);
  for (let v = 0; v < s.n; v++) {
    const k = at(s.bestEdge, v);
    if (at(s.label, at(s.inBlossom, v)) === FREE && k !== -1) consider(2, slack(s, k), k, -1);
  }
  for (let b = 0; b < 2 * s.n; b++) {
    if (at(s.parent, b) !== -1 || at(s.base, b) < 0) continue;
    const k = at(s.bestEdge, b);
    if (at(s.label, b) === S_LABEL && k !== -1) consider(3, slack(s, k) / 2, k, -1);
    if (b >= s.n && at(s.label, b) === T_LABEL) consider(4, at(s.dual, b), -1, b);
  }
  if (kind === 0) {
    // Max-cardinality and nothing left to grow: one last step to certify optimality.
    kind = 1;
    delta = Math.max(0, Math.min(...s.dual.subarray(0, s.n)));
  }

  for (let v = 0; v < s.n; v++) {
    const label = at(s.label, at(s.inBlossom, v));
    if (label === S_LABEL) s.dual[v] = at(s.dual, v) - delta;
    else if (label === T_LABEL) s.dual[v] = at(s.dual, v) + delta;
  }
  for (let b = s.n; b < 2 * s.n; b++) {
    if (at(s.parent, b) !== -1 || at(s.base, b) < 0) continue;
    if (at(s.label, b) === S_LABEL) s.dual[b] = at(s.dual, b) + delta;
    else if (at(s.label, b) === T_LABEL) s.dual[b] = at(s.dual, b) - delta;
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
