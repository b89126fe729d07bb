/**
 * Growing the alternating forest into blossoms: finding where two S-vertices' tree paths
 * meet, and shrinking the odd cycle they close into a new S-blossom.
 */
import {
  S_LABEL,
  T_LABEL,
  VISITED,
  at,
  childrenOf,
  head,
  leaves,
  slack,
  type BlossomState,
} from './blossom-state';

/**
 * Walk up from v and w in turns. If the walks meet, return the base of the blossom they
 * close; if both reach (different) roots, the tight edge v–w completes an augmenting path
 * and -1 is returned. Alternating the two walks keeps the cost proportional to the
 * shorter path.
 */
export function scanBlossom(s: BlossomState, v: number, w: number): number {
  const marked: number[] = [];
  let base = -1;
  let x = v;
  let y = w;
  while (x !== -1) {
    const b = at(s.inBlossom, x);
    if (at(s.label, b) & VISITED) {
      base = at(s.base, b);
      break;
    }
    marked.push(b);
    s.label[b] = S_LABEL | VISITED;
    const up = at(s.labelArc, b);
    if (up === -1) {
      x = -1;
    } else {
      // One step up reaches a T-blossom, whose own parent is the next S-vertex.
      const t = at(s.inBlossom, head(s, up));
      x = head(s, at(s.labelArc, t));
    }
    if (y !== -1) [x, y] = [y, x];
  }
  for (const b of marked) s.label[b] = S_LABEL;
  return base;
}

/**
 * Shrink the odd cycle formed by the tree paths from v and w up to `base` plus the arc
 * v→w into a new S-blossom. Children are listed base first, then down the v side, then up
 * the w side, so that cycle arc i always runs from child i to child i + 1.
 */
export function addBlossom(s: BlossomState, baseVertex: number, arc: number): void {
  const baseChild = at(s.inBlossom, baseVertex);
  const b = s.unused.pop();
  if (b === undefined) throw new Error('no free blossom slot');
  s.base[b] = baseVertex;
  s.parent[b] = -1;
  s.parent[baseChild] = b;

  const vSide: number[] = [];
  const vArcs: number[] = [];
  for (let x = at(s.inBlossom, head(s, arc ^ 1)); x !== baseChild;) {
    s.parent[x] = b;
    vSide.push(x);
    vArcs.push(at(s.labelArc, x) ^ 1);
    x = at(s.inBlossom, head(s, at(s.labelArc, x)));
  }
  const wSide: number[] = [];
  const wArcs: number[] = [];
  for (let x = at(s.inBlossom, head(s, arc)); x !== baseChild;) {
    s.parent[x] = b;
    wSide.push(x);
    wArcs.push(at(s.labelArc, x));
    x = at(s.inBlossom, head(s, at(s.labelArc, x)));
  }
  s.children[b] = [baseChild, ...vSide.reverse(), ...wSide];
  s.cycleArcs[b] = [...vArcs.reverse(), arc, ...wArcs];

  s.label[b] = S_LABEL;
  s.labelArc[b] = at(s.labelArc, baseChild);
  s.dual[b] = 0;
  for (const v of leaves(s, b)) {
    // Former T-vertices are now S and must have their edges scanned.
    if (at(s.label, at(s.inBlossom, v)) === T_LABEL) s.queue.push(v);
    s.inBlossom[v] = b;
  }
  collectBestEdges(s, b);
}

/**
 * Merge the children's least-slack edges to other S-blossoms into one list for b, keeping
 * the best edge per neighbouring blossom. This is what keeps a stage at O(n²).
 */
function collectBestEdges(s: BlossomState, b: number): void {
  const bestTo = new Int32Array(2 * s.n).fill(-1);
  for (const child of childrenOf(s, b)) {
    const known = s.bestEdgesOf[child];
    const edges: number[] = [];
    if (known) edges.push(...known);
    else {
      for (const v of leaves(s, child)) {
        const end = at(s.arcStart, v + 1);
        for (let p = at(s.arcStart, v); p < end; p++) edges.push(at(s.arcList, p) >> 1);
      }
    }
    for (const k of edges) {
      let other = at(s.inBlossom, at(s.arcHead, 2 * k));
      if (other === b) other = at(s.inBlossom, at(s.arcHead, 2 * k + 1));
      if (other === b || at(s.label, other) !== S_LABEL) continue;
      const current = at(bestTo, other);
      if (current === -1 || slack(s, k) < slack(s, current)) bestTo[other] = k;
    }
    s.bestEdgesOf[child] = null;
    s.bestEdge[child] = -1;
  }
  const list: number[] = [];
  let best = -1;
  for (const k of bestTo) {
    if (k === -1) continue;
    list.push(k);
    if (best === -1 || slack(s, k) < slack(s, best)) best = k;
  }
  s.bestEdgesOf[b] = list;
  s.bestEdge[b] = best;
}
