import '../zod-setup';
import { z } from 'zod';
import { Id } from './common';
import { ProgramRole } from './programs';

export const RoomKind = z.enum(['pair', 'circle']);

export const RoomCreate = z
  .object({
    kind: RoomKind,
    title: z.string().trim().min(1, 'room_title_required').max(120, 'room_title_too_long'),
    memberIds: z.array(Id).min(2).max(30),
  })
  .meta({ id: 'RoomCreate' });
export type RoomCreate = z.infer<typeof RoomCreate>;

export const RoomMember = z.object({ userId: Id, displayName: z.string(), role: ProgramRole });

export const Room = z
  .object({
    id: Id,
    programId: Id,
    programName: z.string(),
    kind: RoomKind,
    title: z.string(),
    /** Present when she may open the board. */
    boardId: Id.nullable(),
    boardAccess: z.enum(['write', 'read']).nullable(),
    archived: z.boolean(),
    sharedWithFacilitators: z.boolean(),
    members: z.array(RoomMember),
    createdAt: z.number().int(),
  })
  .meta({ id: 'Room' });
export type Room = z.infer<typeof Room>;

export const RoomList = z.object({ rooms: z.array(Room) }).meta({ id: 'RoomList' });
export const RoomParams = z.object({ roomId: Id });
export const RoomMemberParams = z.object({ roomId: Id, userId: Id });
export const RoomArchive = z.object({ archived: z.boolean() }).meta({ id: 'RoomArchive' });
export const RoomShare = z.object({ shared: z.boolean() }).meta({ id: 'RoomShare' });
