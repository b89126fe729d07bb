import { SqlBoardStore } from '../../../server/boards/sql-board-store';
import { openStore, type Store } from '../../../server/store/database';
import { migrateToLatest } from '../../../server/store/migrate';
import { createTempDatabase } from '../../helpers/postgres';
import { tempDir } from '../../helpers/temp-dir';
import { describeBoardUpdateStoreContract } from '../../unit/yjs/board-update-store-contract';

async function subject(store: Store, cleanup: () => Promise<void>) {
  await migrateToLatest(store.db);
  const boards = new SqlBoardStore(store);
  return {
    store: boards,
    createBoard: (boardId: string) => boards.create(boardId, 'pair'),
    async teardown() {
      await store.close();
      await cleanup();
    },
  };
}

describeBoardUpdateStoreContract('SQLite', async () => {
  const dir = tempDir();
  return subject(openStore({ dataDir: dir.path, databaseUrl: undefined }), async () =>
    dir.remove(),
  );
});

describeBoardUpdateStoreContract('PostgreSQL', async () => {
  const database = await createTempDatabase();
  return subject(openStore({ dataDir: '', databaseUrl: database.url }), () => database.drop());
});
