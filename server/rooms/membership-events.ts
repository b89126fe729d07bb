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
export class MembershipEvents extends EventEmitter<{ removed: [MemberRemoved] }> {}
