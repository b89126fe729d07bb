import * as Y from 'yjs';
import { applyLog } from './compaction';
import type { SyncLogger } from './types';

/** `Y.encodeStateAsUpdate` of an empty document: no structs, no deletions. */
const EMPTY_STATE = new Uint8Array([0, 0]);
/** An empty state vector (a client with nothing yet): the single byte 0. */
const isEmptyVector = (vector: Uint8Array) => vector.length === 1 && vector[0] === 0;

export interface BoardContentOptions {
  readonly boardId: string;
  readonly logger: SyncLogger;
  /** Stored updates are kept packed until they reach this many bytes (or the state's size). */
  readonly foldAtBytes: number;
  /** A cold board's stored rows are sent as they are, in order, up to this many. */
  readonly maxRowsToSend: number;
}

/**
 * What a live board holds, as Yjs update bytes rather than a Y.Doc: the state it was loaded
 * with (the stored rows, built lazily into one update) and, packed into 4 KiB chunks, every
 * update stored since. The server never integrates an edit to relay it: it validates,
 * stores and forwards the bytes; only a joining client (the update she lacks, our state
 * vector) or a board near its size limit needs them merged. A document of a few hundred
 * cards costs tens of kilobytes of objects per board; the bytes cost what they weigh.
 *
 * One stored snapshot is used as it is; a snapshot with a short tail is sent to the first
 * joiners as its rows (`storedRowsFor`), and built right after. When the stored log is
 * compacted, its snapshot replaces what is held (`compacted`). Anything longer (a snapshot
 * and its tail, the packed updates once they weigh as much as the rest or `foldAtBytes`,
 * which a board whose compactions succeed does not reach) is built into a throwaway
 * document, in the order it was stored, and replaced by the document's encoded state:
 * deleted content collected, which is what a joiner should download. Building costs about
 * the size of the board, so doing it when the new updates double it keeps the cost per
 * stored byte constant. Not `Y.mergeUpdates`, which is quicker but keeps deleted text, and
 * which resolves two different structs sent under one id (a broken or hostile client)
 * otherwise than applying them in order does, as every connected client did.
 */
export class BoardContent {
  /** Built lazily into one; `rows.length === 1` once built. */
  private rows: Uint8Array[];
  private rowBytes: number;
  /** Updates stored since `rows`. */
  private packed = new PackedUpdates();
  private vector: Uint8Array | null = null;

  constructor(
    rows: readonly Uint8Array[],
    private readonly options: BoardContentOptions,
  ) {
    this.rows = [...rows];
    this.rowBytes = rows.reduce((sum, row) => sum + row.length, 0);
  }

  /** Bytes held: an upper bound of the size of the encoded state. */
  get bytes(): number {
    return this.rowBytes + this.packed.bytes;
  }

  /**
   * An update stored at or below `seq` (copied: the caller's bytes may be a view of a
   * network buffer).
   */
  append(update: Uint8Array, seq: number): void {
    this.packed.push(update, seq);
    this.vector = null;
    if (this.packed.bytes >= Math.max(this.options.foldAtBytes, this.rowBytes)) this.fold();
  }

  /**
   * The stored log was compacted into `snapshot`, which holds every row up to `throughSeq`:
   * it replaces what is held, except packed updates stored after it. No build needed, so a
   * board that compacts (every `compactThreshold` rows) never has to fold.
   */
  compacted(snapshot: Uint8Array, throughSeq: number): void {
    const before = this.packed;
    this.packed = new PackedUpdates();
    for (let i = 0; i < before.count; i++) {
      if (before.seqAt(i) > throughSeq) this.packed.push(before.at(i), before.seqAt(i));
    }
    this.setState(snapshot);
  }

  /** What a client with `stateVector` lacks, as one update. */
  missingFor(stateVector: Uint8Array): Uint8Array {
    const state = this.state();
    if (isEmptyVector(stateVector)) return state;
    try {
      return Y.diffUpdate(state, stateVector);
    } catch {
      // A client's state vector that Yjs cannot diff against (validated, so unlikely): all of it.
      return state;
    }
  }

  /**
   * A cold board's first answer without building anything: its stored rows as they are, in
   * stored order (a snapshot and the short tail a stopped server left), each reduced to what
   * the client lacks. A client applying them one after the other gets what applying the log
   * gives. Null once anything was appended or built, for one row (`missingFor` sends it as
   * it is), for a long log, or for rows Yjs cannot diff.
   */
  storedRowsFor(stateVector: Uint8Array): Uint8Array[] | null {
    const { rows } = this;
    if (this.packed.count > 0 || rows.length <= 1 || rows.length > this.options.maxRowsToSend) {
      return null;
    }
    if (isEmptyVector(stateVector)) return [...rows];
    try {
      return rows.map((row) => Y.diffUpdate(row, stateVector));
    } catch {
      return null;
    }
  }

  /** The state vector of everything held (what a client should send us is what lies past it). */
  stateVector(): Uint8Array {
    this.vector ??= Y.encodeStateVectorFromUpdate(this.state());
    return this.vector;
  }

  /** Whether `update` brings structs past what is held for some client (i.e. inserts). */
  isNewerThanHeld(update: Uint8Array): boolean {
    const held = Y.decodeStateVector(this.stateVector());
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      if (clock > (held.get(client) ?? 0)) return true;
    }
    return false;
  }

  /**
   * Builds the held updates into a document and keeps only its encoded state (deleted
   * content collected): the exact size a joining client receives. Returns that size.
   */
  fold(): number {
    this.setState(this.built());
    return this.rowBytes;
  }

  /** All of it as one update. */
  private state(): Uint8Array {
    this.unpack();
    if (this.rows.length === 0) return EMPTY_STATE;
    if (this.rows.length > 1) this.setState(this.built());
    return this.rows[0]!;
  }

  /** Moves the packed updates to `rows`, as views into their chunks (built right after). */
  private unpack(): void {
    const { packed } = this;
    if (packed.count === 0) return;
    for (let i = 0; i < packed.count; i++) this.rows.push(packed.at(i));
    this.rowBytes += packed.bytes;
    this.packed = new PackedUpdates();
  }

  private built(): Uint8Array {
    this.unpack();
    const doc = new Y.Doc();
    applyLog(doc, this.rows, this.options.boardId, this.options.logger);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  }

  private setState(state: Uint8Array): void {
    this.rows = [state];
    this.rowBytes = state.length;
    this.vector = null;
  }
}

/** Chunks updates are packed into: big enough for many, small enough to waste little. */
const CHUNK_BYTES = 4096;

/**
 * Updates back to back in 4 KiB chunks, with where each lies and the seq it is stored at or
 * below (its commit's last). Chunks are never copied as more come (no growing buffer to
 * reallocate), and an update costs its bytes plus four numbers.
 */
class PackedUpdates {
  private readonly chunks: Uint8Array[] = [];
  /** Bytes used in the last chunk. */
  private fill = 0;
  private readonly chunkOf: number[] = [];
  private readonly startOf: number[] = [];
  private readonly lengthOf: number[] = [];
  private readonly seqOf: number[] = [];
  bytes = 0;

  get count(): number {
    return this.lengthOf.length;
  }

  push(update: Uint8Array, seq: number): void {
    let chunk = this.chunks[this.chunks.length - 1];
    if (chunk === undefined || this.fill + update.length > chunk.length) {
      chunk = new Uint8Array(Math.max(CHUNK_BYTES, update.length));
      this.chunks.push(chunk);
      this.fill = 0;
    }
    chunk.set(update, this.fill);
    this.chunkOf.push(this.chunks.length - 1);
    this.startOf.push(this.fill);
    this.lengthOf.push(update.length);
    this.seqOf.push(seq);
    this.fill += update.length;
    this.bytes += update.length;
  }

  /** The `i`th update: a view into its chunk. */
  at(i: number): Uint8Array {
    const start = this.startOf[i]!;
    return this.chunks[this.chunkOf[i]!]!.subarray(start, start + this.lengthOf[i]!);
  }

  seqAt(i: number): number {
    return this.seqOf[i]!;
  }
}
