import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CLOSE_CODES } from '../../shared/errors';
import { BoardConnection } from './board-connection';
import { BoardRegistry } from './board-registry';
import { closeForError } from './connection-errors';
import type { LiveBoard } from './live-board';
import { SizeLimitedWebSocket } from './size-limited-websocket';
import {
  resolveSyncOptions,
  type BoardPrincipal,
  type BoardSyncServerOptions,
  type ResolvedSyncOptions,
  type SaveState,
} from './types';
import { decideUpgrade, parseBoardPath, refuseUpgrade } from './upgrade-http';

/** Messages a client may send before its board finished loading (it normally sends two). */
const MAX_EARLY_MESSAGES = 64;
/** How long `close()` waits for a peer to answer the close frame before cutting the socket. */
const CLOSE_HANDSHAKE_MS = 1_000;

/**
 * The y-websocket endpoint `/yjs/<boardId>`: authorises at the handshake, then relays
 * y-protocols sync and awareness between the board's connections. Transport only; boards
 * live in `BoardRegistry` / `LiveBoard`, storage behind `BoardUpdateStore`.
 */
export class BoardSyncServer {
  private readonly options: ResolvedSyncOptions;
  private readonly wss: WebSocketServer;
  private readonly registry: BoardRegistry;
  private readonly connections = new Set<BoardConnection>();
  /** Board each connection talks to, once loaded. */
  private readonly joined = new Map<BoardConnection, LiveBoard>();
  /** Messages received while the connection's board loads, replayed in order. */
  private readonly early = new Map<BoardConnection, Uint8Array[]>();
  private readonly unwatch = new Map<BoardConnection, () => void>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private closing: Promise<void> | null = null;

  constructor(options: BoardSyncServerOptions) {
    this.options = resolveSyncOptions(options);
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: this.options.maxMessageBytes,
      WebSocket: SizeLimitedWebSocket,
    });
    this.registry = new BoardRegistry(this.options);
    this.heartbeat = setInterval(() => {
      for (const connection of this.connections) connection.heartbeat();
    }, this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  get loadedBoardCount(): number {
    return this.registry.loadedCount;
  }
  get connectionCount(): number {
    return this.connections.size;
  }
  /** Save state of a loaded board; undefined when it is not loaded. */
  saveState(boardId: string): SaveState | undefined {
    return this.registry.loaded(boardId)?.saveState;
  }

  /**
   * Call from the HTTP server's `'upgrade'` event. Returns false, without touching the
   * socket, when the path is not `/yjs/…` so that another handler may take it.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const target = parseBoardPath(req.url, this.options.boardIdPattern);
    if (target.kind === 'not-ours') return false;
    const onSocketError = (error: Error): void => {
      this.options.logger.debug({ err: error }, 'yjs socket error during handshake');
    };
    socket.on('error', onSocketError);
    const boardId = target.kind === 'board' ? target.boardId : null;
    decideUpgrade(req, boardId, this.options, () => this.closing !== null).then(
      (result) => {
        if (socket.destroyed) return;
        if (!result.ok) {
          refuseUpgrade(socket, result.status, result.closeCode);
          return;
        }
        socket.off('error', onSocketError);
        this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
          this.accept(ws, boardId!, result.principal, result.saveNotices === true);
        });
      },
      (error: unknown) => {
        this.options.logger.error({ err: error, url: req.url }, 'yjs upgrade failed');
        refuseUpgrade(socket, 500, CLOSE_CODES.internal);
      },
    );
    return true;
  }

  /**
   * Graceful shutdown: stops taking edits, waits for pending appends (up to
   * `shutdownFlushMs`), closes every connection with 1012, compacts and unloads every board.
   */
  close(reason = 'restarting'): Promise<void> {
    this.closing ??= this.shutdown(reason);
    return this.closing;
  }

  /**
   * Ends a person's connections to one board at once (4403 `access_removed`), e.g. when she
   * is removed from the room or the pair stops sharing with facilitators. Returns how many.
   */
  disconnectUser(boardId: string, userId: string): number {
    let closed = 0;
    for (const connection of this.connections) {
      if (connection.boardId === boardId && connection.principal.userId === userId) {
        connection.close(CLOSE_CODES.forbidden, 'access_removed');
        closed += 1;
      }
    }
    return closed;
  }

  /**
   * The board became read-only (its room was archived): writers' connections end with 4403
   * `archived`; opened again, they are read-only. Returns how many.
   */
  closeWriters(boardId: string): number {
    let closed = 0;
    for (const connection of this.connections) {
      if (connection.boardId === boardId && !connection.principal.readOnly) {
        connection.close(CLOSE_CODES.forbidden, 'archived');
        closed += 1;
      }
    }
    return closed;
  }

  private accept(
    ws: WebSocket,
    boardId: string,
    principal: BoardPrincipal,
    saveNotices: boolean,
  ): void {
    const { logger, rateLimit, maxBufferedBytes } = this.options;
    const connection = new BoardConnection(
      ws,
      boardId,
      principal,
      { rateLimit, maxBufferedBytes, saveNotices },
      logger,
    );
    this.connections.add(connection);
    const unwatch = this.options.watchConnection?.(principal, () =>
      connection.close(CLOSE_CODES.unauthenticated, 'signed_out'),
    );
    if (unwatch) this.unwatch.set(connection, unwatch);
    logger.debug({ connection: connection.id, boardId, userId: principal.userId }, 'yjs open');
    ws.on('message', (data, isBinary) => this.onMessage(connection, data, isBinary));
    ws.on('close', () => this.onClose(connection));
    ws.on('error', (error) => logger.debug({ err: error, connection: connection.id }, 'yjs ws'));
    ws.on('pong', () => {
      connection.alive = true;
    });
    this.early.set(connection, []);
    this.registry.acquire(boardId).then(
      (board) => this.join(board, connection),
      (error: unknown) => {
        this.early.delete(connection);
        closeForError(connection, error, logger);
      },
    );
  }

  private join(board: LiveBoard, connection: BoardConnection): void {
    const early = this.early.get(connection) ?? [];
    this.early.delete(connection);
    if (connection.closed) {
      this.registry.release(board);
      return;
    }
    this.joined.set(connection, board);
    board.attach(connection);
    for (const data of early) {
      if (connection.closed) break;
      this.deliver(board, connection, data);
    }
  }

  private onMessage(connection: BoardConnection, raw: RawData, isBinary: boolean): void {
    try {
      connection.alive = true;
      if (connection.closed) return;
      if (!connection.takeToken()) {
        connection.close(CLOSE_CODES.tooFast, 'too_fast');
        return;
      }
      if (!isBinary) {
        connection.close(CLOSE_CODES.malformed, 'malformed');
        return;
      }
      const data = ownedBytes(raw);
      if (data.length > this.options.maxMessageBytes) {
        connection.close(CLOSE_CODES.tooLarge, 'message_too_large');
        return;
      }
      const board = this.joined.get(connection);
      if (board !== undefined) {
        this.deliver(board, connection, data);
        return;
      }
      const early = this.early.get(connection);
      if (early === undefined) return;
      if (early.length >= MAX_EARLY_MESSAGES) {
        connection.close(CLOSE_CODES.tooFast, 'too_fast');
        return;
      }
      early.push(data);
    } catch (error) {
      closeForError(connection, error, this.options.logger);
    }
  }

  private deliver(board: LiveBoard, connection: BoardConnection, data: Uint8Array): void {
    try {
      board.receive(connection, data);
    } catch (error) {
      closeForError(connection, error, this.options.logger);
    }
  }

  private onClose(connection: BoardConnection): void {
    connection.markClosed();
    this.connections.delete(connection);
    this.unwatch.get(connection)?.();
    this.unwatch.delete(connection);
    this.early.delete(connection);
    const board = this.joined.get(connection);
    this.joined.delete(connection);
    if (board === undefined) return;
    try {
      board.detach(connection);
    } catch (error) {
      this.options.logger.error({ err: error, boardId: board.boardId }, 'yjs detach failed');
    }
    if (this.closing === null) this.registry.release(board);
  }

  private async shutdown(reason: string): Promise<void> {
    clearInterval(this.heartbeat);
    const boards = await this.registry.freeze();
    await Promise.all(boards.map((board) => this.registry.flushForShutdown(board)));
    const connections = [...this.connections];
    for (const connection of connections) connection.close(CLOSE_CODES.restarting, reason);
    await Promise.all(connections.map((connection) => connection.whenClosed(CLOSE_HANDSHAKE_MS)));
    await this.registry.unloadAll();
    this.wss.close();
    this.options.logger.info({ boards: boards.length }, 'yjs sync server closed');
  }
}

/** A private copy: decoders then cannot read past the message into a shared buffer. */
function ownedBytes(raw: RawData): Uint8Array {
  if (Array.isArray(raw)) return new Uint8Array(Buffer.concat(raw));
  return new Uint8Array(raw);
}
