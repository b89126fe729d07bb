/**
 * Puts `next` in a text box whose value changed elsewhere, keeping her selection on the
 * same characters: before the changed stretch it stays, after it shifts by the change.
 */
export function keepCaret(area: HTMLTextAreaElement, next: string) {
  const prev = area.value;
  let start = 0;
  while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
  let end = 0;
  while (
    end < prev.length - start &&
    end < next.length - start &&
    prev[prev.length - 1 - end] === next[next.length - 1 - end]
  )
    end++;
  const shift = (pos: number) =>
    pos <= start
      ? pos
      : pos >= prev.length - end
        ? pos + next.length - prev.length
        : next.length - end;
  const focused =
    area.getRootNode() instanceof ShadowRoot &&
    (area.getRootNode() as ShadowRoot).activeElement === area;
  const [from, to, direction] = [area.selectionStart, area.selectionEnd, area.selectionDirection];
  area.value = next;
  if (focused) area.setSelectionRange(shift(from), shift(to), direction);
}
