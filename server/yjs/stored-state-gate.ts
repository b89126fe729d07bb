import type { BoardConnection } from './board-connection';
import { CLOSE_CODES } from '../../shared/errors';
import { CloseConnectionError } from './connection-errors';
import type { SyncMessage } from './sync-messages';

interface Waiting {
  readonly connection: BoardConnection;
  readonly message: SyncMessage;
  readonly bytes: number;
}

export interface StoredStateGateOptions {
  /** True while some applied update is not stored yet. */
  hasUnstored(): boolean;
  whenStored(): Promise<void>;
  process(connection: BoardConnection, message: SyncMessage): void;
  onError(connection: BoardConnection, error: unknown): void;
  /** Bytes of sync messages allowed to wait; beyond, the sender is closed (4503, it retries). */
  readonly maxWaitingBytes: number;
}

/**
 * Answers a sync step 1 only from a state that is entirely stored. While updates are
 * unstored, a step 1 waits, and every sync message after it waits behind it, in arrival
 * order; nothing new is applied meanwhile, so the wait always ends.
 */
export class StoredStateGate {
  private readonly waiting: Waiting[] = [];
  private waitingBytes = 0;
  private draining = false;
  private closed = false;

  constructor(private readonly options: StoredStateGateOptions) {}

  submit(connection: BoardConnection, message: SyncMessage, bytes: number): void {
    const mustWait = message.kind === 'sync-step-1' && this.options.hasUnstored();
    if (this.waiting.length === 0 && !mustWait) {
      this.options.process(connection, message);
      return;
    }
    if (this.waitingBytes + bytes > this.options.maxWaitingBytes) {
      throw new CloseConnectionError(CLOSE_CODES.unavailable, 'board_busy');
    }
    this.waiting.push({ connection, message, bytes });
    this.waitingBytes += bytes;
    void this.drain();
  }

  close(): void {
    this.closed = true;
    this.waiting.length = 0;
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.waiting.length > 0 && !this.closed) {
        const next = this.waiting[0]!;
        if (next.message.kind === 'sync-step-1' && this.options.hasUnstored()) {
          await this.options.whenStored();
          continue;
        }
        this.waiting.shift();
        this.waitingBytes -= next.bytes;
        if (next.connection.closed) continue;
        try {
          this.options.process(next.connection, next.message);
        } catch (error) {
          this.options.onError(next.connection, error);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
