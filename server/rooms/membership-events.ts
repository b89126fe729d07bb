import { EventEmitter } from 'node:events';

export interface MemberRemoved {
  roomId: string;
  boardId: string;
  userId: string;
}

/**
 * Tells the live transports that someone lost access to a room, so that her Socket.IO
 * and /yjs connections to it end at once instead of at her next request.
 */
export interface RoomArchived {
  roomId: string;
  boardId: string;
}

/**
 * `archived`: a room was archived, so its board became read-only for everyone; board
 * connections opened as writers end (4403 `archived`) and reopen read-only.
 */
export class MembershipEvents extends EventEmitter<{
  removed: [MemberRemoved];
  archived: [RoomArchived];
}> {}
