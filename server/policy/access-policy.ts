import type { Store } from '../store/database';
import type { ProgramRole, RoomKind } from '../store/schema';
import type { Principal } from '../auth/principal';

/** What a person may do with a board: edit it, read it, or nothing. */
export type BoardLevel = 'write' | 'read';

export interface RoomFacts {
  id: string;
  programId: string;
  kind: RoomKind;
  boardId: string;
  archived: boolean;
  sharedWithFacilitators: boolean;
  /** Her membership in the room, if any and not removed. */
  roomRole: ProgramRole | null;
  /** Her role in the room's program, if any and not removed. */
  programRole: ProgramRole | null;
}

export type Decision<T> = { ok: true; value: T } | { ok: false; reason: 'not_found' | 'forbidden' };

const allow = <T>(value: T): Decision<T> => ({ ok: true, value });
const deny = (reason: 'not_found' | 'forbidden'): Decision<never> => ({ ok: false, reason });

/**
 * The rules, as pure functions of facts, so REST, Socket.IO and the Yjs endpoint all ask
 * the same question and get the same answer. Confidential by default: a room's content
 * (board, chat, live session) belongs to its members. A facilitator of the program sees a
 * pair's board read-only, and only when the pair shared it; an admin runs the organisation
 * and sees no room's content.
 */
export const rules = {
  boardLevel(room: RoomFacts): Decision<BoardLevel> {
    if (room.roomRole !== null) return allow(room.archived ? 'read' : 'write');
    if (room.programRole === 'facilitator' && room.kind === 'pair' && room.sharedWithFacilitators) {
      return allow('read');
    }
    return deny('forbidden');
  },

  /** Join the live room: presence, chat, turns. Members only. */
  canJoinLive(room: RoomFacts): boolean {
    return room.roomRole !== null && !room.archived;
  },

  /** Who met, when and how often: facilitators of the program, and the members. */
  canSeeRoomMetadata(room: RoomFacts, principal: Pick<Principal, 'isAdmin'>): boolean {
    return room.roomRole !== null || room.programRole === 'facilitator' || principal.isAdmin;
  },

  /**
   * How a refusal reads: `forbidden` for a room she knows of (she may see its metadata), and
   * for any other as if it did not exist, so that no answer tells an outsider an id is real.
   */
  refusal(room: RoomFacts, principal: Pick<Principal, 'isAdmin'>): 'forbidden' | 'not_found' {
    return rules.canSeeRoomMetadata(room, principal) ? 'forbidden' : 'not_found';
  },

  canManageRoom(room: RoomFacts, principal: Principal): boolean {
    return room.programRole === 'facilitator' || principal.isAdmin;
  },

  canShareBoard(room: RoomFacts): boolean {
    return room.roomRole === 'participant' && room.kind === 'pair';
  },
};

/** Loads the facts the rules need, in one query per question. */
export class AccessPolicy {
  constructor(private readonly store: Store) {}

  async roomFacts(principal: Principal, where: { roomId: string } | { boardId: string }) {
    const { db } = this.store;
    let query = db
      .selectFrom('rooms')
      .leftJoin('room_members as rm', (join) =>
        join
          .onRef('rm.room_id', '=', 'rooms.id')
          .on('rm.user_id', '=', principal.userId)
          .on('rm.removed_at', 'is', null),
      )
      .leftJoin('program_members as pm', (join) =>
        join
          .onRef('pm.program_id', '=', 'rooms.program_id')
          .on('pm.user_id', '=', principal.userId)
          .on('pm.removed_at', 'is', null),
      )
      .select([
        'rooms.id',
        'rooms.program_id',
        'rooms.kind',
        'rooms.board_id',
        'rooms.archived_at',
        'rooms.shared_with_facilitators',
        'rm.role as room_role',
        'pm.role as program_role',
      ]);
    query =
      'roomId' in where
        ? query.where('rooms.id', '=', where.roomId)
        : query.where('rooms.board_id', '=', where.boardId);
    const row = await query.executeTakeFirst();
    if (!row) return null;
    const facts: RoomFacts = {
      id: row.id,
      programId: row.program_id,
      kind: row.kind,
      boardId: row.board_id,
      archived: row.archived_at !== null,
      sharedWithFacilitators: row.shared_with_facilitators === 1,
      roomRole: row.room_role ?? null,
      programRole: row.program_role ?? null,
    };
    return facts;
  }

  async boardLevel(principal: Principal, boardId: string): Promise<Decision<BoardLevel>> {
    const facts = await this.roomFacts(principal, { boardId });
    if (!facts) return deny('not_found');
    const level = rules.boardLevel(facts);
    return level.ok ? level : deny(rules.refusal(facts, principal));
  }

  /** Her own role in a program, or null. Admins get no implicit membership here. */
  async programMembership(principal: Principal, programId: string): Promise<ProgramRole | null> {
    const row = await this.store.db
      .selectFrom('program_members')
      .select('role')
      .where('program_id', '=', programId)
      .where('user_id', '=', principal.userId)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return row?.role ?? null;
  }
}
