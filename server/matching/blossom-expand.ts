/**
 * Undoing a blossom: at the end of a stage when its dual has dropped to zero, or in the
 * middle of a stage when it is a T-blossom whose dual reached zero. In the second case its
 * children rejoin the alternating tree along the even-length side of the cycle.
 */
import {
  FREE,
  S_LABEL,
  T_LABEL,
  assignLabel,
  at,
  childrenOf,
  cycleOf,
  leaves,
  tail,
  type BlossomState,
} from './blossom-state';

export function expandBlossom(s: BlossomState, b: number, endOfStage: boolean): void {
  for (const child of childrenOf(s, b)) {
    s.parent[child] = -1;
    if (child < s.n) s.inBlossom[child] = child;
    else if (endOfStage && at(s.dual, child) === 0) expandBlossom(s, child, endOfStage);
    else for (const v of leaves(s, child)) s.inBlossom[v] = child;
  }
  if (!endOfStage && at(s.label, b) === T_LABEL) relabelChildren(s, b);
  s.label[b] = FREE;
  s.labelArc[b] = -1;
  s.children[b] = null;
  s.cycleArcs[b] = null;
  s.base[b] = -1;
  s.bestEdge[b] = -1;
  s.bestEdgesOf[b] = null;
  s.unused.push(b);
}

/**
 * The tree entered the T-blossom b at one child and left it at the base child. Keep the
 * even-length path between the two inside the tree (alternating T, S, …, T) and free the
 * children on the other side, except those holding a vertex already reached by a tight
 * edge from an S-vertex, which become T straight away.
 */
function relabelChildren(s: BlossomState, b: number): void {
  const children = childrenOf(s, b);
  const arcs = cycleOf(s, b);
  const size = children.length;
  const entry = at(s.inBlossom, tail(s, at(s.labelArc, b)));
  let j = children.indexOf(entry);
  // Matched cycle arcs sit at odd indices, so the path towards the base that starts with a
  // matched arc goes forward from an odd position and backward from an even one.
  const step = j % 2 === 1 ? 1 : -1;
  const next = (i: number): number => (i + step + size) % size;
  /** Arc from children[i] to its neighbour in the walking direction. */
  const arcForward = (i: number): number =>
    step === 1 ? at(arcs, i) : at(arcs, (i - 1 + size) % size) ^ 1;

  let arc = at(s.labelArc, b);
  while (j !== 0) {
    // children[j] becomes T through `arc`; assignLabel makes its mate (the next child) S.
    assignLabel(s, tail(s, arc), T_LABEL, arc);
    s.allowed[arcForward(j) >> 1] = 1;
    j = next(j);
    arc = arcForward(j) ^ 1;
    s.allowed[arc >> 1] = 1;
    j = next(j);
  }
  // The base child is T too, but its mate outside b is already S: label it without
  // going through assignLabel, which would label that mate a second time.
  const baseChild = at(children, 0);
  const entered = tail(s, arc);
  s.label[entered] = s.label[baseChild] = T_LABEL;
  s.labelArc[entered] = s.labelArc[baseChild] = arc;
  s.bestEdge[baseChild] = -1;

  for (j = next(0); at(children, j) !== entry; j = next(j)) {
    const child = at(children, j);
    if (at(s.label, child) === S_LABEL) continue; // its T neighbour just labelled it
    const reached = leaves(s, child).find((v) => at(s.label, v) !== FREE);
    if (reached !== undefined) assignLabel(s, reached, T_LABEL, at(s.labelArc, reached));
  }
}
