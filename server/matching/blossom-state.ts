/**
 * Shared state of the weighted blossom algorithm (see blossom.ts for the overview).
 *
 * Ids 0..n-1 are vertices and n..2n-1 are slots for non-trivial blossoms, so every
 * per-blossom array has length 2n and a vertex doubles as its own trivial blossom.
 *
 * Edges are stored as two opposite arcs: arc 2k runs from `from[k]` to `to[k]`, arc 2k+1
 * runs back. `arc ^ 1` is the reverse arc and `arc >> 1` the edge. An arc, unlike a bare
 * edge, remembers which side a tree or a blossom cycle was entered from.
 */

export const FREE = 0;
export const S_LABEL = 1;
export const T_LABEL = 2;
/** Breadcrumb OR-ed onto S labels while looking for a common ancestor. */
export const VISITED = 4;

export interface BlossomState {
  readonly n: number;
  /** Head vertex of each arc. */
  readonly arcHead: Int32Array;
  /** Doubled integer edge weights, so every dual and every S–S slack stays an integer. */
  readonly weight: Float64Array;
  /** Outgoing arcs of vertex v: arcList[arcStart[v]] … arcList[arcStart[v + 1] - 1], by edge. */
  readonly arcStart: Int32Array;
  readonly arcList: Int32Array;
  /** Head vertex and weight of arcList[p], stored alongside so a scan reads them in order. */
  readonly arcListHead: Int32Array;
  readonly arcListWeight: Float64Array;
  /** Arc from v to its partner, or -1. */
  readonly mate: Int32Array;
  readonly label: Int32Array;
  /** Arc from a labelled blossom (or vertex) to its parent in the alternating tree, -1 at roots. */
  readonly labelArc: Int32Array;
  /** Top-level blossom containing each vertex. */
  readonly inBlossom: Int32Array;
  readonly parent: Int32Array;
  /** Sub-blossoms around the odd cycle, base first; null for vertices and unused slots. */
  readonly children: (number[] | null)[];
  /** cycleArcs[b][i] runs from children[i] to children[i + 1] (wrapping). */
  readonly cycleArcs: (number[] | null)[];
  /** Base vertex, -1 for an unused slot. */
  readonly base: Int32Array;
  /** Vertex duals (0..n-1) and blossom duals (n..2n-1), in the units of `slack`. */
  readonly dual: Float64Array;
  /** Least-slack edge towards an S-blossom, -1 if none known. */
  readonly bestEdge: Int32Array;
  /** For non-trivial S-blossoms: least-slack edge to each neighbouring S-blossom. */
  readonly bestEdgesOf: (number[] | null)[];
  readonly allowed: Uint8Array;
  /** Counts scans; memoEdge/memoSlack hold the slack of an edge for the scan memoEpoch. */
  readonly slackEpoch: Float64Array;
  readonly memoEpoch: Float64Array;
  readonly memoEdge: Int32Array;
  readonly memoSlack: Float64Array;
  readonly unused: number[];
  /** S-vertices whose edges still need scanning. */
  readonly queue: number[];
}

export function createState(
  n: number,
  from: Int32Array,
  to: Int32Array,
  weight: Float64Array,
): BlossomState {
  const m = weight.length;
  const arcHead = new Int32Array(2 * m);
  const arcStart = new Int32Array(n + 1);
  let maxWeight = 0;
  for (let k = 0; k < m; k++) {
    arcHead[2 * k] = at(to, k);
    arcHead[2 * k + 1] = at(from, k);
    arcStart[at(from, k) + 1] = at(arcStart, at(from, k) + 1) + 1;
    arcStart[at(to, k) + 1] = at(arcStart, at(to, k) + 1) + 1;
    maxWeight = Math.max(maxWeight, at(weight, k));
  }
  for (let v = 0; v < n; v++) arcStart[v + 1] = at(arcStart, v + 1) + at(arcStart, v);
  // Each vertex's arcs in edge order, as the solver has always scanned them.
  const arcList = new Int32Array(2 * m);
  const fill = arcStart.slice(0, n);
  for (let k = 0; k < m; k++) {
    const u = at(from, k);
    const v = at(to, k);
    arcList[at(fill, u)] = 2 * k;
    fill[u] = at(fill, u) + 1;
    arcList[at(fill, v)] = 2 * k + 1;
    fill[v] = at(fill, v) + 1;
  }
  const arcListHead = new Int32Array(2 * m);
  const arcListWeight = new Float64Array(2 * m);
  for (let p = 0; p < 2 * m; p++) {
    arcListHead[p] = at(arcHead, at(arcList, p));
    arcListWeight[p] = at(weight, at(arcList, p) >> 1);
  }
  const base = new Int32Array(2 * n).fill(-1);
  const dual = new Float64Array(2 * n);
  for (let v = 0; v < n; v++) {
    base[v] = v;
    // Starting every vertex dual at half the largest weight (weights are doubled) makes
    // all slacks non-negative while nothing is matched.
    dual[v] = maxWeight / 2;
  }
  const inBlossom = new Int32Array(n);
  for (let v = 0; v < n; v++) inBlossom[v] = v;
  const unused: number[] = [];
  for (let b = 2 * n - 1; b >= n; b--) unused.push(b);
  return {
    n,
    arcHead,
    weight,
    arcStart,
    arcList,
    arcListHead,
    arcListWeight,
    mate: new Int32Array(n).fill(-1),
    label: new Int32Array(2 * n),
    labelArc: new Int32Array(2 * n).fill(-1),
    inBlossom,
    parent: new Int32Array(2 * n).fill(-1),
    children: new Array<number[] | null>(2 * n).fill(null),
    cycleArcs: new Array<number[] | null>(2 * n).fill(null),
    base,
    dual,
    bestEdge: new Int32Array(2 * n).fill(-1),
    bestEdgesOf: new Array<number[] | null>(2 * n).fill(null),
    allowed: new Uint8Array(m),
    slackEpoch: new Float64Array(1),
    memoEpoch: new Float64Array(2 * n),
    memoEdge: new Int32Array(2 * n).fill(-1),
    memoSlack: new Float64Array(2 * n),
    unused,
    queue: [],
  };
}

/** Typed-array read that satisfies noUncheckedIndexedAccess; indices here are always in range. */
export function at(array: ArrayLike<number>, index: number): number {
  return array[index] as number;
}

export function head(s: BlossomState, arc: number): number {
  return at(s.arcHead, arc);
}

export function tail(s: BlossomState, arc: number): number {
  return at(s.arcHead, arc ^ 1);
}

/** Reduced cost of edge k; 0 means tight. Blossom duals never enter: their edges are internal. */
export function slack(s: BlossomState, k: number): number {
  return at(s.dual, at(s.arcHead, 2 * k)) + at(s.dual, at(s.arcHead, 2 * k + 1)) - at(s.weight, k);
}

export function childrenOf(s: BlossomState, b: number): number[] {
  const children = s.children[b];
  if (!children) throw new Error(`blossom ${b} has no children`);
  return children;
}

export function cycleOf(s: BlossomState, b: number): number[] {
  const arcs = s.cycleArcs[b];
  if (!arcs) throw new Error(`blossom ${b} has no cycle`);
  return arcs;
}

/** Vertices inside blossom b, in a fixed order. */
export function leaves(s: BlossomState, b: number): number[] {
  if (b < s.n) return [b];
  const out: number[] = [];
  const stack = [b];
  while (stack.length > 0) {
    const x = stack.pop() as number;
    if (x < s.n) out.push(x);
    else for (const c of childrenOf(s, x)) stack.push(c);
  }
  return out;
}

/**
 * Label the top-level blossom of w with S or T, entered through `arc` (from w towards its
 * tree parent, -1 for a root). A T-blossom's base is matched, so its mate becomes S at once.
 */
export function assignLabel(s: BlossomState, w: number, label: number, arc: number): void {
  const b = at(s.inBlossom, w);
  s.label[w] = s.label[b] = label;
  s.labelArc[w] = s.labelArc[b] = arc;
  s.bestEdge[w] = s.bestEdge[b] = -1;
  if (label === S_LABEL) {
    s.queue.push(...leaves(s, b));
  } else {
    const mateArc = at(s.mate, at(s.base, b));
    assignLabel(s, head(s, mateArc), S_LABEL, mateArc ^ 1);
  }
}
