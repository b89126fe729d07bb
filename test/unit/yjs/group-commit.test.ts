import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  appendEachInTurn,
  type AppendOutcome,
  type BoardAppend,
} from '../../../server/yjs/board-store';
import { GroupCommitLog, type PendingUpdate } from '../../../server/yjs/group-commit';
import { MemoryBoardStore } from '../../../server/yjs/memory-board-store';
import type { SaveState } from '../../../server/yjs/types';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const bytes = (n: number) => new Uint8Array([n]);

/** The memory store, plus an `appendMany` that records each call and can be made to fail. */
class BatchingStore extends MemoryBoardStore {
  readonly calls: string[][] = [];
  failNext = false;
  async appendMany(appends: readonly BoardAppend[]): Promise<AppendOutcome[]> {
    this.calls.push(appends.map((a) => a.boardId));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk I/O error');
    }
    return appendEachInTurn(this, appends);
  }
}

/** A board's commit log that records what it relayed and its save states. */
function board(store: MemoryBoardStore, boardId: string, windowMs = 5) {
  const stored: number[][] = [];
  const states: SaveState[] = [];
  const log = new GroupCommitLog<null>({
    boardId,
    store,
    logger: silent,
    windowMs,
    retryInitialMs: 100,
    retryMaxMs: 1_000,
    onStored: (batch: readonly PendingUpdate<null>[]) =>
      stored.push(batch.map((entry) => entry.update[0]!)),
    onStateChange: (state) => states.push(state),
  });
  const add = (n: number) => log.enqueue({ update: bytes(n), origin: null });
  return { log, stored, states, add };
}

describe('group commit shared by the boards of a store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stores an update after a quiet spell at once, and spaces later commits by the window', async () => {
    const store = new BatchingStore();
    for (const id of ['a', 'b', 'c']) store.createBoard(id);
    const a = board(store, 'a');
    const b = board(store, 'b');
    const c = board(store, 'c');
    a.add(1);
    // Nothing was committed in the last 5 ms: no timer, just the end of this turn.
    await vi.advanceTimersByTimeAsync(0);
    expect(store.calls).toEqual([['a']]);
    expect(a.stored).toEqual([[1]]);

    await vi.advanceTimersByTimeAsync(2);
    b.add(2);
    a.add(3);
    await vi.advanceTimersByTimeAsync(2);
    expect(store.calls).toEqual([['a']]);
    // 5 ms after the last commit, every board due since goes in one appendMany.
    await vi.advanceTimersByTimeAsync(1);
    expect(store.calls).toEqual([['a'], ['b', 'a']]);
    expect(a.stored).toEqual([[1], [3]]);
    expect(b.stored).toEqual([[2]]);
    expect(c.stored).toEqual([]);

    await vi.advanceTimersByTimeAsync(5);
    c.add(4);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.calls).toEqual([['a'], ['b', 'a'], ['c']]);
    expect(c.stored).toEqual([[4]]);
    expect(a.states).toEqual(['saving', 'saved', 'saving', 'saved']);
  });

  it('with a 0 ms window, stores what arrived in one event-loop turn together, at the end of it', async () => {
    const store = new BatchingStore();
    for (const id of ['a', 'b']) store.createBoard(id);
    const a = board(store, 'a', 0);
    const b = board(store, 'b', 0);
    a.add(1);
    b.add(2);
    a.add(3);
    expect(store.calls).toEqual([]);
    // No timer to wait for: the window ends after the messages already read (setImmediate).
    await vi.advanceTimersByTimeAsync(0);
    expect(store.calls).toEqual([['a', 'b']]);
    expect(a.stored).toEqual([[1, 3]]);
    expect(b.stored).toEqual([[2]]);

    b.add(4);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.calls).toEqual([['a', 'b'], ['b']]);
    expect(b.stored).toEqual([[2], [4]]);
  });

  it('refuses one board without holding back the others of its batch', async () => {
    const store = new BatchingStore();
    store.createBoard('kept');
    const kept = board(store, 'kept');
    const gone = board(store, 'gone');
    kept.add(1);
    gone.add(2);
    await vi.advanceTimersByTimeAsync(5);
    expect(kept.stored).toEqual([[1]]);
    expect(kept.states).toEqual(['saving', 'saved']);
    expect(gone.stored).toEqual([]);
    expect(gone.states).toEqual(['saving', 'failing']);
    expect(gone.log.hasUnstored).toBe(true);
  });

  it('retries every board of a failed batch on its own and relays nothing before it is stored', async () => {
    const store = new BatchingStore();
    store.createBoard('a');
    store.createBoard('b');
    const a = board(store, 'a');
    const b = board(store, 'b');
    const append = vi.spyOn(store, 'append');
    store.failNext = true;
    a.add(1);
    b.add(2);
    await vi.advanceTimersByTimeAsync(5);
    expect(a.states).toEqual(['saving', 'failing']);
    expect(b.states).toEqual(['saving', 'failing']);
    expect(a.stored).toEqual([]);
    a.add(3);
    // The retry after the backoff: one append per board, the later update joining it.
    await vi.advanceTimersByTimeAsync(100);
    expect(append.mock.calls.map(([id, updates]) => [id, updates.map((u) => u[0])])).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
    expect(a.stored).toEqual([[1, 3]]);
    expect(b.stored).toEqual([[2]]);
    expect(a.states).toEqual(['saving', 'failing', 'saved']);
  });

  it('appends board by board on a store without appendMany', async () => {
    const store = new MemoryBoardStore();
    store.createBoard('a');
    store.createBoard('b');
    const append = vi.spyOn(store, 'append');
    const a = board(store, 'a');
    const b = board(store, 'b');
    a.add(1);
    b.add(2);
    await vi.advanceTimersByTimeAsync(5);
    expect(append).toHaveBeenCalledTimes(2);
    expect(a.stored).toEqual([[1]]);
    expect(b.stored).toEqual([[2]]);
  });

  it('flushes one board at once without waiting for the shared window', async () => {
    const store = new BatchingStore();
    store.createBoard('a');
    store.createBoard('b');
    const a = board(store, 'a');
    const b = board(store, 'b');
    a.add(1);
    b.add(2);
    await a.log.flush();
    expect(a.stored).toEqual([[1]]);
    expect(b.stored).toEqual([]);
    await vi.advanceTimersByTimeAsync(5);
    expect(store.calls).toEqual([['b']]);
    expect(b.stored).toEqual([[2]]);
  });

  it('drops a stopped board from the window', async () => {
    const store = new BatchingStore();
    store.createBoard('a');
    const a = board(store, 'a');
    a.add(1);
    expect(a.log.stop()).toBe(1);
    await vi.advanceTimersByTimeAsync(5);
    expect(store.calls).toEqual([]);
    expect(await store.load('a')).toEqual({ updates: [], throughSeq: 0 });
  });

  it('keeps stores and windows apart', async () => {
    const first = new BatchingStore();
    const second = new BatchingStore();
    first.createBoard('a');
    second.createBoard('b');
    first.createBoard('slow');
    const a = board(first, 'a');
    const b = board(second, 'b');
    const slow = board(first, 'slow', 50);
    a.add(1);
    b.add(2);
    slow.add(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(first.calls).toEqual([['a'], ['slow']]);
    expect(second.calls).toEqual([['b']]);
    a.add(4);
    slow.add(5);
    await vi.advanceTimersByTimeAsync(5);
    expect(first.calls).toEqual([['a'], ['slow'], ['a']]);
    await vi.advanceTimersByTimeAsync(45);
    expect(first.calls).toEqual([['a'], ['slow'], ['a'], ['slow']]);
  });
});
