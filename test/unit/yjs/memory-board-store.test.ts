import { MemoryBoardStore } from '../../../server/yjs/memory-board-store';
import { describeBoardUpdateStoreContract } from './board-update-store-contract';

describeBoardUpdateStoreContract('MemoryBoardStore', async () => {
  const store = new MemoryBoardStore();
  return { store, createBoard: async (boardId) => store.createBoard(boardId) };
});
