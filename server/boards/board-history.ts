import * as Y from 'yjs';
import type { BoardSnapshotContent, BoardSnapshotSummary } from '../../shared/schemas/boards';
import { newId } from '../auth/secrets';
import type { Store } from '../store/database';
import { UnknownBoardError } from '../yjs/board-store';
import { docFromLog } from '../yjs/compaction';
import type { SyncLogger } from '../yjs/types';
import { SqlBoardStore } from './sql-board-store';

declare module '../store/schema' {
  interface Database {
    board_snapshots: BoardSnapshotsTable;
  }
}

export interface BoardSnapshotsTable {
  id: string;
  board_id: string;
  name: string;
  created_by: string | null;
  created_at: number;
  data: Uint8Array;
}

const summary = (row: Omit<BoardSnapshotsTable, 'data'>): BoardSnapshotSummary => ({
  id: row.id,
  boardId: row.board_id,
  name: row.name,
  createdBy: row.created_by,
  createdAt: Number(row.created_at),
});

/**
 * Named snapshots of boards: the board's history that members revisit. A snapshot is the
 * stored log built in stored order (as every client applied it, and as the live board and
 * compaction build it: `docFromLog`) and encoded as one Yjs update, so it holds exactly what
 * had been stored (and so relayed) when it was taken. Transport-free; who may call what is
 * the routes' business.
 */
export class BoardHistory {
  private readonly boards: SqlBoardStore;

  constructor(
    private readonly store: Store,
    private readonly logger: SyncLogger,
  ) {
    this.boards = new SqlBoardStore(store);
  }

  /** The board as stored now, as one update; throws UnknownBoardError for no such board. */
  async currentUpdate(boardId: string): Promise<Uint8Array> {
    const doc = await this.currentDoc(boardId);
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return update;
  }

  /** The board as stored now, in a fresh document. */
  async currentDoc(boardId: string): Promise<Y.Doc> {
    const log = await this.boards.load(boardId);
    if (!log) throw new UnknownBoardError(boardId);
    return docFromLog(log, boardId, this.logger);
  }

  /**
   * Stores the board as it is now under `name`. The live-session module calls this when a
   * mentoring session ends (createdBy null); members take snapshots through the API.
   */
  async snapshot(
    boardId: string,
    name: string,
    createdBy: string | null = null,
  ): Promise<BoardSnapshotSummary> {
    const data = await this.currentUpdate(boardId);
    const row = {
      id: newId(),
      board_id: boardId,
      name,
      created_by: createdBy,
      created_at: Date.now(),
    };
    await this.store.db
      .insertInto('board_snapshots')
      .values({ ...row, data })
      .execute();
    return summary(row);
  }

  /** Newest first. */
  async list(boardId: string): Promise<BoardSnapshotSummary[]> {
    const rows = await this.store.db
      .selectFrom('board_snapshots')
      .select(['id', 'board_id', 'name', 'created_by', 'created_at'])
      .where('board_id', '=', boardId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(summary);
  }

  async get(boardId: string, snapshotId: string): Promise<BoardSnapshotContent | null> {
    const row = await this.store.db
      .selectFrom('board_snapshots')
      .selectAll()
      .where('board_id', '=', boardId)
      .where('id', '=', snapshotId)
      .executeTakeFirst();
    if (!row) return null;
    const data = new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
    return { ...summary(row), update: Buffer.from(data).toString('base64') };
  }
}
