import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardContent } from '../../../server/yjs/board-content';

/** A log of `rows` updates, each typing one character, and the document they make. */
function typedLog(rows: number, doc = new Y.Doc()) {
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
const errors: unknown[] = [];
const logger = {
  debug() {},
  info() {},
  warn() {},
  error(details: unknown) {
    errors.push(details);
  },
};
const content = (rows: readonly Uint8Array[], foldAtBytes = 16 * 1024) =>
  new BoardContent(rows, { boardId: 'b', logger, foldAtBytes, maxRowsToSend: 500 });

describe("a live board's content, held as update bytes", () => {
  it('sends a compacted snapshot as it is stored to a client that has nothing', () => {
    const { doc } = typedLog(20);
    const snapshot = Y.encodeStateAsUpdate(doc);
    const board = content([snapshot]);
    expect(board.missingFor(EMPTY_VECTOR)).toBe(snapshot);
    expect(board.bytes).toBe(snapshot.length);
  });

  it('merges a snapshot and its tail, and gives a client only what she is missing', () => {
    const { doc, updates } = typedLog(30);
    const board = content(updates);
    const all = board.missingFor(EMPTY_VECTOR);
    expect(textOf(all)).toBe(doc.getText('text').toString());

    const hers = new Y.Doc();
    updates.slice(0, 10).forEach((update) => Y.applyUpdate(hers, update));
    const missing = board.missingFor(Y.encodeStateVector(hers));
    expect(missing.length).toBeLessThan(all.length);
    expect(textOf(missing, hers)).toBe(doc.getText('text').toString());
  });

  it("sends a cold board's snapshot and tail as stored, each reduced to what a client lacks", () => {
    const { doc, updates } = typedLog(30);
    const board = content(updates);
    const rows = board.storedRowsFor(EMPTY_VECTOR)!;
    expect(rows).toEqual(updates);
    const hers = new Y.Doc();
    updates.slice(0, 10).forEach((update) => Y.applyUpdate(hers, update));
    const missing = board.storedRowsFor(Y.encodeStateVector(hers))!;
    missing.forEach((row) => Y.applyUpdate(hers, row));
    expect(hers.getText('text').toString()).toBe(doc.getText('text').toString());
    // One row, a long log, or a board that took updates since: answered as one state.
    expect(content(updates.slice(0, 1)).storedRowsFor(EMPTY_VECTOR)).toBeNull();
    const long = new BoardContent(updates, {
      boardId: 'b',
      logger,
      foldAtBytes: 16 * 1024,
      maxRowsToSend: 20,
    });
    expect(long.storedRowsFor(EMPTY_VECTOR)).toBeNull();
    board.append(updates[0]!, 31);
    expect(board.storedRowsFor(EMPTY_VECTOR)).toBeNull();
  });

  it('holds appended updates as copies, packed until they fold into one state', () => {
    const { doc, updates } = typedLog(200);
    const board = content([], 256);
    for (const [seq, update] of updates.entries()) {
      // A view of a larger network buffer that is reused once the call returns.
      const frame = new Uint8Array(update.length + 8);
      frame.set(update, 4);
      board.append(frame.subarray(4, 4 + update.length), seq + 1);
      frame.fill(0xff);
    }
    const raw = updates.reduce((sum, update) => sum + update.length, 0);
    // Folded along the way: far fewer bytes than the updates themselves.
    expect(board.bytes).toBeLessThan(raw / 2);
    expect(textOf(board.missingFor(EMPTY_VECTOR))).toBe(doc.getText('text').toString());
    expect(board.stateVector()).toEqual(Y.encodeStateVector(doc));
  });

  it('takes the stored snapshot after a compaction and keeps only what was stored after it', () => {
    const { doc, updates } = typedLog(40);
    const board = content(updates.slice(0, 10));
    // Stored in commits of five: each update is known to lie at or below its commit's seq.
    updates.slice(10).forEach((update, i) => board.append(update, 10 + 5 * Math.ceil((i + 1) / 5)));
    const snapshotDoc = new Y.Doc();
    updates.slice(0, 25).forEach((update) => Y.applyUpdate(snapshotDoc, update));
    const snapshot = Y.encodeStateAsUpdate(snapshotDoc);
    board.compacted(snapshot, 25);
    // The snapshot and the 15 updates stored after seq 25: no build, and nothing missing.
    expect(board.bytes).toBe(
      snapshot.length + updates.slice(25).reduce((sum, update) => sum + update.length, 0),
    );
    expect(textOf(board.missingFor(EMPTY_VECTOR))).toBe(doc.getText('text').toString());
  });

  it('builds a log with a row that does not decode, skipping the bad row', () => {
    const { doc, updates } = typedLog(30);
    errors.length = 0;
    const broken = [updates[0]!, new Uint8Array([9, 9, 9, 9]), ...updates.slice(1)];
    expect(textOf(content(broken).missingFor(EMPTY_VECTOR))).toBe(doc.getText('text').toString());
    expect(errors).toHaveLength(1);
  });

  it('states what it holds up to the first gap, and keeps what lies past it for joiners', () => {
    const { updates } = typedLog(10);
    const board = content([...updates.slice(0, 4), ...updates.slice(6)]);
    const held = Y.decodeStateVector(board.stateVector());
    expect([...held.values()]).toEqual([4]);
    // A client bringing the gap then has everything.
    const hers = new Y.Doc();
    Y.applyUpdate(hers, board.missingFor(EMPTY_VECTOR));
    updates.slice(4, 6).forEach((update) => Y.applyUpdate(hers, update));
    expect(hers.getText('text').toString()).toBe('0123456789');
  });

  it('measures the exact encoded size by compacting, deleted content collected', () => {
    const { doc, updates } = typedLog(100);
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getText('text').delete(0, 90);
    const board = content(updates);
    expect(board.fold()).toBe(Y.encodeStateAsUpdate(doc).length);
    expect(board.bytes).toBe(Y.encodeStateAsUpdate(doc).length);
    expect(textOf(board.missingFor(EMPTY_VECTOR))).toBe(doc.getText('text').toString());
  });

  it('tells an insert from a deletion of what it holds', () => {
    const { doc, updates } = typedLog(5);
    const board = content(updates);
    const before = Y.encodeStateVector(doc);
    doc.getText('text').delete(0, 2);
    expect(board.isNewerThanHeld(Y.encodeStateAsUpdate(doc, before))).toBe(false);
    doc.getText('text').insert(0, 'new');
    expect(board.isNewerThanHeld(Y.encodeStateAsUpdate(doc, before))).toBe(true);
  });

  it('answers an empty board with an empty state', () => {
    expect(textOf(content([]).missingFor(EMPTY_VECTOR))).toBe('');
    expect(content([]).stateVector()).toEqual(EMPTY_VECTOR);
  });
});

describe('two different structs sent under one id', () => {
  it('answers a joiner with what applying the stored order gives, as every client saw it', () => {
    const base = new Y.Doc();
    base.clientID = 7;
    const first = typedLog(3, base).updates;
    const forged = new Y.Doc();
    forged.clientID = 7; // the same client id and clocks, other content
    const second: Uint8Array[] = [];
    forged.on('update', (update: Uint8Array) => second.push(update));
    forged.getText('text').insert(0, 'xyz');
    forged.getText('text').insert(1, 'w');
    const rows = [...first, ...second];
    const inOrder = new Y.Doc();
    rows.forEach((update) => Y.applyUpdate(inOrder, update));
    const answered = textOf(content(rows).missingFor(EMPTY_VECTOR));
    expect(answered).toBe(inOrder.getText('text').toString());
    // Which merging would not have given.
    expect(textOf(Y.mergeUpdates(rows))).not.toBe(answered);
  });
});
