import type * as Y from 'yjs';
import { changedStretch } from '../../../shared/board';

type Delta = Y.YTextEvent['delta'];

const isFocused = (area: HTMLTextAreaElement) => {
  const root = area.getRootNode();
  return (root instanceof ShadowRoot || root instanceof Document) && root.activeElement === area;
};

/** Sets the value, moving her selection with `shift` (a position in the old value → new). */
function replaceValue(area: HTMLTextAreaElement, next: string, shift: (pos: number) => number) {
  const focused = isFocused(area);
  const [from, to, direction] = [area.selectionStart, area.selectionEnd, area.selectionDirection];
  area.value = next;
  if (focused) area.setSelectionRange(shift(from), shift(to), direction ?? undefined);
}

/**
 * Applies a remote change (a Y.Text delta) to a text box that shows the text as it was
 * before it: her selection stays on the same characters, and text inserted right at her
 * caret goes after it. Returns false when the box did not show that text.
 */
export function applyDelta(area: HTMLTextAreaElement, delta: Delta, expected: string): boolean {
  const prev = area.value;
  let next = '';
  let old = 0;
  const edits: { at: number; removed: number; added: number }[] = [];
  for (const op of delta) {
    if (op.retain !== undefined) {
      next += prev.slice(old, old + op.retain);
      old += op.retain;
    } else if (op.delete !== undefined) {
      edits.push({ at: old, removed: op.delete, added: 0 });
      old += op.delete;
    } else if (typeof op.insert === 'string') {
      edits.push({ at: old, removed: 0, added: op.insert.length });
      next += op.insert;
    } else return false;
  }
  next += prev.slice(old);
  if (next !== expected) return false;
  replaceValue(area, next, (pos) => {
    let moved = pos;
    for (const e of edits) {
      if (pos > e.at + e.removed || (e.removed === 0 && pos > e.at)) moved += e.added - e.removed;
      else if (pos > e.at) moved += e.at - pos; // inside a deleted stretch: to its start
    }
    return moved;
  });
  return true;
}

/** Puts `next` in the box when nothing finer is known, keeping her caret near her words. */
export function keepCaret(area: HTMLTextAreaElement, next: string) {
  const prev = area.value;
  const { start, end } = changedStretch(prev, next);
  replaceValue(area, next, (pos) =>
    pos <= start
      ? pos
      : pos >= prev.length - end
        ? pos + next.length - prev.length
        : next.length - end,
  );
}
