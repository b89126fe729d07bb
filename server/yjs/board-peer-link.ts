import type { BoardUpdateStore, StoredRow } from './board-store';
import {
  type BoardPeers,
  decodePeerMessage,
  encodePeerMessage,
  MalformedPeerMessageError,
  type PeerMessage,
} from './board-peers';
import type { SyncLogger } from './types';

/** What a loaded board does with what other processes stored or showed. */
export interface PeerBoard {
  /** Rows another process stored that this one does not hold yet, oldest first. */
  applyPeerRows(rows: readonly StoredRow[]): void;
  /** An awareness update another process accepted (not yet decoded here). */
  applyPeerAwareness(update: Uint8Array): void;
}

export interface BoardPeerLinkOptions {
  readonly boardId: string;
  readonly peers: BoardPeers;
  readonly store: BoardUpdateStore;
  readonly logger: SyncLogger;
  /** The board was loaded with every row up to this seq. */
  readonly loadedThroughSeq: number;
  /** A hole in the seqs held that lasts this long is read back from the store. */
  readonly holeGraceMs: number;
}

/** Senders remembered per board; a process that restarted comes back under a new id. */
const MAX_ORIGINS = 64;

/**
 * One loaded board's end of the bus between processes (`BoardPeers`). It publishes what this
 * process stored and the awareness it accepted, and hands what other processes stored to
 * the board, each row once. Rows are numbered by the store, per board and in commit order,
 * so this process knows exactly which rows it holds: every seq up to `floor`, plus `above`.
 * It reads the rows after `floor` back from the store whenever it may have missed some:
 * when its subscription became active (after the load, and after every outage of the
 * bus), when a sender's message counter skipped, and when a hole in the seqs it holds
 * outlasts `holeGraceMs` (the missing message was lost, or a sender died before it
 * published). Nothing reaches a connection that is not stored: peers publish after their
 * commit, and the catch-up reads the store.
 */
export class BoardPeerLink {
  private floor: number;
  private readonly above = new Set<number>();
  private counter = 0;
  /** The last counter seen from each sender. */
  private readonly senders = new Map<string, number>();
  /** A publish failed: once the bus is back, a hint tells the peers to read the store. */
  private publishFailed = false;
  private holeTimer: ReturnType<typeof setTimeout> | null = null;
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;
  private stopped = false;

  constructor(
    private readonly board: PeerBoard,
    private readonly options: BoardPeerLinkOptions,
  ) {
    this.floor = options.loadedThroughSeq;
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
    if (this.holeTimer !== null) clearTimeout(this.holeTimer);
    this.holeTimer = null;
  }

  /**
   * The subscription is active (again): read back what may have been missed, and if some
   * of our own messages could not be sent meanwhile, say so. Their numbers were used, so
   * the hint's counter shows every peer a gap, and each reads the store.
   */
  private resumed(): void {
    this.catchUp('subscribed');
    if (this.publishFailed) {
      this.publishFailed = false;
      this.publish({ kind: 'hint' });
    }
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

  private publish(message: PeerMessage): void {
    if (!this.stopped) this.send(message);
  }

  private send(message: PeerMessage): void {
    const { peers, boardId } = this.options;
    this.counter += 1;
    const bytes = encodePeerMessage({ origin: peers.originId, counter: this.counter, message });
    void peers.publish(boardId, bytes).then((sent) => {
      if (!sent) this.publishFailed = true;
    });
  }

  private receive(bytes: Uint8Array): void {
    if (this.stopped) return;
    let envelope;
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
    if (origin === this.options.peers.originId) return;
    const last = this.senders.get(origin);
    this.senders.delete(origin);
    this.senders.set(origin, Math.max(counter, last ?? 0));
    if (this.senders.size > MAX_ORIGINS) this.senders.delete(this.senders.keys().next().value!);
    // A sender we knew skipped a number: a message of its was lost on the way.
    if (last !== undefined && counter > last + 1) this.catchUp('counter skipped');
    if (message.kind === 'awareness') {
      this.board.applyPeerAwareness(message.update);
    } else if (message.kind === 'hint') {
      this.catchUp('hint');
    } else {
      const fresh = message.rows.filter((row) => this.hold(row.seq));
      if (fresh.length > 0) this.board.applyPeerRows(fresh);
      this.watchHoles();
    }
  }

  /** Marks `seq` held; false when it was held already. */
  private hold(seq: number): boolean {
    if (seq <= this.floor || this.above.has(seq)) return false;
    this.above.add(seq);
    while (this.above.delete(this.floor + 1)) this.floor += 1;
    return true;
  }

  /** Rows above a hole: the missing ones are committed; give their message a moment. */
  private watchHoles(): void {
    if (this.above.size === 0 || this.holeTimer !== null) return;
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
      logger.warn({ err: error, boardId, reason }, 'yjs peer catch-up failed; will retry');
      this.watchHoles();
      if (this.above.size === 0) this.catchUpLater();
      return;
    }
    if (rows === null || this.stopped) return;
    const fresh = rows.filter((row) => this.hold(row.seq));
    // Everything up to the last row read is committed, and now held (a snapshot stands
    // for the rows it replaced).
    const last = rows.at(-1)?.seq ?? this.floor;
    if (last > this.floor) {
      this.floor = last;
      for (const seq of this.above) if (seq <= last) this.above.delete(seq);
      while (this.above.delete(this.floor + 1)) this.floor += 1;
    }
    if (fresh.length > 0) {
      logger.debug({ boardId, reason, rows: fresh.length }, 'yjs peer catch-up');
      this.board.applyPeerRows(fresh);
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
