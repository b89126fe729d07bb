import { boardToMarkdown, readBoard } from '../../shared/board';
import type { BoardExport } from '../../shared/schemas/boards';
import type { Store } from '../store/database';
import type { BoardHistory } from './board-history';

/** The board's members with their names, her goal lanes in the order they joined. */
async function boardMembers(store: Store, boardId: string) {
  return store.db
    .selectFrom('rooms')
    .innerJoin('room_members as rm', 'rm.room_id', 'rooms.id')
    .innerJoin('users', 'users.id', 'rm.user_id')
    .select(['users.id as userId', 'users.display_name as displayName'])
    .where('rooms.board_id', '=', boardId)
    .orderBy('rm.added_at')
    .orderBy('users.id')
    .execute();
}

/** JSON and Markdown of the board as stored now, read through the shared board model. */
export async function exportBoard(
  store: Store,
  history: BoardHistory,
  boardId: string,
): Promise<BoardExport> {
  const members = await boardMembers(store, boardId);
  const doc = await history.currentDoc(boardId);
  const board = readBoard(
    doc,
    members.map((m) => m.userId),
  );
  const names = new Map(members.map((m) => [m.userId, m.displayName]));
  const markdown = boardToMarkdown(board, (id) => names.get(id) ?? id);
  doc.destroy();
  const slug =
    board.meta.title
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'board';
  return {
    filename: `${slug}-${new Date().toISOString().slice(0, 10)}`,
    markdown,
    board: { ...board, members },
  };
}
