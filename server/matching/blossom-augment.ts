/**
 * Flipping an augmenting path: every matched edge on it becomes unmatched and vice versa,
 * which adds one edge to the matching. Blossoms on the path are rotated so that the vertex
 * where the path passes becomes their new base.
 */
import { at, childrenOf, cycleOf, head, tail, type BlossomState } from './blossom-state';

/** Rematch the inside of blossom b so that vertex v becomes its base. */
function rotateBlossom(s: BlossomState, b: number, v: number): void {
  let t = v;
  while (at(s.parent, t) !== b) t = at(s.parent, t);
  if (t >= s.n) rotateBlossom(s, t, v);
  const children = childrenOf(s, b);
  const arcs = cycleOf(s, b);
  const size = children.length;
  const start = children.indexOf(t);
  // Same parity rule as in expansion: walk the side where the first arc is matched.
  const step = start % 2 === 1 ? 1 : -1;
  const next = (i: number): number => (i + step + size) % size;
  const arcForward = (i: number): number =>
    step === 1 ? at(arcs, i) : at(arcs, (i - 1 + size) % size) ^ 1;

  let j = start;
  while (j !== 0) {
    // Skip the matched arc leaving children[j]; the following unmatched arc becomes matched.
    const j1 = next(j);
    const j2 = next(j1);
    const arc = arcForward(j1);
    const c1 = at(children, j1);
    const c2 = at(children, j2);
    if (c1 >= s.n) rotateBlossom(s, c1, tail(s, arc));
    if (c2 >= s.n) rotateBlossom(s, c2, head(s, arc));
    s.mate[tail(s, arc)] = arc;
    s.mate[head(s, arc)] = arc ^ 1;
    j = j2;
  }
  s.children[b] = [...children.slice(start), ...children.slice(0, start)];
  s.cycleArcs[b] = [...arcs.slice(start), ...arcs.slice(0, start)];
  s.base[b] = v;
}

/**
 * The tight arc v→w joins two S-vertices in different trees. Match them, then walk each
 * tree up to its root, flipping the edges on the way.
 */
export function augmentMatching(s: BlossomState, arc: number): void {
  for (const first of [arc, arc ^ 1]) {
    let vertex = tail(s, first);
    let toPartner = first;
    for (;;) {
      const sBlossom = at(s.inBlossom, vertex);
      if (sBlossom >= s.n) rotateBlossom(s, sBlossom, vertex);
      s.mate[vertex] = toPartner;
      const up = at(s.labelArc, sBlossom);
      if (up === -1) break; // reached the root, which was single until now
      const tBlossom = at(s.inBlossom, head(s, up));
      const tUp = at(s.labelArc, tBlossom);
      const entered = tail(s, tUp);
      if (tBlossom >= s.n) rotateBlossom(s, tBlossom, entered);
      s.mate[entered] = tUp;
      vertex = head(s, tUp);
      toPartner = tUp ^ 1;
    }
  }
}
