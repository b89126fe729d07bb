import type * as Y from 'yjs';
import { type EntryRef, resolveEntries } from './board-read';
import { roots } from './board-shape';

/** Origin of repair transactions: never tracked by anyone's undo. */
export const REPAIR_ORIGIN = Symbol('board-repair');

/**
 * Removes lane entries of cards that were deleted (someone moved a card while another
 * person deleted it). A card known to be deleted never comes back, so every replica that
 * sees such an entry may remove it, at any time. Returns the number removed.
 *
 * Extra copies left by two people moving one card at once are *not* removed here: a copy
 * may only disappear through the move that replaces it, otherwise two replicas could each
 * remove the copy the other one kept. Readers show the copy with the smallest entry
 * string, the same everywhere, and the next move of that card removes every copy.
 */
export function repairBoard(doc: Y.Doc): number {
  const { dangling } = resolveEntries(doc);
  const refs: EntryRef[] = [...dangling].sort((a, b) =>
    a.lane === b.lane ? b.index - a.index : a.lane < b.lane ? -1 : 1,
  );
  if (refs.length === 0) return 0;
  doc.transact(() => {
    for (const ref of refs) roots.lane(doc, ref.lane).delete(ref.index, 1);
  }, REPAIR_ORIGIN);
  return refs.length;
}

/**
 * Repairs the board after transactions that came from elsewhere (another person, the server,
 * the offline cache), but only while `settled()` says the document holds everything that
 * led to what it has: a relayed update can arrive before the sync answer that carries its
 * causes, and repairing in between could remove the one copy of a card that should stay.
 * Call `settle()` when that becomes true again (the provider's `sync`).
 */
export function repairAfterRemoteChanges(doc: Y.Doc, settled: () => boolean = () => true) {
  let dirty = false;
  let queued = false;
  const run = () => {
    queued = false;
    if (!dirty || !settled()) return;
    dirty = false;
    repairBoard(doc);
  };
  const onAfter = (tr: Y.Transaction) => {
    if (tr.local || tr.origin === REPAIR_ORIGIN) return;
    dirty = true;
    if (!queued) {
      queued = true;
      queueMicrotask(run);
    }
  };
  doc.on('afterTransaction', onAfter);
  return {
    settle: () => {
      dirty = true;
      run();
    },
    stop: () => doc.off('afterTransaction', onAfter),
  };
}
