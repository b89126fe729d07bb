import * as Y from 'yjs';
import { BoardAwareness } from './board-awareness';
import type { BoardConnection } from './board-connection';
import type { BoardUpdateLog, BoardUpdateStore } from './board-store';
import { applyLog, compactBoardLog } from './compaction';
import { BoardSizeGuard } from './board-size-guard';
import { MalformedMessageError, closeForError } from './connection-errors';
import { GroupCommitLog, type PendingUpdate } from './group-commit';
import {
  decodeIncomingMessage,
  encodeSaveNotice,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2Update,
  encodeUpdateMessage,
  type SyncMessage,
} from './sync-messages';
import { StoredState } from './stored-state';
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
  onSaveStateChange(state: SaveState): void;
}

/**
 * A cold board answers the first sync step 1 from storage and builds its document right
 * after; a connection that sends no step 1 (stock providers always do, at once) still gets
 * our state vector this long after it joined.
 */
const BUILD_WITHOUT_SYNC_MS = 250;

interface UpdateOrigin {
  readonly connection: BoardConnection | null;
  /** Also send it back to its author: it completed updates the author may not have. */
  readonly echo: boolean;
}

/**
 * One loaded board: its Y.Doc, who is connected, and the rule that nothing leaves the
 * server before it is stored. Incoming updates are applied at once (that validates them and
 * yields the effective update Yjs emits) and queued for the group commit; they are relayed
 * in `relayStored` only. A sync step 1 is answered only when no applied update is still
 * unstored; until then sync messages wait in the `StoredStateGate`, so a joining client never
 * receives content that could still be lost. Awareness is never held back.
 *
 * The document is built from the stored log only after the first joiners were answered:
 * until then (`StoredState`) a sync step 1 is answered from the stored bytes, our own step 1
 * goes out once the document exists, and the first edit builds it at once.
 */
export class LiveBoard {
  readonly doc = new Y.Doc();
  /** The stored log not yet applied to `doc`; null once the document is built. */
  private stored: StoredState | null;
  /** The build planned after the first answers (`planBuild`). */
  private buildTimer: ReturnType<typeof setTimeout> | null = null;
  private buildSoon: ReturnType<typeof setImmediate> | null = null;
  private readonly presence: BoardAwareness;
  private readonly connections = new Set<BoardConnection>();
  private readonly log: GroupCommitLog<UpdateOrigin>;
  private readonly gate: StoredStateGate;
  private readonly size: BoardSizeGuard;
  private applying: UpdateOrigin | null = null;
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
    this.stored = new StoredState(stored, options.compactThreshold);
    // The stored bytes bound the encoded state from above: no need to encode it to start.
    this.size = new BoardSizeGuard(this.doc, options.maxBoardBytes, this.stored.bytes);
    this.rowCount = stored.updates.length;
    this.compactAtRows = options.compactThreshold;
    // Hooks are methods of object literals, not arrow functions: under tsx (`npm start`) every
    // named arrow is renamed with `Object.defineProperty`, which costs a few hundred bytes a
    // function, for each of hundreds of boards.
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the hook methods' board
    const board = this;
    this.presence = new BoardAwareness(this.doc, {
      broadcast(message, origin) {
        board.broadcast(message, origin);
      },
    });
    this.log = new GroupCommitLog<UpdateOrigin>({
      boardId: options.boardId,
      store: options.store,
      logger: options.logger,
      windowMs: options.groupCommitMs,
      retryInitialMs: options.retryInitialMs,
      retryMaxMs: options.retryMaxMs,
      onStored(batch) {
        board.relayStored(batch);
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
    this.onDocUpdate = this.docUpdated.bind(this);
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
   * Greets a connection once the board is loaded: our state vector (once the document is
   * built: the messages she sent meanwhile are answered first), then who is here.
   */
  attach(connection: BoardConnection): void {
    this.connections.add(connection);
    if (this.stored === null) connection.send(encodeSyncStep1(this.doc));
    // A provider's own step 1 is on its way; should it never come, build anyway.
    else this.planBuild(BUILD_WITHOUT_SYNC_MS);
    if (this.log.state === 'failing' && connection.wantsSaveNotices) {
      connection.send(encodeSaveNotice('notSaved'));
    }
    const awareness = this.presence.fullStateMessage();
    if (awareness !== null) connection.send(awareness);
  }

  detach(connection: BoardConnection): void {
    this.connections.delete(connection);
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
    this.cancelBuild();
    this.gate.close();
    this.doc.off('update', this.onDocUpdate);
    this.presence.destroy();
    this.doc.destroy();
    return dropped;
  }

  private readonly onDocUpdate: (update: Uint8Array) => void;

  private docUpdated(update: Uint8Array): void {
    this.size.grew(update.length);
    this.log.enqueue({ update, origin: this.applying ?? { connection: null, echo: true } });
  }

  /**
   * Applies the stored log to the document, starts storing what the document emits, and
   * sends our state vector to everyone who joined meanwhile.
   */
  private build(): void {
    const stored = this.stored;
    if (stored === null || this.destroyed) return;
    this.stored = null;
    this.cancelBuild();
    applyLog(this.doc, stored.updates, this.options.boardId, this.options.logger);
    this.doc.on('update', this.onDocUpdate);
    const step1 = encodeSyncStep1(this.doc);
    for (const connection of this.connections) connection.send(step1);
  }

  /** Builds the document `ms` from now (0: after the event loop's waiting messages), once. */
  private planBuild(ms: number): void {
    if (ms > 0) {
      this.buildTimer ??= setTimeout(() => this.build(), ms);
      return;
    }
    this.buildSoon ??= setImmediate(() => this.build());
  }

  private cancelBuild(): void {
    if (this.buildTimer !== null) clearTimeout(this.buildTimer);
    if (this.buildSoon !== null) clearImmediate(this.buildSoon);
    this.buildTimer = this.buildSoon = null;
  }

  private processSync(connection: BoardConnection, message: SyncMessage): void {
    if (message.kind === 'sync-step-1') {
      const missing = this.stored?.missingFor(message.stateVector) ?? null;
      if (missing !== null) {
        connection.send(encodeSyncStep2Update(missing));
        // Right after the messages already read (other joiners' step 1 among them).
        this.planBuild(0);
        return;
      }
      this.build();
      connection.send(encodeSyncStep2(this.doc, message.stateVector));
      return;
    }
    // Read-only principals' edits, including the step 2 that answers our step 1, are dropped.
    if (connection.principal.readOnly || !this.accepting) return;
    assertWellFormedUpdate(message.update);
    this.build();
    this.size.ensureRoomFor(message.update);
    const { pendingStructs, pendingDs } = this.doc.store;
    this.applying = { connection, echo: pendingStructs !== null || pendingDs !== null };
    try {
      Y.applyUpdate(this.doc, message.update, connection);
    } catch (error) {
      throw new MalformedMessageError(error instanceof Error ? error.message : 'bad update');
    } finally {
      this.applying = null;
    }
  }

  private relayStored(batch: readonly PendingUpdate<UpdateOrigin>[]): void {
    for (const { update, origin } of batch) {
      const message = encodeUpdateMessage(update);
      for (const connection of this.connections) {
        if (connection !== origin.connection || origin.echo) connection.send(message);
      }
    }
    this.rowCount += batch.length;
    if (this.rowCount >= this.compactAtRows) void this.compact();
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
      await compactBoardLog(store, boardId, logger);
      this.rowCount = await store.updateCount(boardId);
      this.compactAtRows = this.options.compactThreshold;
      if (!this.destroyed && this.stored === null) this.size.remeasure();
    } catch (error) {
      this.compactAtRows = this.rowCount + this.options.compactThreshold;
      logger.error({ err: error, boardId }, 'yjs compaction failed; the log is kept as is');
    }
  }
}
