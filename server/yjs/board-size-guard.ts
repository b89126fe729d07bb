import { CLOSE_CODES } from '../../shared/errors';
import type { BoardContent } from './board-content';
import { CloseConnectionError, MalformedMessageError } from './connection-errors';

/**
 * Enforces `maxBoardBytes` on the encoded state of a board without encoding it for every
 * update: it keeps an upper bound (the bytes the board holds: stored rows and every update
 * since, including ones that wait for missing dependencies) and measures exactly, by
 * compacting the held content, only when that bound gets near the limit.
 */
export class BoardSizeGuard {
  private approxBytes: number;
  /** Growth since the last exact measure; null before the first one. */
  private grownSinceExact: number | null = null;

  constructor(
    private readonly content: BoardContent,
    private readonly maxBytes: number,
  ) {
    this.approxBytes = content.bytes;
  }

  /** An update of this many bytes was accepted. */
  grew(bytes: number): void {
    this.approxBytes += bytes;
    if (this.grownSinceExact !== null) this.grownSinceExact += bytes;
  }

  /** After compaction, or whenever an exact figure is cheap enough. */
  remeasure(): void {
    this.approxBytes = this.content.bytes;
    this.grownSinceExact = null;
  }

  /**
   * Throws `board_full` for an update that inserts content into a board whose state would
   * pass the limit. Updates that only delete always pass: a full board can be tidied up.
   * Measuring means building the board, so a board near its limit is measured again only
   * after it grew by 1/64 of the limit: a full board is not rebuilt for every refused edit.
   */
  ensureRoomFor(update: Uint8Array): void {
    if (this.approxBytes + update.length <= this.maxBytes) return;
    if (this.grownSinceExact === null || this.grownSinceExact > this.maxBytes / 64) {
      this.approxBytes = this.content.fold();
      this.grownSinceExact = 0;
    }
    if (this.approxBytes + update.length <= this.maxBytes) return;
    if (this.inserts(update)) throw new CloseConnectionError(CLOSE_CODES.tooLarge, 'board_full');
  }

  private inserts(update: Uint8Array): boolean {
    try {
      return this.content.isNewerThanHeld(update);
    } catch (error) {
      throw new MalformedMessageError(error instanceof Error ? error.message : 'bad update');
    }
  }
}
