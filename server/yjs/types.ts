import type { IncomingMessage } from 'node:http';
import type { CloseCode } from '../../shared/errors';
import type { BoardPeers } from './board-peers';
import type { BoardUpdateStore } from './board-store';

/** Who is on the other end of a connection, as decided by `authorize` before the upgrade. */
export interface BoardPrincipal {
  readonly userId: string;
  readonly displayName: string;
  /** Cursor colour shown to others, e.g. `#d9480f`. */
  readonly color: string;
  /** Receives everything; its document edits are dropped. Awareness still works. */
  readonly readOnly: boolean;
}

export type AuthorizeResult =
  | {
      readonly ok: true;
      readonly principal: BoardPrincipal;
      /** The client speaks our protocol version and understands save notices. */
      readonly saveNotices?: boolean;
    }
  | {
      readonly ok: false;
      /** HTTP status of the refused upgrade (no WebSocket frame is ever sent). */
      readonly status: 400 | 401 | 403 | 404 | 426;
      /** The matching code from `CLOSE_CODES`, sent as the body of the refusal. */
      readonly closeCode: CloseCode;
    };

/** `'failing'`: the last append failed; it is retried with backoff and nothing is relayed. */
export type SaveState = 'saved' | 'saving' | 'failing';

/** The subset of pino the sync server uses. */
export interface SyncLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface RateLimit {
  /** Bucket size: messages a connection may send in one burst. */
  readonly burst: number;
  /** The bucket refills completely over this many milliseconds. */
  readonly perMs: number;
}

export interface BoardSyncServerOptions {
  readonly store: BoardUpdateStore;
  /** Runs before the upgrade completes; a refusal is answered with a plain HTTP response. */
  authorize(req: IncomingMessage, boardId: string): Promise<AuthorizeResult>;
  /** `origin` is undefined for non-browser clients; the policy decides whether that is fine. */
  isOriginAllowed(origin: string | undefined): boolean;
  readonly logger?: SyncLogger;
  /** Save state of a loaded board changed (drives the "saved" indicator and health checks). */
  onSaveStateChange?(boardId: string, state: SaveState): void;
  /**
   * A connection was accepted for `principal`; `end` closes it as unauthenticated (4401),
   * e.g. when her session is revoked. Returns what to call once the connection closes.
   */
  watchConnection?(principal: BoardPrincipal, end: () => void): () => void;
  /** Largest accepted message; larger ones close the connection with 4413. Default 1 MiB. */
  readonly maxMessageBytes?: number;
  /** Largest encoded board state; inserts beyond it close with 4413 `board_full`. Default 8 MiB. */
  readonly maxBoardBytes?: number;
  /** Per-connection token bucket; an empty bucket closes with 4529 (the client retries after a backoff). Default 200 per 10 s. */
  readonly rateLimit?: RateLimit;
  /**
   * Group commit: commits are at least this far apart, and every update that arrives in
   * between shares the next one. After a quiet spell an update is stored at the end of the
   * event-loop turn that read it. Default 2 ms; 0 commits once per turn.
   */
  readonly groupCommitMs?: number;
  /** A board without connections is compacted and unloaded after this long. Default 30 s. */
  readonly unloadAfterMs?: number;
  /** Compact once the board's log holds this many rows. Default 500. */
  readonly compactThreshold?: number;
  /** Ping interval; a connection that did not answer the previous ping is terminated. Default 30 s. */
  readonly heartbeatMs?: number;
  /** `authorize` taking longer than this refuses the upgrade with 503. Default 10 s. */
  readonly authorizeTimeoutMs?: number;
  /** First retry delay after a failed append; doubles up to `retryMaxMs`. Default 100 ms. */
  readonly retryInitialMs?: number;
  /** Default 5 s. */
  readonly retryMaxMs?: number;
  /** A connection whose unsent output exceeds this is closed (4503, it reconnects). Default 16 MiB. */
  readonly maxBufferedBytes?: number;
  /** How long `close()` waits for pending appends before giving up on them. Default 10 s. */
  readonly shutdownFlushMs?: number;
  /** Board ids accepted in `/yjs/<boardId>`. Default `/^[A-Za-z0-9_-]{1,128}$/`. */
  readonly boardIdPattern?: RegExp;
  /**
   * Other processes serving the same boards from the same store (scaled out): what each
   * stores and the awareness it accepts reach the others' connections. None: one process.
   */
  readonly peers?: BoardPeers;
  /**
   * With `peers`: a hole in the rows a board holds (a later row arrived, an earlier one
   * did not) that lasts this long is read back from the store. Default 1 s.
   */
  readonly peerHoleGraceMs?: number;
}

type Hooks =
  'onSaveStateChange' | 'watchConnection' | 'authorize' | 'isOriginAllowed' | 'store' | 'peers';
export type ResolvedSyncOptions = Required<Omit<BoardSyncServerOptions, Hooks>> &
  Pick<BoardSyncServerOptions, Hooks>;

const silentLogger: SyncLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

export function resolveSyncOptions(options: BoardSyncServerOptions): ResolvedSyncOptions {
  return {
    logger: silentLogger,
    maxMessageBytes: 1024 * 1024,
    maxBoardBytes: 8 * 1024 * 1024,
    rateLimit: { burst: 200, perMs: 10_000 },
    groupCommitMs: 2,
    unloadAfterMs: 30_000,
    compactThreshold: 500,
    heartbeatMs: 30_000,
    authorizeTimeoutMs: 10_000,
    retryInitialMs: 100,
    retryMaxMs: 5_000,
    maxBufferedBytes: 16 * 1024 * 1024,
    shutdownFlushMs: 10_000,
    boardIdPattern: /^[A-Za-z0-9_-]{1,128}$/,
    peerHoleGraceMs: 1_000,
    ...stripUndefined(options),
    store: options.store,
    authorize: (req, boardId) => options.authorize(req, boardId),
    isOriginAllowed: (origin) => options.isOriginAllowed(origin),
    onSaveStateChange: options.onSaveStateChange?.bind(options),
    watchConnection: options.watchConnection?.bind(options),
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
