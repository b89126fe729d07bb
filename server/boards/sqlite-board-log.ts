import type SQLite from 'better-sqlite3';
import {
  type AppendOutcome,
  type BoardAppend,
  type BoardUpdateLog,
  UnknownBoardError,
} from '../yjs/board-store';

interface Prepared {
  appendMany: (appends: readonly BoardAppend[]) => AppendOutcome[];
  load: (boardId: string) => BoardUpdateLog | null;
  compact: (boardId: string, snapshot: Uint8Array, throughSeq: number) => void;
  count: SQLite.Statement<[string], { n: number }>;
}

/**
 * The board update log's hot queries as prepared statements on the raw SQLite connection:
 * the same SQL `SqlBoardStore` builds with Kysely, prepared once instead of per call.
 * Every method is synchronous, so it cannot interleave with anything; callers check
 * `available` first, because the connection is shared with Kysely, whose transactions
 * span promises (see `Store.sqlite`).
 */
export class SqliteBoardLog {
  private statements: Prepared | null = null;

  constructor(private readonly db: SQLite.Database) {}

  /** False while a Kysely transaction is open on the connection: then use Kysely. */
  get available(): boolean {
    return !this.db.inTransaction;
  }

  /** Every board's updates in one transaction; a board that does not exist is refused alone. */
  appendMany(appends: readonly BoardAppend[]): AppendOutcome[] {
    return this.prepared().appendMany(appends);
  }

  load(boardId: string): BoardUpdateLog | null {
    return this.prepared().load(boardId);
  }

  /**
   * Replaces rows ≤ `throughSeq` by the snapshot, in one synchronous transaction: a
   * compaction through Kysely would hold the shared connection in a transaction across
   * several event-loop turns, sending every append meanwhile down the slow path.
   */
  compact(boardId: string, snapshot: Uint8Array, throughSeq: number): void {
    this.prepared().compact(boardId, snapshot, throughSeq);
  }

  updateCount(boardId: string): number {
    return this.prepared().count.get(boardId)?.n ?? 0;
  }

  /** Prepared on first use: the tables exist only once the migrations ran. */
  private prepared(): Prepared {
    this.statements ??= this.prepare();
    return this.statements;
  }

  private prepare(): Prepared {
    const { db } = this;
    // The board's highest seq, read from the primary key's index: on SQLite appends do not
    // rewrite the board's row (`boards.last_seq`, which PostgreSQL's concurrent writers
    // need), a page fewer in the WAL per board and commit. Safe because SQLite has one
    // writer at a time and appends begin with the write lock (`immediate` below).
    const last = db.prepare<[string], { last: number | null }>(
      'select max("seq") as "last" from "board_updates" where "board_id" = ?',
    );
    const insert = db.prepare<[string, number, Uint8Array]>(
      'insert into "board_updates" ("board_id", "seq", "data") values (?, ?, ?)',
    );
    const board = db.prepare<[string], { id: string }>('select "id" from "boards" where "id" = ?');
    const rows = db
      .prepare<[string]>(
        'select "seq", "data" from "board_updates" where "board_id" = ? order by "seq"',
      )
      // Arrays rather than row objects: 20,000 rows make 20,000 fewer objects to collect.
      .raw();
    const appendMany = db.transaction((appends: readonly BoardAppend[]) =>
      appends.map(({ boardId, updates }): AppendOutcome => {
        if (!board.get(boardId)) return { ok: false, error: new UnknownBoardError(boardId) };
        let seq = last.get(boardId)?.last ?? 0;
        for (const data of updates) insert.run(boardId, ++seq, data);
        return { ok: true, throughSeq: seq };
      }),
    );
    const removeThrough = db.prepare<[string, number]>(
      'delete from "board_updates" where "board_id" = ? and "seq" <= ?',
    );
    const compact = db.transaction((boardId: string, snapshot: Uint8Array, throughSeq: number) => {
      if (!board.get(boardId)) throw new UnknownBoardError(boardId);
      removeThrough.run(boardId, throughSeq);
      insert.run(boardId, throughSeq, snapshot);
    });
    return {
      appendMany: (appends) => appendMany.immediate(appends),
      compact: (boardId, snapshot, throughSeq) => compact.immediate(boardId, snapshot, throughSeq),
      load: db.transaction((boardId: string): BoardUpdateLog | null => {
        if (!board.get(boardId)) return null;
        const found = rows.all(boardId) as unknown as [number, Buffer][];
        // The Buffers as they come (a Buffer is a Uint8Array): taking a view of each one
        // through `.buffer` costs more than reading the row (30 ms for 20,000 rows).
        const updates: Uint8Array[] = found.map(([, data]) => data);
        return { updates, throughSeq: found.at(-1)?.[0] ?? 0 };
      }),
      count: db.prepare<[string], { n: number }>(
        'select count(*) as "n" from "board_updates" where "board_id" = ?',
      ),
    };
  }
}
