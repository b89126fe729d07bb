import {
  UnknownBoardError,
  type BoardUpdateLog,
  type BoardUpdateStore,
  type StoredRow,
} from './board-store';

interface BoardLog {
  rows: StoredRow[];
  lastSeq: number;
}

/**
 * In-process `BoardUpdateStore` for tests and as the reference for other implementations.
 * Every method completes within one synchronous step, which is what makes `append` and
 * `compact` atomic here; a database implementation uses a transaction instead.
 */
export class MemoryBoardStore implements BoardUpdateStore {
  private readonly boards = new Map<string, BoardLog>();

  /** Boards are created by the domain, not by the sync server. */
  createBoard(boardId: string, initialUpdates: readonly Uint8Array[] = []): void {
    if (this.boards.has(boardId)) return;
    const log: BoardLog = { rows: [], lastSeq: 0 };
    for (const update of initialUpdates) {
      log.lastSeq += 1;
      log.rows.push({ seq: log.lastSeq, update: update.slice() });
    }
    this.boards.set(boardId, log);
  }

  hasBoard(boardId: string): boolean {
    return this.boards.has(boardId);
  }

  deleteBoard(boardId: string): void {
    this.boards.delete(boardId);
  }

  async load(boardId: string): Promise<BoardUpdateLog | null> {
    const log = this.boards.get(boardId);
    if (log === undefined) return null;
    const last = log.rows.at(-1);
    return {
      updates: log.rows.map((row) => row.update.slice()),
      throughSeq: last === undefined ? 0 : last.seq,
    };
  }

  async append(boardId: string, updates: readonly Uint8Array[]): Promise<number> {
    const log = this.requireBoard(boardId);
    for (const update of updates) {
      log.lastSeq += 1;
      log.rows.push({ seq: log.lastSeq, update: update.slice() });
    }
    return log.lastSeq;
  }

  async rowsAfter(boardId: string, afterSeq: number): Promise<StoredRow[] | null> {
    const log = this.boards.get(boardId);
    if (log === undefined) return null;
    return log.rows
      .filter((row) => row.seq > afterSeq)
      .map((row) => ({ seq: row.seq, update: row.update.slice() }));
  }

  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const log = this.requireBoard(boardId);
    const kept = log.rows.filter((row) => row.seq > throughSeq);
    log.rows = [{ seq: throughSeq, update: snapshot.slice() }, ...kept];
  }

  async updateCount(boardId: string): Promise<number> {
    return this.boards.get(boardId)?.rows.length ?? 0;
  }

  private requireBoard(boardId: string): BoardLog {
    const log = this.boards.get(boardId);
    if (log === undefined) throw new UnknownBoardError(boardId);
    return log;
  }
}
