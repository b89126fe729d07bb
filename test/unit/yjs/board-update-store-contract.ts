import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UnknownBoardError, type BoardUpdateStore } from '../../../server/yjs/board-store';

export interface StoreUnderTest {
  readonly store: BoardUpdateStore;
  /** Boards are created by the domain; each implementation says how. */
  createBoard(boardId: string): Promise<void>;
  teardown?(): Promise<void>;
}

function textUpdate(doc: Y.Doc, insert: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('text').insert(doc.getText('text').length, insert);
  return Y.encodeStateAsUpdate(doc, before);
}

function replay(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('text').toString();
}

/**
 * The behaviour every `BoardUpdateStore` must have. Run it against each implementation
 * (memory here; SQLite and PostgreSQL with the Kysely store).
 */
export function describeBoardUpdateStoreContract(
  name: string,
  setup: () => Promise<StoreUnderTest>,
): void {
  describe(`BoardUpdateStore contract: ${name}`, () => {
    let subject: StoreUnderTest;
    beforeEach(async () => {
      subject = await setup();
    });
    afterEach(async () => {
      await subject.teardown?.();
    });

    it('returns null and a count of 0 for a board that does not exist', async () => {
      expect(await subject.store.load('missing')).toBeNull();
      expect(await subject.store.updateCount('missing')).toBe(0);
    });

    it('loads a new board as an empty log at sequence 0', async () => {
      await subject.createBoard('b1');
      expect(await subject.store.load('b1')).toEqual({ updates: [], throughSeq: 0 });
    });

    it('appends in order and returns increasing sequence numbers', async () => {
      await subject.createBoard('b1');
      const doc = new Y.Doc();
      const first = await subject.store.append('b1', [textUpdate(doc, 'a'), textUpdate(doc, 'b')]);
      const second = await subject.store.append('b1', [textUpdate(doc, 'c')]);
      expect(second).toBeGreaterThan(first);
      const log = await subject.store.load('b1');
      expect(log?.throughSeq).toBe(second);
      expect(replay(log!.updates)).toBe('abc');
    });

    it('writes one row per update with consecutive seqs, and reads back the rows after a seq', async () => {
      await subject.createBoard('b1');
      expect(await subject.store.rowsAfter('missing', 0)).toBeNull();
      expect(await subject.store.rowsAfter('b1', 0)).toEqual([]);
      const doc = new Y.Doc();
      const updates = [textUpdate(doc, 'a'), textUpdate(doc, 'b'), textUpdate(doc, 'c')];
      const first = await subject.store.append('b1', updates.slice(0, 2));
      const last = await subject.store.append('b1', updates.slice(2));
      expect(last).toBe(first + 1);
      expect(await subject.store.updateCount('b1')).toBe(3);
      const rows = (await subject.store.rowsAfter('b1', first - 1))!;
      expect(rows.map((row) => row.seq)).toEqual([first, last]);
      expect(rows.map((row) => [...row.update])).toEqual([[...updates[1]!], [...updates[2]!]]);
      expect(await subject.store.rowsAfter('b1', last)).toEqual([]);

      // After a compaction, the snapshot stands at its seq for the rows it replaced.
      const snapshot = Y.encodeStateAsUpdate(doc);
      await subject.store.compact('b1', snapshot, first);
      const after = (await subject.store.rowsAfter('b1', 0))!;
      expect(after.map((row) => row.seq)).toEqual([first, last]);
      expect(replay(after.map((row) => row.update))).toBe('abc');
    });

    it('rejects an append to a board that does not exist', async () => {
      await expect(subject.store.append('missing', [new Uint8Array([0, 0])])).rejects.toThrow(
        UnknownBoardError,
      );
    });

    it('stores a copy, not the caller’s buffer', async () => {
      await subject.createBoard('b1');
      const update = textUpdate(new Y.Doc(), 'kept');
      await subject.store.append('b1', [update]);
      update.fill(0);
      expect(replay((await subject.store.load('b1'))!.updates)).toBe('kept');
    });

    it('compacts through a sequence number and keeps rows appended after it', async () => {
      await subject.createBoard('b1');
      const doc = new Y.Doc();
      for (const letter of 'abcde') await subject.store.append('b1', [textUpdate(doc, letter)]);
      const log = (await subject.store.load('b1'))!;
      const snapshotDoc = new Y.Doc();
      for (const update of log.updates) Y.applyUpdate(snapshotDoc, update);
      // Appended between the load and the compaction, as another connection would.
      const late = await subject.store.append('b1', [textUpdate(doc, 'f')]);
      await subject.store.compact('b1', Y.encodeStateAsUpdate(snapshotDoc), log.throughSeq);

      expect(await subject.store.updateCount('b1')).toBe(2);
      const after = (await subject.store.load('b1'))!;
      expect(after.throughSeq).toBe(late);
      expect(replay(after.updates)).toBe('abcdef');
      const next = await subject.store.append('b1', [textUpdate(doc, 'g')]);
      expect(next).toBeGreaterThan(late);
      expect(replay((await subject.store.load('b1'))!.updates)).toBe('abcdefg');
    });

    it('lets two compactions through the same seq run at once, keeping one snapshot', async () => {
      await subject.createBoard('b1');
      const doc = new Y.Doc();
      for (const letter of 'abc') await subject.store.append('b1', [textUpdate(doc, letter)]);
      const { throughSeq } = (await subject.store.load('b1'))!;
      const snapshot = Y.encodeStateAsUpdate(doc);
      // Two processes that both decided to compact the board.
      await Promise.all([
        subject.store.compact('b1', snapshot, throughSeq),
        subject.store.compact('b1', snapshot, throughSeq),
      ]);
      expect(await subject.store.updateCount('b1')).toBe(1);
      expect(replay((await subject.store.load('b1'))!.updates)).toBe('abc');
    });

    it('appends several boards at once when it offers appendMany, refusing an unknown board alone', async () => {
      const appendMany = subject.store.appendMany?.bind(subject.store);
      if (!appendMany) return;
      await subject.createBoard('b1');
      await subject.createBoard('b2');
      const one = new Y.Doc();
      const two = new Y.Doc();
      const before = await subject.store.append('b2', [textUpdate(two, 'x')]);
      const outcomes = await appendMany([
        { boardId: 'b1', updates: [textUpdate(one, 'a'), textUpdate(one, 'b')] },
        { boardId: 'missing', updates: [textUpdate(new Y.Doc(), 'lost')] },
        { boardId: 'b2', updates: [textUpdate(two, 'y')] },
        { boardId: 'b1', updates: [textUpdate(one, 'c')] },
      ]);
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, true]);
      const [first, missing, second, third] = outcomes;
      expect(missing?.ok === false && missing.error).toBeInstanceOf(UnknownBoardError);
      const seq = (o: typeof first) => (o?.ok ? o.throughSeq : Number.NaN);
      expect(seq(second)).toBeGreaterThan(before);
      expect(seq(third)).toBeGreaterThan(seq(first));
      const b1 = (await subject.store.load('b1'))!;
      expect(b1.throughSeq).toBe(seq(third));
      expect(replay(b1.updates)).toBe('abc');
      expect(replay((await subject.store.load('b2'))!.updates)).toBe('xy');
      expect(await subject.store.updateCount('b1')).toBe(3);
    });

    it('keeps boards apart', async () => {
      await subject.createBoard('b1');
      await subject.createBoard('b2');
      await subject.store.append('b1', [textUpdate(new Y.Doc(), 'one')]);
      expect(await subject.store.load('b2')).toEqual({ updates: [], throughSeq: 0 });
      expect(await subject.store.updateCount('b1')).toBe(1);
    });
  });
}
