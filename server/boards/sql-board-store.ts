import type { Transaction } from 'kysely';
import type { Store } from '../store/database';
import type { Database } from '../store/schema';
import {
  appendEachInTurn,
  type AppendOutcome,
  type BoardAppend,
  type BoardUpdateLog,
  type BoardUpdateStore,
  type StoredRow,
  UnknownBoardError,
} from '../yjs/board-store';
import { SqliteBoardLog } from './sqlite-board-log';

declare module '../store/schema' {
  interface Database {
    boards: BoardsTable;
    board_updates: BoardUpdatesTable;
  }
}

export interface BoardsTable {
  id: string;
  kind: 'pair' | 'circle';
  /**
   * Highest sequence number handed out, bumped in the same transaction as each append on
   * PostgreSQL. SQLite numbers after the highest stored row instead (`SqliteBoardLog`).
   */
  last_seq: number;
  created_at: number;
}

export interface BoardUpdatesTable {
  board_id: string;
  seq: number;
  data: Uint8Array;
}

const bytes = (value: Uint8Array) =>
  new Uint8Array(value.buffer, value.byteOffset, value.byteLength);

/**
 * The board update log over Kysely: the same queries on SQLite and PostgreSQL. On SQLite,
 * appends, loads and counts run as prepared statements on the raw connection instead
 * (`SqliteBoardLog`): they are the server's hottest queries, and Kysely builds, compiles and
 * prepares every query anew (about half of the server's CPU under the live-room benchmark
 * went there). The Kysely versions remain the reference and serve while a Kysely
 * transaction holds the connection.
 */
export class SqlBoardStore implements BoardUpdateStore {
  private readonly fast: SqliteBoardLog | null;

  constructor(private readonly store: Store) {
    this.fast = store.sqlite ? new SqliteBoardLog(store.sqlite) : null;
  }

  async create(boardId: string, kind: BoardsTable['kind'], db = this.store.db): Promise<void> {
    await db
      .insertInto('boards')
      .values({ id: boardId, kind, last_seq: 0, created_at: Date.now() })
      .execute();
  }

  async load(boardId: string): Promise<BoardUpdateLog | null> {
    if (this.fast?.available) return this.fast.load(boardId);
    // Every row: seqs start at 1, and a snapshot stands at the seq of the last row it took.
    const rows = await this.rowsAfter(boardId, 0);
    if (rows === null) return null;
    return { updates: rows.map((row) => row.update), throughSeq: rows.at(-1)?.seq ?? 0 };
  }

  async append(boardId: string, updates: readonly Uint8Array[]): Promise<number> {
    if (updates.length === 0) throw new Error('append needs at least one update');
    if (this.fast?.available) {
      const [outcome] = this.fast.appendMany([{ boardId, updates }]);
      if (!outcome!.ok) throw outcome!.error;
      return outcome!.throughSeq;
    }
    if (this.store.dialect === 'sqlite') return this.appendAfterLast(boardId, updates);
    return this.store.db.transaction().execute(async (tx) => {
      const bumped = await tx
        .updateTable('boards')
        .set((eb) => ({ last_seq: eb('last_seq', '+', updates.length) }))
        .where('id', '=', boardId)
        .returning('last_seq')
        .executeTakeFirst();
      if (!bumped) throw new UnknownBoardError(boardId);
      const first = bumped.last_seq - updates.length + 1;
      await tx
        .insertInto('board_updates')
        .values(updates.map((data, i) => ({ board_id: boardId, seq: first + i, data })))
        .execute();
      return bumped.last_seq;
    });
  }

  /**
   * SQLite numbers appends after the board's highest stored seq, as `SqliteBoardLog` does
   * (`boards.last_seq` is PostgreSQL's): both paths must agree, and SQLite's single writer
   * makes the read and the insert one step.
   */
  private appendAfterLast(boardId: string, updates: readonly Uint8Array[]): Promise<number> {
    return this.store.db.transaction().execute(async (tx) => {
      await requireBoard(tx, boardId);
      const row = await tx
        .selectFrom('board_updates')
        .select((eb) => eb.fn.max('seq').as('last'))
        .where('board_id', '=', boardId)
        .executeTakeFirst();
      const first = Number(row?.last ?? 0) + 1;
      await tx
        .insertInto('board_updates')
        .values(updates.map((data, i) => ({ board_id: boardId, seq: first + i, data })))
        .execute();
      return first + updates.length - 1;
    });
  }

  /**
   * Several boards' appends in one transaction on SQLite (one commit instead of one per
   * board); elsewhere, or while a Kysely transaction holds the connection, board by board.
   */
  async appendMany(appends: readonly BoardAppend[]): Promise<AppendOutcome[]> {
    for (const { updates } of appends) {
      if (updates.length === 0) throw new Error('append needs at least one update');
    }
    if (this.fast?.available) return this.fast.appendMany(appends);
    return appendEachInTurn(this, appends);
  }

  async rowsAfter(boardId: string, afterSeq: number): Promise<StoredRow[] | null> {
    return this.store.db.transaction().execute(async (tx) => {
      const board = await tx
        .selectFrom('boards')
        .select('id')
        .where('id', '=', boardId)
        .executeTakeFirst();
      if (!board) return null;
      const rows = await tx
        .selectFrom('board_updates')
        .select(['seq', 'data'])
        .where('board_id', '=', boardId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .execute();
      return rows.map((r) => ({ seq: Number(r.seq), update: bytes(r.data) }));
    });
  }

  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    if (this.fast?.available) {
      this.fast.compact(boardId, snapshot, throughSeq);
      return;
    }
    await this.store.db.transaction().execute(async (tx) => {
      await requireBoard(tx, boardId);
      await tx
        .deleteFrom('board_updates')
        .where('board_id', '=', boardId)
        .where('seq', '<=', throughSeq)
        .execute();
      // Another process may have compacted through the same seq at the same time: both
      // snapshots hold every row up to it, so either may stand.
      await tx
        .insertInto('board_updates')
        .values({ board_id: boardId, seq: throughSeq, data: snapshot })
        .onConflict((oc) =>
          oc.columns(['board_id', 'seq']).doUpdateSet({ data: (eb) => eb.ref('excluded.data') }),
        )
        .execute();
    });
  }

  async updateCount(boardId: string): Promise<number> {
    if (this.fast?.available) return this.fast.updateCount(boardId);
    const row = await this.store.db
      .selectFrom('board_updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('board_id', '=', boardId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

/** Throws `UnknownBoardError` unless the board exists (inside the caller's transaction). */
async function requireBoard(tx: Transaction<Database>, boardId: string): Promise<void> {
  const board = await tx
    .selectFrom('boards')
    .select('id')
    .where('id', '=', boardId)
    .executeTakeFirst();
  if (!board) throw new UnknownBoardError(boardId);
}
