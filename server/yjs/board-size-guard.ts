import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/errors';
import { CloseConnectionError, MalformedMessageError } from './connection-errors';

/**
 * Enforces `maxBoardBytes` on the encoded state of a board without encoding the whole
 * document for every update: it keeps an upper bound (the last exact size plus every
 * update since) and measures exactly only when that bound gets near the limit.
 */
export class BoardSizeGuard {
  private approxBytes: number;

  /** `upperBound`: a known bound of the encoded state (e.g. the stored bytes), or measure now. */
  constructor(
    private readonly doc: Y.Doc,
    private readonly maxBytes: number,
    upperBound?: number,
  ) {
    this.approxBytes = upperBound ?? Y.encodeStateAsUpdate(doc).length;
  }

  /** The document emitted an update of this many bytes. */
  grew(bytes: number): void {
    this.approxBytes += bytes;
  }

  /** After compaction, or whenever an exact figure is cheap enough. */
  remeasure(): void {
    this.approxBytes = Y.encodeStateAsUpdate(this.doc).length;
  }

  /**
   * Throws `board_full` for an update that inserts content into a board whose state would
   * pass the limit. Updates that only delete always pass: a full board can be tidied up.
   */
  ensureRoomFor(update: Uint8Array): void {
    const { pendingStructs, pendingDs } = this.doc.store;
    // Updates waiting for missing dependencies take memory too, and are sent to joiners.
    const pending = (pendingStructs?.update.length ?? 0) + (pendingDs?.length ?? 0);
    if (this.approxBytes + pending + update.length <= this.maxBytes) return;
    this.remeasure();
    if (this.approxBytes + update.length <= this.maxBytes) return;
    if (this.inserts(update)) throw new CloseConnectionError(CLOSE_CODES.tooLarge, 'board_full');
  }

  private inserts(update: Uint8Array): boolean {
    try {
      for (const [client, clock] of Y.parseUpdateMeta(update).to) {
        if (clock > Y.getState(this.doc.store, client)) return true;
      }
      return false;
    } catch (error) {
      throw new MalformedMessageError(error instanceof Error ? error.message : 'bad update');
    }
  }
}
