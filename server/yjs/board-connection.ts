import type { WebSocket } from 'ws';
import { CLOSE_CODES } from '../../shared/errors';
import { TokenBucket } from './token-bucket';
import type { BoardPrincipal, RateLimit, SyncLogger } from './types';

/** WebSocket close reasons are limited to 123 bytes of UTF-8. */
const MAX_CLOSE_REASON_BYTES = 123;

export interface ConnectionLimits {
  readonly rateLimit: RateLimit;
  readonly maxBufferedBytes: number;
  /** The client understands save notices (it passed our protocol version). */
  readonly saveNotices: boolean;
}

/**
 * One accepted WebSocket on `/yjs/<boardId>`: its principal, its rate limit and a send that
 * never throws. Everything protocol-related lives in `LiveBoard`; this stays transport-thin.
 */
export class BoardConnection {
  private static nextId = 1;
  readonly id = BoardConnection.nextId++;
  /** Set once we decided to close, or the peer went away; nothing is sent afterwards. */
  closed = false;
  /** Cleared on every heartbeat ping, set again by the pong. */
  alive = true;
  private readonly bucket: TokenBucket;

  constructor(
    private readonly ws: WebSocket,
    readonly boardId: string,
    readonly principal: BoardPrincipal,
    private readonly limits: ConnectionLimits,
    private readonly logger: SyncLogger,
  ) {
    this.bucket = new TokenBucket(limits.rateLimit.burst, limits.rateLimit.perMs);
  }

  get wantsSaveNotices(): boolean {
    return this.limits.saveNotices;
  }

  /** One token per incoming message; false means the connection is too fast. */
  takeToken(): boolean {
    return this.bucket.take();
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      // A peer that does not read would make us buffer the whole board forever.
      this.close(CLOSE_CODES.unavailable, 'slow_consumer');
      return;
    }
    // Binary, as every Uint8Array is. No per-message callback: a failed write surfaces as
    // the socket's 'error' and 'close' events, which end the connection (and are logged).
    this.ws.send(message);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.logger.debug({ connection: this.id, boardId: this.boardId, code, reason }, 'yjs close');
    try {
      this.ws.close(code, truncateReason(reason));
    } catch (error) {
      this.logger.warn({ err: error, connection: this.id }, 'yjs close failed; terminating');
      this.ws.terminate();
    }
  }

  /** Closed by the peer or the network: only record it. */
  markClosed(): void {
    this.closed = true;
  }

  heartbeat(): void {
    if (!this.alive) {
      this.logger.debug({ connection: this.id }, 'yjs heartbeat missed; terminating');
      this.closed = true;
      this.ws.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      this.ws.terminate();
    }
  }

  /** Resolves once the socket is fully closed; terminates it if the peer takes too long. */
  whenClosed(graceMs: number): Promise<void> {
    if (this.ws.readyState === this.ws.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.ws.terminate(), graceMs);
      this.ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

function truncateReason(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  return bytes.length <= MAX_CLOSE_REASON_BYTES
    ? reason
    : bytes
        .subarray(0, MAX_CLOSE_REASON_BYTES)
        .toString('utf8')
        .replace(/\uFFFD$/, '');
}
