import type { BoardUpdateStore, StoredRow } from './board-store';
import {
  type BoardPeers,
  decodePeerMessage,
  encodePeerMessage,
  MalformedPeerMessageError,
  type PeerEnvelope,
  type PeerMessage,
} from './board-peers';
import type { SyncLogger } from './types';

/** What a loaded board does with what other processes stored or showed. */
export interface PeerBoard {
  /**
   * Rows this process does not hold yet, oldest first, to relay to its connections.
   * Returns the seqs it took: a row that fails validation is left out, so that the row
   * the store holds under that seq is read back later.
   */
  applyPeerRows(rows: readonly StoredRow[]): readonly number[];
  /** An awareness update another process accepted (not yet decoded here). */
  applyPeerAwareness(update: Uint8Array): void;
  /** The awareness states of this process's own connections, encoded; null if none. */
  localAwareness(): Uint8Array | null;
}

export interface BoardPeerLinkOptions {
  readonly boardId: string;
  readonly peers: BoardPeers;
  readonly store: BoardUpdateStore;
  readonly logger: SyncLogger;
  /** The board was loaded with every row up to this seq. */
  readonly loadedThroughSeq: number;
  /**
   * A hole in the seqs held that lasts this long is read back from the store; a publish
   * that failed is followed by a hint this long after.
   */
  readonly holeGraceMs: number;
}

/** Senders remembered per board; a board that reloads comes back under a new id. */
const MAX_SENDERS = 64;
/**
 * A row numbered this far past what is held is not kept track of (a bus message cannot
 * make the set of held seqs grow without bound); the store is read instead.
 */
const MAX_SEQS_AHEAD = 100_000;

/** Links of this process, numbered: each link's messages have a counter of their own. */
let nextLink = 1;

/**
 * One loaded board's end of the bus between processes (`BoardPeers`). It publishes what this
 * process stored and the awareness it accepted, and hands what other processes stored to
 * the board, each row once. Rows are numbered by the store, per board and in commit order,
 * so this process knows exactly which rows it holds: every seq up to `floor`, plus `above`.
 * It reads the rows after `floor` back from the store whenever it may have missed some:
 * when its subscription became active (after the load, and after every outage of the
 * bus), when a sender's message counter skipped, when a sender hints that its publishes
 * failed, and when a hole in the seqs it holds outlasts `holeGraceMs` (the missing message
 * was lost, or a sender died before it published). Nothing reaches a connection that is
 * not stored: peers publish after their commit, and the catch-up reads the store.
 */
export class BoardPeerLink {
  /** Sender id of this link: the process's id on the bus and the link's number. */
  private readonly origin: string;
  private readonly ownPrefix: string;
  private floor: number;
  private readonly above = new Set<number>();
  private counter = 0;
  /** The last counter seen from each sender. */
  private readonly senders = new Map<string, number>();
  /** A publish failed: a hint follows, until one is sent. */
  private publishFailed = false;
  private holeTimer: ReturnType<typeof setTimeout> | null = null;
  private hintTimer: ReturnType<typeof setTimeout> | null = null;
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;
  private stopped = false;

  constructor(
    private readonly board: PeerBoard,
    private readonly options: BoardPeerLinkOptions,
  ) {
    this.floor = options.loadedThroughSeq;
    this.ownPrefix = `${options.peers.originId}/`;
    this.origin = `${this.ownPrefix}${nextLink++}`;
  }

  start(): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the handlers' link
    const link = this;
    this.options.peers.join(this.options.boardId, {
      message(bytes) {
        link.receive(bytes);
      },
      resumed() {
        link.resumed();
      },
    });
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.options.peers.leave(this.options.boardId);
    for (const timer of [this.holeTimer, this.hintTimer]) if (timer !== null) clearTimeout(timer);
    this.holeTimer = this.hintTimer = null;
  }

  /** Resolves once no catch-up is running (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.catchingUp !== null) await this.catchingUp;
  }

  /** This process stored `updates` as the rows ending at `throughSeq`: held, and announced. */
  stored(updates: readonly Uint8Array[], throughSeq: number): void {
    const first = throughSeq - updates.length + 1;
    for (let seq = first; seq <= throughSeq; seq++) this.hold(seq);
    // Rows another process stored before these may not have reached us yet.
    this.watchHoles();
    this.publish({
      kind: 'stored',
      rows: updates.map((update, i) => ({ seq: first + i, update })),
    });
  }

  /** An awareness update this process accepted and relayed to its own connections. */
  awareness(update: Uint8Array): void {
    this.publish({ kind: 'awareness', update });
  }

  /**
   * The subscription is active (again): read back what may have been missed, and ask the
   * others for the cursors of their connections, which we would otherwise see only at
   * their next move.
   */
  private resumed(): void {
    this.catchUp('subscribed');
    this.publish({ kind: 'hello' });
  }

  private publish(message: PeerMessage): void {
    if (this.stopped) return;
    const { peers, boardId, holeGraceMs } = this.options;
    this.counter += 1;
    const bytes = encodePeerMessage({ origin: this.origin, counter: this.counter, message });
    void peers.publish(boardId, bytes).then((sent) => {
      if (sent || this.stopped) return;
      // Its number is used: the next message that gets through shows every peer that heard
      // from us a skip, and a hint tells the others to read the store.
      this.publishFailed = true;
      this.hintTimer ??= setTimeout(() => {
        this.hintTimer = null;
        if (!this.publishFailed) return;
        this.publishFailed = false;
        this.publish({ kind: 'hint' });
      }, holeGraceMs);
      this.hintTimer.unref?.();
    });
  }

  private receive(bytes: Uint8Array): void {
    if (this.stopped) return;
    let envelope: PeerEnvelope;
    try {
      envelope = decodePeerMessage(bytes);
    } catch (error) {
      const reason = error instanceof MalformedPeerMessageError ? error.message : String(error);
      this.options.logger.warn(
        { boardId: this.options.boardId, reason },
        'yjs peer message refused',
      );
      return;
    }
    const { origin, counter, message } = envelope;
    if (origin.startsWith(this.ownPrefix)) return;
    const last = this.senders.get(origin);
    this.senders.delete(origin);
    this.senders.set(origin, Math.max(counter, last ?? 0));
    if (this.senders.size > MAX_SENDERS) this.senders.delete(this.senders.keys().next().value!);
    // A sender we knew skipped a number: a message of its was lost on the way.
    if (last !== undefined && counter > last + 1) this.catchUp('counter skipped');
    switch (message.kind) {
      case 'stored':
        this.take(message.rows);
        this.watchHoles();
        return;
      case 'awareness':
        this.board.applyPeerAwareness(message.update);
        return;
      case 'hint':
        this.catchUp('hint');
        return;
      case 'hello': {
        const local = this.board.localAwareness();
        if (local !== null) this.awareness(local);
        return;
      }
    }
  }

  /** Gives the board the rows it does not hold, and holds those it took. */
  private take(rows: readonly StoredRow[]): void {
    const fresh: StoredRow[] = [];
    for (const row of rows) {
      if (row.seq > this.floor + MAX_SEQS_AHEAD) {
        this.catchUp('seq far ahead');
        continue;
      }
      if (!this.holds(row.seq)) fresh.push(row);
    }
    if (fresh.length === 0) return;
    for (const seq of this.board.applyPeerRows(fresh)) this.hold(seq);
  }

  private holds(seq: number): boolean {
    return seq <= this.floor || this.above.has(seq);
  }

  private hold(seq: number): void {
    if (this.holds(seq)) return;
    this.above.add(seq);
    while (this.above.delete(this.floor + 1)) this.floor += 1;
  }

  /** Rows above a hole: the missing ones are committed; give their message a moment. */
  private watchHoles(): void {
    if (this.above.size === 0 || this.holeTimer !== null || this.stopped) return;
    this.holeTimer = setTimeout(() => {
      this.holeTimer = null;
      if (this.above.size > 0) this.catchUp('hole');
    }, this.options.holeGraceMs);
    this.holeTimer.unref?.();
  }

  private catchUp(reason: string): void {
    if (this.stopped) return;
    if (this.catchingUp !== null) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = this.readBack(reason).finally(() => {
      this.catchingUp = null;
      if (this.catchUpAgain && !this.stopped) {
        this.catchUpAgain = false;
        this.catchUp('again');
      }
    });
  }

  private async readBack(reason: string): Promise<void> {
    const { store, boardId, logger } = this.options;
    let rows: StoredRow[] | null;
    try {
      rows = await store.rowsAfter(boardId, this.floor);
    } catch (error) {
      if (this.stopped) return;
      logger.warn({ err: error, boardId, reason }, 'yjs peer catch-up failed; will retry');
      this.catchUpLater();
      return;
    }
    if (rows === null || this.stopped) return;
    const fresh = rowsNotHeld(rows, this.floor, (seq) => this.holds(seq));
    if (fresh.length > 0) {
      logger.debug({ boardId, reason, rows: fresh.length }, 'yjs peer catch-up');
      this.board.applyPeerRows(fresh);
    }
    // Everything up to the last row read is committed and now held: a row the board
    // refused is held too, since reading it again would not change it.
    const last = rows.at(-1)?.seq ?? this.floor;
    if (last > this.floor) {
      this.floor = last;
      for (const seq of this.above) if (seq <= last) this.above.delete(seq);
      while (this.above.delete(this.floor + 1)) this.floor += 1;
    }
    this.watchHoles();
  }

  /** The store did not answer: try again after the grace period. */
  private catchUpLater(): void {
    if (this.holeTimer !== null) return;
    this.holeTimer = setTimeout(() => {
      this.holeTimer = null;
      this.catchUp('retry');
    }, this.options.holeGraceMs);
    this.holeTimer.unref?.();
  }
}

/**
 * The rows of a read-back (every row after `floor`) that the board lacks. A row not held
 * is; so is a row held already that follows a seq neither held nor returned: the rows it
 * stands for were compacted into it (a snapshot at its seq), and one of them never
 * reached this process.
 */
function rowsNotHeld(
  rows: readonly StoredRow[],
  floor: number,
  holds: (seq: number) => boolean,
): StoredRow[] {
  const fresh: StoredRow[] = [];
  let previous = floor;
  for (const row of rows) {
    let skippedUnheld = false;
    for (let seq = previous + 1; seq < row.seq && !skippedUnheld; seq++) {
      skippedUnheld = !holds(seq);
    }
    if (!holds(row.seq) || skippedUnheld) fresh.push(row);
    previous = row.seq;
  }
  return fresh;
}
