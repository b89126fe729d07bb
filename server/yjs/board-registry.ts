import { CLOSE_CODES } from '../../shared/errors';
import { CloseConnectionError } from './connection-errors';
import { LiveBoard } from './live-board';
import type { ResolvedSyncOptions } from './types';

/**
 * Which boards are in memory. A board is loaded once however many connections ask for it
 * at the same time, counted by reference, and compacted then unloaded `unloadAfterMs` after
 * its last connection left, once all its updates are stored.
 */
export class BoardRegistry {
  private readonly boards = new Map<string, LiveBoard>();
  private readonly loading = new Map<string, Promise<LiveBoard>>();
  private readonly refs = new Map<LiveBoard, number>();
  private readonly unloadTimers = new Map<LiveBoard, ReturnType<typeof setTimeout>>();
  private frozen = false;

  constructor(private readonly options: ResolvedSyncOptions) {}

  get loadedCount(): number {
    return this.boards.size;
  }

  loaded(boardId: string): LiveBoard | undefined {
    return this.boards.get(boardId);
  }

  /** Resolves with the loaded board, holding one reference; `release` gives it back. */
  acquire(boardId: string): Promise<LiveBoard> {
    if (this.frozen) {
      return Promise.reject(new CloseConnectionError(CLOSE_CODES.restarting, 'restarting'));
    }
    const board = this.boards.get(boardId);
    if (board !== undefined) return Promise.resolve(this.hold(board));
    let loading = this.loading.get(boardId);
    if (loading === undefined) {
      loading = this.load(boardId).finally(() => this.loading.delete(boardId));
      this.loading.set(boardId, loading);
    }
    return loading.then((loaded) => this.hold(loaded));
  }

  release(board: LiveBoard): void {
    const count = (this.refs.get(board) ?? 1) - 1;
    if (count > 0) {
      this.refs.set(board, count);
      return;
    }
    this.refs.delete(board);
    if (this.frozen || board.destroyed || this.unloadTimers.has(board)) return;
    const timer = setTimeout(() => void this.unload(board), this.options.unloadAfterMs);
    timer.unref();
    this.unloadTimers.set(board, timer);
  }

  /** Shutdown, step 1: no more loads or idle unloads; every board stops taking edits. */
  async freeze(): Promise<LiveBoard[]> {
    this.frozen = true;
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    await Promise.allSettled([...this.loading.values()]);
    const boards = [...this.boards.values()];
    for (const board of boards) board.stopAccepting();
    return boards;
  }

  /** Shutdown, step 2: waits for pending appends, but not forever. */
  async flushForShutdown(board: LiveBoard): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.shutdownFlushMs);
    });
    const outcome = await Promise.race([board.flush().then(() => 'stored' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.options.logger.error(
        { boardId: board.boardId },
        'yjs updates still unstored at shutdown; their authors resend them on reconnect',
      );
    }
  }

  /** Shutdown, step 3: compacts and drops every board. */
  async unloadAll(): Promise<void> {
    const boards = [...this.boards.values()];
    await Promise.all(boards.map((board) => board.compact()));
    for (const board of boards) this.drop(board);
  }

  private hold(board: LiveBoard): LiveBoard {
    const timer = this.unloadTimers.get(board);
    if (timer !== undefined) clearTimeout(timer);
    this.unloadTimers.delete(board);
    this.refs.set(board, (this.refs.get(board) ?? 0) + 1);
    return board;
  }

  private async load(boardId: string): Promise<LiveBoard> {
    const { options } = this;
    const { store, logger } = options;
    const started = performance.now();
    const stored = await store.load(boardId);
    if (stored === null) throw new CloseConnectionError(CLOSE_CODES.unknownBoard, 'unknown_board');
    const board = new LiveBoard(stored, {
      boardId,
      store,
      logger,
      groupCommitMs: this.options.groupCommitMs,
      retryInitialMs: this.options.retryInitialMs,
      retryMaxMs: this.options.retryMaxMs,
      maxBoardBytes: this.options.maxBoardBytes,
      compactThreshold: this.options.compactThreshold,
      ...(this.options.peers ? { peers: this.options.peers } : {}),
      peerHoleGraceMs: this.options.peerHoleGraceMs,
      onSaveStateChange(state) {
        options.onSaveStateChange?.(boardId, state);
      },
    });
    this.boards.set(boardId, board);
    logger.debug(
      { boardId, rows: stored.updates.length, ms: Math.round(performance.now() - started) },
      'yjs board loaded',
    );
    return board;
  }

  private async unload(board: LiveBoard): Promise<void> {
    this.unloadTimers.delete(board);
    const idle = (): boolean => !this.frozen && !board.destroyed && !this.refs.has(board);
    try {
      await board.flush();
      if (!idle()) return;
      await board.compact();
      if (!idle()) return;
      this.drop(board);
    } catch (error) {
      this.options.logger.error({ err: error, boardId: board.boardId }, 'yjs unload failed');
    }
  }

  private drop(board: LiveBoard): void {
    if (this.boards.get(board.boardId) === board) this.boards.delete(board.boardId);
    this.refs.delete(board);
    const dropped = board.destroy();
    if (dropped > 0) {
      this.options.logger.error({ boardId: board.boardId, dropped }, 'yjs board unloaded unsaved');
    }
    this.options.logger.debug({ boardId: board.boardId }, 'yjs board unloaded');
  }
}
