export { BoardSyncServer } from './board-sync-server';
export { UnknownBoardError, type BoardUpdateLog, type BoardUpdateStore } from './board-store';
export { MemoryBoardStore } from './memory-board-store';
export type { BoardPeerHandlers, BoardPeers } from './board-peers';
export type {
  AuthorizeResult,
  BoardPrincipal,
  BoardSyncServerOptions,
  RateLimit,
  SaveState,
  SyncLogger,
} from './types';
