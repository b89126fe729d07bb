import * as Y from 'yjs';
import { readCard } from '../../shared/board';
import { SqlBoardStore } from '../../server/boards/sql-board-store';
import { openStore } from '../../server/store/database';

/**
 * Cards expected on each board (board id → card ids) that its stored log does not hold,
 * read from the data folder with no server running.
 */
export async function missingCards(
  dataDir: string,
  expected: ReadonlyMap<string, readonly string[]>,
): Promise<number> {
  const store = openStore({ dataDir, databaseUrl: undefined });
  try {
    const boards = new SqlBoardStore(store);
    let missing = 0;
    for (const [boardId, cardIds] of expected) {
      const log = await boards.load(boardId);
      const doc = new Y.Doc();
      for (const update of log?.updates ?? []) Y.applyUpdate(doc, update);
      missing += cardIds.filter((id) => readCard(doc, id) === null).length;
      doc.destroy();
    }
    return missing;
  } finally {
    await store.close();
  }
}
