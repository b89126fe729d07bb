import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoardPeerLink, type PeerBoard } from '../../../server/yjs/board-peer-link';
import {
  type BoardPeerHandlers,
  type BoardPeers,
  decodePeerMessage,
  encodePeerMessage,
  MalformedPeerMessageError,
} from '../../../server/yjs/board-peers';
import type { StoredRow } from '../../../server/yjs/board-store';
import { MemoryBoardStore } from '../../../server/yjs/memory-board-store';

const silent = { debug() {}, info() {}, warn: vi.fn(), error() {} };
const row = (n: number) => new Uint8Array([n]);

/** An in-process bus: what one process publishes reaches every other joined link. */
class Bus {
  private readonly members = new Map<string, BoardPeerHandlers>();
  /** Messages are held here until `deliver`, so a test decides the order and the losses. */
  readonly inFlight: { to: string; bytes: Uint8Array }[] = [];
  up = true;

  peer(originId: string): BoardPeers {
    return {
      originId,
      join: (_boardId, handlers) => {
        this.members.set(originId, handlers);
      },
      leave: () => {
        this.members.delete(originId);
      },
      publish: async (_boardId, bytes) => {
        if (!this.up) return false;
        for (const to of this.members.keys()) this.inFlight.push({ to, bytes });
        return true;
      },
    };
  }

  resume(originId: string) {
    this.members.get(originId)!.resumed();
  }

  /** Bytes on the bus from someone who is not a Mutua process. */
  inject(to: string, bytes: Uint8Array) {
    this.members.get(to)!.message(bytes);
  }

  deliver(count = this.inFlight.length) {
    for (const { to, bytes } of this.inFlight.splice(0, count))
      this.members.get(to)?.message(bytes);
  }
}

/** A board that records what reached it from other processes. */
class RecordingBoard implements PeerBoard {
  readonly rows: number[] = [];
  readonly awareness: number[][] = [];
  /** Rows whose first byte is this fail validation. */
  refuse = -1;
  local: Uint8Array | null = null;
  applyPeerRows(rows: readonly StoredRow[]) {
    const taken = rows.filter((r) => r.update[0] !== this.refuse);
    this.rows.push(...taken.map((r) => r.update[0]!));
    return taken.map((r) => r.seq);
  }
  applyPeerAwareness(update: Uint8Array) {
    this.awareness.push([...update]);
  }
  localAwareness() {
    return this.local;
  }
}

function process(bus: Bus, store: MemoryBoardStore, originId: string) {
  const board = new RecordingBoard();
  const link = new BoardPeerLink(board, {
    boardId: 'b',
    peers: bus.peer(originId),
    store,
    logger: silent,
    loadedThroughSeq: 0,
    holeGraceMs: 100,
  });
  link.start();
  /** Stores like the process's commit would, then tells the link. */
  const commit = async (...values: number[]) => {
    const through = await store.append('b', values.map(row));
    link.stored(values.map(row), through);
  };
  return { board, link, commit };
}

describe('board peer messages', () => {
  it('round-trips every kind and refuses what is not one of ours', () => {
    for (const message of [
      {
        kind: 'stored',
        rows: [
          { seq: 7, update: row(1) },
          { seq: 9, update: row(2) },
        ],
      },
      { kind: 'awareness', update: new Uint8Array([1, 2, 3]) },
      { kind: 'hint' },
      { kind: 'hello' },
    ] as const) {
      const envelope = { origin: 'p-1', counter: 3, message };
      expect(decodePeerMessage(encodePeerMessage(envelope))).toEqual(envelope);
    }
    const good = encodePeerMessage({ origin: 'p', counter: 1, message: { kind: 'hint' } });
    const bad = [
      new Uint8Array([2, 1, 112, 1, 2]), // version 2
      new Uint8Array([1, 1, 112, 0, 2]), // counter 0
      new Uint8Array([1, 1, 112, 1, 9]), // kind 9
      new Uint8Array([1, 1, 112, 1, 0, 0]), // stored, no rows
      new Uint8Array([1, 0, 1, 2]), // empty origin
      new Uint8Array([...good, 0]), // trailing byte
      good.subarray(0, 3), // cut short
      encodePeerMessage({
        origin: 'p',
        counter: 1,
        message: {
          kind: 'stored',
          rows: [
            { seq: 5, update: row(1) },
            { seq: 5, update: row(2) },
          ],
        },
      }),
    ];
    for (const bytes of bad) {
      expect(() => decodePeerMessage(bytes)).toThrow(MalformedPeerMessageError);
    }
  });
});

describe('board peer link', () => {
  let bus: Bus;
  let store: MemoryBoardStore;
  beforeEach(() => {
    vi.useFakeTimers();
    bus = new Bus();
    store = new MemoryBoardStore();
    store.createBoard('b');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands each row another process stored to the board once, skipping its own', async () => {
    const a = process(bus, store, 'a');
    const b = process(bus, store, 'b');
    await a.commit(1, 2);
    await b.commit(3);
    bus.deliver();
    bus.deliver(); // nothing left: each message once
    expect(a.board.rows).toEqual([3]);
    expect(b.board.rows).toEqual([1, 2]);
  });

  it('reads back from the store what it missed before its subscription was active', async () => {
    const a = process(bus, store, 'a');
    await a.commit(1, 2);
    bus.deliver();
    // B loaded the board before those rows, and subscribed after they were published.
    const late = new RecordingBoard();
    const link = new BoardPeerLink(late, {
      boardId: 'b',
      peers: bus.peer('late'),
      store,
      logger: silent,
      loadedThroughSeq: 0,
      holeGraceMs: 100,
    });
    link.start();
    bus.resume('late');
    await link.settled();
    expect(late.rows).toEqual([1, 2]);
  });

  it('fills a hole from the store once it outlasts the grace period, each row once', async () => {
    const a = process(bus, store, 'a');
    const b = process(bus, store, 'b');
    await a.commit(1);
    await a.commit(2);
    bus.inFlight.splice(1, 1); // B's copy of row 1 is lost on the way (A's copy is for A)
    bus.deliver();
    expect(b.board.rows).toEqual([2]);
    await vi.advanceTimersByTimeAsync(100);
    await b.link.settled();
    expect(b.board.rows).toEqual([2, 1]);
  });

  it('reads the store when a sender’s counter skips, and after the bus comes back', async () => {
    const a = process(bus, store, 'a');
    const b = process(bus, store, 'b');
    await a.commit(1);
    bus.deliver();
    bus.up = false;
    await a.commit(2); // its publish fails
    await vi.advanceTimersByTimeAsync(0);
    bus.up = true;
    await b.commit(3);
    bus.deliver();
    // Row 3 arrived at A, row 2 never reached B; B's resumption reads it back.
    expect(b.board.rows).toEqual([1]);
    bus.resume('b');
    await b.link.settled();
    expect(b.board.rows).toEqual([1, 2]);

    // A publish of A's fails: a moment later it sends a hint. B sees A's counter skip, C
    // (which never heard from A) reads the store for the hint itself.
    const c = process(bus, store, 'c');
    bus.resume('c');
    await c.link.settled();
    bus.up = false;
    await a.commit(4);
    await vi.advanceTimersByTimeAsync(0);
    bus.up = true;
    await vi.advanceTimersByTimeAsync(100);
    bus.deliver();
    await b.link.settled();
    await c.link.settled();
    expect(b.board.rows).toEqual([1, 2, 4]);
    expect(c.board.rows).toEqual([1, 2, 3, 4]);
  });

  it('reads the store when only a sender’s counter shows that a message was lost', async () => {
    const a = process(bus, store, 'a');
    const b = process(bus, store, 'b');
    await a.commit(1);
    bus.deliver();
    await a.commit(2);
    bus.inFlight.splice(1, 1); // B's copy of row 2 is lost; nothing above it shows a hole
    a.link.awareness(new Uint8Array([1, 5]));
    bus.deliver();
    expect(b.board.rows).toEqual([1]);
    await b.link.settled();
    expect(b.board.rows).toEqual([1, 2]);
  });

  it('relays the rows a compaction hid: a snapshot at a held seq stands for one it missed', async () => {
    const a = process(bus, store, 'a');
    const b = process(bus, store, 'b');
    await a.commit(1);
    bus.inFlight.length = 0; // row 1 never reaches B
    await b.commit(2);
    bus.deliver();
    // Someone compacts through 2: the snapshot (here the byte 12) replaces rows 1 and 2.
    await store.compact('b', row(12), 2);
    bus.resume('b');
    await b.link.settled();
    expect(b.board.rows).toEqual([12]);
  });

  it('does not hold a row the board refused, and takes the stored one instead', async () => {
    const a = process(bus, store, 'a');
    const b = process(bus, store, 'b');
    b.board.refuse = 66;
    await store.append('b', [row(1)]); // what the store really holds at seq 1
    // A forged message for seq 1, then a genuine one for seq 2.
    bus.inject(
      'b',
      encodePeerMessage({
        origin: 'x/1',
        counter: 1,
        message: { kind: 'stored', rows: [{ seq: 1, update: row(66) }] },
      }),
    );
    await a.commit(2);
    bus.deliver();
    expect(b.board.rows).toEqual([2]);
    await vi.advanceTimersByTimeAsync(100);
    await b.link.settled();
    expect(b.board.rows).toEqual([2, 1]);
  });

  it('keeps no track of a seq far ahead of what it holds, and reads the store instead', async () => {
    const b = process(bus, store, 'b');
    await store.append('b', [row(1)]);
    bus.inject(
      'b',
      encodePeerMessage({
        origin: 'x/1',
        counter: 1,
        message: { kind: 'stored', rows: [{ seq: 5_000_000, update: row(9) }] },
      }),
    );
    await b.link.settled();
    expect(b.board.rows).toEqual([1]);
  });

  it('answers a newcomer’s hello with the cursors of its own connections', async () => {
    const a = process(bus, store, 'a');
    a.board.local = new Uint8Array([1, 4]);
    const b = process(bus, store, 'b');
    bus.resume('b'); // B's subscription is active: it says hello
    bus.deliver(); // A hears the hello and answers
    bus.deliver();
    expect(b.board.awareness).toEqual([[1, 4]]);
    expect(a.board.awareness).toEqual([]);
  });

  it('passes awareness on, drops a message that does not decode, and stops at leave', async () => {
    const a = process(bus, store, 'a');
    const b = process(bus, store, 'b');
    a.link.awareness(new Uint8Array([1, 9]));
    bus.deliver();
    expect(b.board.awareness).toEqual([[1, 9]]);
    silent.warn.mockClear();
    bus.inject('b', new Uint8Array([1, 1, 97, 1, 7]));
    expect(silent.warn).toHaveBeenCalledWith(
      { boardId: 'b', reason: 'unknown kind' },
      'yjs peer message refused',
    );
    a.link.awareness(new Uint8Array([1, 7]));
    bus.deliver();
    expect(b.board.awareness).toEqual([
      [1, 9],
      [1, 7],
    ]);
    b.link.stop();
    a.link.awareness(new Uint8Array([1, 8]));
    bus.deliver();
    expect(b.board.awareness).toEqual([
      [1, 9],
      [1, 7],
    ]);
  });
});
