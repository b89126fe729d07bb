/**
 * The persistence port of the Yjs sync server: an append-only log of Yjs updates per board,
 * compacted from time to time into one snapshot. The sync server only ever talks to this
 * interface; `memory-board-store.ts` is the reference implementation and the Kysely one
 * (SQLite / PostgreSQL) lives with the rest of the store.
 *
 * Sequence numbers are assigned by the store, strictly increase per board and are never
 * reused for a new append. They are the cursor that makes compaction safe against appends
 * that run concurrently (on this node or on another one):
 *
 *   load()    → every row, oldest first, and `throughSeq` = the highest seq it returned
 *   append()  → one transaction, returns the seq of the last row it wrote
 *   compact(boardId, snapshot, throughSeq)
 *             → one transaction: delete rows with seq ≤ throughSeq, insert `snapshot`
 *               with seq = throughSeq. Rows appended after the load (seq > throughSeq)
 *               are untouched, so no update is ever lost.
 *
 * The caller guarantees `snapshot` contains every update of rows with seq ≤ throughSeq
 * (the sync server builds it from a fresh `load()`, not from its live document).
 * Applying an update twice is harmless in Yjs, so a retried append that had in fact been
 * committed only costs space.
 */
export interface BoardUpdateLog {
  /** Every stored update, oldest first (a compacted board starts with its snapshot). */
  readonly updates: Uint8Array[];
  /** Highest sequence number among `updates`; 0 for a board that has none yet. */
  readonly throughSeq: number;
}

/** One row of a board's log. */
export interface StoredRow {
  readonly seq: number;
  readonly update: Uint8Array;
}

/** One board's part of `appendMany`. */
export interface BoardAppend {
  readonly boardId: string;
  readonly updates: readonly Uint8Array[];
}

/** What `appendMany` did for one board: its last seq, or why it was not appended. */
export type AppendOutcome =
  | { readonly ok: true; readonly throughSeq: number }
  | { readonly ok: false; readonly error: unknown };

/**
 * `appendMany` for a store without a shared transaction: each board's `append` in turn,
 * one outcome per entry, so that one board's refusal does not refuse the others.
 */
export async function appendEachInTurn(
  store: Pick<BoardUpdateStore, 'append'>,
  appends: readonly BoardAppend[],
): Promise<AppendOutcome[]> {
  const outcomes: AppendOutcome[] = [];
  for (const { boardId, updates } of appends) {
    try {
      outcomes.push({ ok: true, throughSeq: await store.append(boardId, updates) });
    } catch (error) {
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}

export interface BoardUpdateStore {
  /** The board's whole log, or `null` when no board has this id. */
  load(boardId: string): Promise<BoardUpdateLog | null>;
  /**
   * Appends `updates` (in order) atomically, one row each with consecutive seqs, and
   * resolves with the seq of the last row written: the rows are `throughSeq -
   * updates.length + 1` … `throughSeq` (processes that share the store tell each other
   * what they stored by these seqs). Rejects with `UnknownBoardError` if the board does
   * not exist.
   */
  append(boardId: string, updates: readonly Uint8Array[]): Promise<number>;
  /**
   * Optional: the appends of several boards at once, one outcome per entry, in order. Each
   * board's part has the guarantees of `append` (atomic, in order); a store may write them
   * all in one transaction, which is what makes it worth having (the sync server commits
   * every board due in the same group-commit window together). One board's refusal
   * (`UnknownBoardError`) must not refuse the others; if the whole call rejects, every
   * entry counts as failed and is retried. Stores without it get one `append` per board.
   */
  appendMany?(appends: readonly BoardAppend[]): Promise<AppendOutcome[]>;
  /**
   * The rows with seq > `afterSeq`, oldest first (a snapshot that replaced some of them is
   * one of them, at its seq); `null` when no board has this id. How a process catches up
   * with what other processes stored while it may have missed their messages.
   */
  rowsAfter(boardId: string, afterSeq: number): Promise<StoredRow[] | null>;
  /** Replaces rows with seq ≤ `throughSeq` by `snapshot`, atomically (see above). */
  compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** Number of rows in the board's log (a snapshot counts as one); 0 for an unknown board. */
  updateCount(boardId: string): Promise<number>;
}

/** Thrown (rejected) by `append` and `compact` when the board does not exist. */
export class UnknownBoardError extends Error {
  override readonly name = 'UnknownBoardError';
  constructor(readonly boardId: string) {
    super(`unknown board ${boardId}`);
  }
}
