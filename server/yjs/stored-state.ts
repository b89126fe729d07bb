import * as Y from 'yjs';
import type { BoardUpdateLog } from './board-store';

/** `Y.encodeStateAsUpdate` of an empty document: no structs, no deletions. */
const EMPTY_STATE = new Uint8Array([0, 0]);

/**
 * A loaded board's stored state before its Y.Doc is built. Building the document of a
 * large board (integrating every struct) takes tens to hundreds of milliseconds, and a
 * joining client needs none of it: her first sync can be answered from the stored bytes.
 * A board at rest is one compacted snapshot (it is compacted every `compactThreshold` rows
 * and when it unloads), which is sent as it is; a short tail of rows is merged into it
 * once. A long log (a server stopped before it could compact) is not merged: merging
 * thousands of small updates costs more than building the document, so the caller builds it.
 */
export class StoredState {
  private state: Uint8Array | null = null;
  private readonly rows: readonly Uint8Array[];
  readonly bytes: number;

  constructor(
    log: BoardUpdateLog,
    private readonly maxRowsToMerge: number,
  ) {
    this.rows = log.updates;
    this.bytes = log.updates.reduce((sum, row) => sum + row.length, 0);
  }

  get updates(): readonly Uint8Array[] {
    return this.rows;
  }

  /**
   * What a client with `stateVector` is missing, as one update; null when the log is too
   * long to merge or a row does not decode (the document, which skips bad rows, answers).
   */
  missingFor(stateVector: Uint8Array): Uint8Array | null {
    const state = this.merged();
    if (state === null) return null;
    // An empty state vector (a client with nothing yet) is the single byte 0: all of it.
    if (stateVector.length === 1 && stateVector[0] === 0) return state;
    try {
      return Y.diffUpdate(state, stateVector);
    } catch {
      return null;
    }
  }

  private merged(): Uint8Array | null {
    if (this.state !== null) return this.state;
    if (this.rows.length === 0) return (this.state = EMPTY_STATE);
    if (this.rows.length === 1) return (this.state = this.rows[0]!);
    if (this.rows.length > this.maxRowsToMerge) return null;
    try {
      return (this.state = Y.mergeUpdates(this.rows as Uint8Array[]));
    } catch {
      return null;
    }
  }
}
