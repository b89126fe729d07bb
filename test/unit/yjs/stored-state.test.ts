import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StoredState } from '../../../server/yjs/stored-state';

/** A log of `rows` updates, each typing one character, and the document they make. */
function typedLog(rows: number) {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < rows; i++) doc.getText('text').insert(i, String(i % 10));
  return { doc, updates };
}

const textOf = (update: Uint8Array, into = new Y.Doc()) => {
  Y.applyUpdate(into, update);
  return into.getText('text').toString();
};
const EMPTY_VECTOR = Y.encodeStateVector(new Y.Doc());

describe('a board state answered from its stored log', () => {
  it('sends a compacted snapshot as it is stored to a client that has nothing', () => {
    const { doc } = typedLog(20);
    const snapshot = Y.encodeStateAsUpdate(doc);
    const state = new StoredState({ updates: [snapshot], throughSeq: 1 }, 500);
    expect(state.missingFor(EMPTY_VECTOR)).toBe(snapshot);
    expect(state.bytes).toBe(snapshot.length);
  });

  it('merges a snapshot and its tail, and gives a client only what she is missing', () => {
    const { doc, updates } = typedLog(30);
    const state = new StoredState({ updates, throughSeq: 30 }, 500);
    const all = state.missingFor(EMPTY_VECTOR)!;
    expect(textOf(all)).toBe(doc.getText('text').toString());

    const hers = new Y.Doc();
    updates.slice(0, 10).forEach((update) => Y.applyUpdate(hers, update));
    const missing = state.missingFor(Y.encodeStateVector(hers))!;
    expect(missing.length).toBeLessThan(all.length);
    expect(textOf(missing, hers)).toBe(doc.getText('text').toString());
  });

  it('leaves a long log, or one that does not decode, to the document', () => {
    const { updates } = typedLog(30);
    expect(new StoredState({ updates, throughSeq: 30 }, 20).missingFor(EMPTY_VECTOR)).toBeNull();
    const broken = [updates[0]!, new Uint8Array([9, 9, 9, 9])];
    expect(
      new StoredState({ updates: broken, throughSeq: 2 }, 500).missingFor(EMPTY_VECTOR),
    ).toBeNull();
  });

  it('answers an empty board with an empty state', () => {
    const state = new StoredState({ updates: [], throughSeq: 0 }, 500);
    expect(textOf(state.missingFor(EMPTY_VECTOR)!)).toBe('');
  });
});
