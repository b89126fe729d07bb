import * as Y from 'yjs';
import { BoardAwareness } from './board-awareness';
import { BoardContent } from './board-content';
import type { BoardConnection } from './board-connection';
import { BoardPeerLink, type PeerBoard } from './board-peer-link';
import type { BoardPeers } from './board-peers';
import type { BoardUpdateLog, BoardUpdateStore, StoredRow } from './board-store';
import { compactBoardLog } from './compaction';
import { BoardSizeGuard } from './board-size-guard';
import { MalformedMessageError, closeForError } from './connection-errors';
import { GroupCommitLog, type PendingUpdate } from './group-commit';
import {
  decodeIncomingMessage,
  encodeSaveNotice,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
  type SyncMessage,
} from './sync-messages';
import { StoredStateGate } from './stored-state-gate';
import type { SaveState, SyncLogger } from './types';
import { assertWellFormedUpdate } from './update-validation';

export interface LiveBoardOptions {
  readonly boardId: string;
  readonly store: BoardUpdateStore;
  readonly logger: SyncLogger;
  readonly groupCommitMs: number;
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
  readonly maxBoardBytes: number;
  readonly compactThreshold: number;
  /** Other processes serving the same boards (scaled out); none on a single process. */
  readonly peers?: BoardPeers;
  readonly peerHoleGraceMs: number;
  onSaveStateChange(state: SaveState): void;
}

/**
 * Our step 1 follows a joiner's own step 1 (answered first), or goes out this long after
 * she joined should she never send one (stock providers always do, at once).
 */
const STEP1_WITHOUT_SYNC_MS = 250;
/**
 * Stored updates are kept packed up to this many bytes (or the state's size) before they are
 * built into the state; a board compacts every `compactThreshold` rows, which replaces them
 * by the stored snapshot sooner, so this only bounds a board whose compactions fail.
 */
const FOLD_AT_BYTES = 64 * 1024;

interface UpdateOrigin {
  readonly connection: BoardConnection | null;
  /** The message as it came, relayed as is; null: encoded at relay time. */
  readonly frame: Uint8Array | null;
}

/**
 * One loaded board: its content (as update bytes, `BoardContent`), who is connected, and the
 * rule that nothing leaves the server before it is stored. An incoming update is validated,
 * queued for the group commit and relayed in `relayStored` only, as it came: the server
 * does not integrate edits into a Y.Doc to pass them on. A sync step 1 is answered only
 * when no accepted update is still unstored; until then sync messages wait in the
 * `StoredStateGate`, so a joining client never receives content that could still be lost.
 * Awareness is never held back.
 *
 * Our own step 1 (the state vector of what we hold) goes to a joiner right after her own
 * step 1 was answered: her first paint waits for nothing we could compute later.
 */
export class LiveBoard implements PeerBoard {
  private readonly content: BoardContent;
  /** Joiners still owed our step 1, and the task that sends it. */
  private readonly owedStep1 = new Set<BoardConnection>();
  private step1Timer: ReturnType<typeof setTimeout> | null = null;
  private step1Soon: ReturnType<typeof setImmediate> | null = null;
  private readonly presence: BoardAwareness;
  private readonly connections = new Set<BoardConnection>();
  private readonly log: GroupCommitLog<UpdateOrigin>;
  private readonly gate: StoredStateGate;
  private readonly size: BoardSizeGuard;
  private readonly peerLink: BoardPeerLink | null = null;
  private rowCount: number;
  /** Rows at which to compact next; pushed further after a failed compaction. */
  private compactAtRows: number;
  private compacting: Promise<void> | null = null;
  private accepting = true;
  private failing = false;
  destroyed = false;

  constructor(
    stored: BoardUpdateLog,
    private readonly options: LiveBoardOptions,
  ) {
    this.content = new BoardContent(stored.updates, {
      boardId: options.boardId,
      logger: options.logger,
      foldAtBytes: FOLD_AT_BYTES,
      maxRowsToSend: options.compactThreshold,
    });
    this.size = new BoardSizeGuard(this.content, options.maxBoardBytes);
    this.rowCount = stored.updates.length;
    this.compactAtRows = options.compactThreshold;
    // Hooks are methods of object literals, not arrow functions: under tsx (`npm run dev`, the
    // tests) every named arrow is renamed with `Object.defineProperty`, which costs a few
    // hundred bytes a function, for each of hundreds of boards.
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the hook methods' board
    const board = this;
    // Awareness needs a document only for its own client id; it stays empty.
    this.presence = new BoardAwareness(new Y.Doc(), {
      broadcast(message, origin) {
        board.broadcast(message, origin);
      },
      published(update) {
        board.peerLink?.awareness(update);
      },
    });
    this.log = new GroupCommitLog<UpdateOrigin>({
      boardId: options.boardId,
      store: options.store,
      logger: options.logger,
      windowMs: options.groupCommitMs,
      retryInitialMs: options.retryInitialMs,
      retryMaxMs: options.retryMaxMs,
      onStored(batch, throughSeq) {
        board.relayStored(batch, throughSeq);
      },
      onStateChange(state) {
        board.saveStateChanged(state);
      },
    });
    this.gate = new StoredStateGate({
      hasUnstored() {
        return board.log.hasUnstored;
      },
      whenStored() {
        return board.log.whenStored();
      },
      process(connection, message) {
        board.processSync(connection, message);
      },
      onError(connection, error) {
        closeForError(connection, error, options.logger);
      },
      maxWaitingBytes: options.maxBoardBytes,
    });
    if (options.peers !== undefined) {
      this.peerLink = new BoardPeerLink(this, {
        boardId: options.boardId,
        peers: options.peers,
        store: options.store,
        logger: options.logger,
        loadedThroughSeq: stored.throughSeq,
        holeGraceMs: options.peerHoleGraceMs,
      });
      this.peerLink.start();
    }
  }

  get boardId(): string {
    return this.options.boardId;
  }
  get connectionCount(): number {
    return this.connections.size;
  }
  get saveState(): SaveState {
    return this.log.state;
  }

  /**
   * Greets a connection once the board is loaded: who is here now, our state vector once
   * her own step 1 (already on its way from a stock provider) is answered.
   */
  attach(connection: BoardConnection): void {
    this.connections.add(connection);
    this.owedStep1.add(connection);
    this.planStep1(STEP1_WITHOUT_SYNC_MS);
    if (this.log.state === 'failing' && connection.wantsSaveNotices) {
      connection.send(encodeSaveNotice('notSaved'));
    }
    const awareness = this.presence.fullStateMessage();
    if (awareness !== null) connection.send(awareness);
  }

  detach(connection: BoardConnection): void {
    this.connections.delete(connection);
    this.owedStep1.delete(connection);
    this.presence.release(connection);
  }

  /** Handles one message; throws errors that `closeForError` turns into a close frame. */
  receive(connection: BoardConnection, data: Uint8Array): void {
    const message = decodeIncomingMessage(data);
    switch (message.kind) {
      case 'awareness':
        this.presence.receive(connection, message.update);
        return;
      case 'query-awareness': {
        const awareness = this.presence.fullStateMessage();
        if (awareness !== null) connection.send(awareness);
        return;
      }
      case 'sync-step-1':
      case 'sync-step-2':
      case 'update':
        this.gate.submit(connection, message, data.length);
        return;
      default: {
        const unreachable: never = message;
        throw new MalformedMessageError(`unhandled ${String(unreachable)}`);
      }
    }
  }

  /** Server shutting down: further document edits are ignored (their authors resend them). */
  stopAccepting(): void {
    this.accepting = false;
  }

  flush(): Promise<void> {
    return this.log.flush();
  }

  compact(): Promise<void> {
    this.compacting ??= this.runCompaction().finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  /** Returns how many updates were still unstored (already logged by the caller). */
  destroy(): number {
    if (this.destroyed) return 0;
    this.destroyed = true;
    const dropped = this.log.stop();
    this.peerLink?.stop();
    this.cancelStep1();
    this.owedStep1.clear();
    this.gate.close();
    this.presence.destroy();
    return dropped;
  }

  /** Sends our state vector to every joiner still owed it, `ms` from now (0: this turn's end). */
  private planStep1(ms: number): void {
    if (ms > 0) {
      this.step1Timer ??= setTimeout(() => this.sendOwedStep1(), ms);
      return;
    }
    this.step1Soon ??= setImmediate(() => this.sendOwedStep1());
  }

  private cancelStep1(): void {
    if (this.step1Timer !== null) clearTimeout(this.step1Timer);
    if (this.step1Soon !== null) clearImmediate(this.step1Soon);
    this.step1Timer = this.step1Soon = null;
  }

  private sendOwedStep1(): void {
    this.cancelStep1();
    if (this.destroyed || this.owedStep1.size === 0) return;
    const step1 = encodeSyncStep1(this.content.stateVector());
    for (const connection of this.owedStep1) connection.send(step1);
    this.owedStep1.clear();
  }

  private processSync(connection: BoardConnection, message: SyncMessage): void {
    if (message.kind === 'sync-step-1') {
      const rows = this.content.storedRowsFor(message.stateVector);
      if (rows === null) {
        connection.send(encodeSyncStep2(this.content.missingFor(message.stateVector)));
      } else {
        // A cold board: its rows as stored, without building it first (our step 1 will).
        connection.send(encodeSyncStep2(rows[0]!));
        for (let i = 1; i < rows.length; i++) connection.send(encodeUpdateMessage(rows[i]!));
      }
      // Right after the messages already read (other joiners' step 1 among them).
      if (this.owedStep1.has(connection)) this.planStep1(0);
      return;
    }
    // Read-only principals' edits, including the step 2 that answers our step 1, are dropped.
    if (connection.principal.readOnly || !this.accepting) return;
    const { update } = message;
    if (!assertWellFormedUpdate(update)) return;
    this.size.ensureRoomFor(update);
    this.size.grew(update.length);
    this.log.enqueue({
      update,
      origin: { connection, frame: message.kind === 'update' ? message.frame : null },
    });
  }

  private relayStored(batch: readonly PendingUpdate<UpdateOrigin>[], throughSeq: number): void {
    for (const { update, origin } of batch) {
      this.content.append(update, throughSeq);
      const message = origin.frame ?? encodeUpdateMessage(update);
      for (const connection of this.connections) {
        if (connection !== origin.connection) connection.send(message);
      }
    }
    this.peerLink?.stored(
      batch.map((entry) => entry.update),
      throughSeq,
    );
    this.rowCount += batch.length;
    if (this.rowCount >= this.compactAtRows) void this.compact();
  }

  /**
   * Rows another process stored (or that this one read back from the store): held and
   * relayed to every connection here. They are stored already, so nothing waits and a full
   * board does not refuse them; one that fails validation is skipped, not relayed. They do
   * not count towards this process's next compaction: the process that stored them
   * compacts for them.
   */
  applyPeerRows(rows: readonly StoredRow[]): readonly number[] {
    if (this.destroyed) return [];
    const taken: number[] = [];
    for (const { seq, update } of rows) {
      let carriesSomething: boolean;
      try {
        carriesSomething = assertWellFormedUpdate(update);
      } catch {
        this.options.logger.warn({ boardId: this.boardId, seq }, 'yjs peer row not relayed');
        continue;
      }
      taken.push(seq);
      if (!carriesSomething) continue;
      this.content.append(update, seq);
      this.size.grew(update.length);
      this.broadcast(encodeUpdateMessage(update), null);
    }
    return taken;
  }

  localAwareness(): Uint8Array | null {
    return this.destroyed ? null : this.presence.localStatesUpdate();
  }

  applyPeerAwareness(update: Uint8Array): void {
    if (this.destroyed) return;
    try {
      this.presence.receivePeer(update);
    } catch (error) {
      this.options.logger.warn({ err: error, boardId: this.boardId }, 'yjs peer awareness refused');
    }
  }

  /**
   * Never a silent loss: when appends start failing, everyone on the board is told their
   * edits are not saved (they stay in memory here and in their browsers, and are retried);
   * when an append succeeds again, they are told so.
   */
  private saveStateChanged(state: SaveState): void {
    const wasFailing = this.failing;
    this.failing = state === 'failing';
    if (this.failing !== wasFailing) {
      const notice = encodeSaveNotice(this.failing ? 'notSaved' : 'stored');
      for (const connection of this.connections) {
        if (connection.wantsSaveNotices) connection.send(notice);
      }
    }
    this.options.onSaveStateChange(state);
  }

  private broadcast(message: Uint8Array, origin: unknown): void {
    for (const connection of this.connections) {
      if (connection !== origin) connection.send(message);
    }
  }

  private async runCompaction(): Promise<void> {
    const { store, boardId, logger } = this.options;
    try {
      const result = await compactBoardLog(store, boardId, logger);
      if (result !== null && !this.destroyed) {
        this.content.compacted(result.snapshot, result.throughSeq);
      }
      this.rowCount = await store.updateCount(boardId);
      this.compactAtRows = this.options.compactThreshold;
      if (!this.destroyed) this.size.remeasure();
    } catch (error) {
      this.compactAtRows = this.rowCount + this.options.compactThreshold;
      logger.error({ err: error, boardId }, 'yjs compaction failed; the log is kept as is');
    }
  }
}
