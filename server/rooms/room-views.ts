import type { Principal } from '../auth/principal';
import { AppError } from '../errors';
import { type AccessPolicy, rules } from '../policy/access-policy';
import type { Store } from '../store/database';
import type { Room } from '../../shared/schemas/rooms';

/** Rooms as one person may see them: content links only where the policy allows. */
export class RoomViews {
  constructor(
    private readonly store: Store,
    private readonly policy: AccessPolicy,
  ) {}

  private async build(principal: Principal, roomIds: string[]): Promise<Room[]> {
    if (roomIds.length === 0) return [];
    const { db } = this.store;
    const rows = await db
      .selectFrom('rooms')
      .innerJoin('programs', 'programs.id', 'rooms.program_id')
      .select([
        'rooms.id',
        'rooms.program_id',
        'programs.name as program_name',
        'rooms.kind',
        'rooms.title',
        'rooms.created_at',
      ])
      .where('rooms.id', 'in', roomIds)
      .orderBy('rooms.created_at', 'desc')
      .execute();
    const members = await db
      .selectFrom('room_members')
      .innerJoin('users', 'users.id', 'room_members.user_id')
      .select(['room_members.room_id', 'users.id', 'users.display_name', 'room_members.role'])
      .where('room_members.room_id', 'in', roomIds)
      .where('room_members.removed_at', 'is', null)
      .orderBy('users.display_name')
      .execute();
    const rooms: Room[] = [];
    for (const row of rows) {
      const facts = (await this.policy.roomFacts(principal, { roomId: row.id }))!;
      const level = rules.boardLevel(facts);
      rooms.push({
        id: row.id,
        programId: row.program_id,
        programName: row.program_name,
        kind: row.kind,
        title: row.title,
        boardId: level.ok ? facts.boardId : null,
        boardAccess: level.ok ? level.value : null,
        archived: facts.archived,
        sharedWithFacilitators: facts.sharedWithFacilitators,
        members: members
          .filter((m) => m.room_id === row.id)
          .map((m) => ({ userId: m.id, displayName: m.display_name, role: m.role })),
        createdAt: row.created_at,
      });
    }
    return rooms;
  }

  async mine(principal: Principal): Promise<Room[]> {
    const ids = await this.store.db
      .selectFrom('room_members')
      .select('room_id')
      .where('user_id', '=', principal.userId)
      .where('removed_at', 'is', null)
      .execute();
    return this.build(
      principal,
      ids.map((r) => r.room_id),
    );
  }

  async ofProgram(principal: Principal, programId: string): Promise<Room[]> {
    const ids = await this.store.db
      .selectFrom('rooms')
      .select('id')
      .where('program_id', '=', programId)
      .execute();
    return this.build(
      principal,
      ids.map((r) => r.id),
    );
  }

  /** One room if she may see at least its metadata; else not_found (existence is not leaked). */
  async one(principal: Principal, roomId: string): Promise<Room> {
    const facts = await this.policy.roomFacts(principal, { roomId });
    if (!facts || !rules.canSeeRoomMetadata(facts, principal))
      throw new AppError('not_found', 'No such room.');
    return (await this.build(principal, [roomId]))[0]!;
  }
}
