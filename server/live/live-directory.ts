import type { LiveMember } from '../../shared/schemas/live';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors';
import { AccessPolicy, rules } from '../policy/access-policy';
import type { Store } from '../store/database';
import type { LiveRoomFacts } from './mentoring-session';

export interface LiveRoom extends LiveRoomFacts {
  programId: string;
  title: string;
  members: LiveMember[];
}

function profilePlace(data: string | null): { city: string | null; timeZone: string | null } {
  if (!data) return { city: null, timeZone: null };
  try {
    const p = JSON.parse(data) as { city?: unknown; timeZone?: unknown };
    return {
      city: typeof p.city === 'string' ? p.city : null,
      timeZone: typeof p.timeZone === 'string' ? p.timeZone : null,
    };
  } catch {
    return { city: null, timeZone: null };
  }
}

/** Who may enter a live room, and who its members are. Asked at every join. */
export class LiveDirectory {
  private readonly policy: AccessPolicy;

  constructor(private readonly store: Store) {
    this.policy = new AccessPolicy(store);
  }

  /**
   * The room when she may join it live; AppError otherwise: `forbidden` for a room she knows
   * of, `not_found` for one she does not (`rules.refusal`), exactly as for an unknown id.
   */
  async admit(who: Pick<Principal, 'userId' | 'isAdmin'>, roomId: string): Promise<LiveRoom> {
    // roomFacts reads only the principal's userId.
    const facts = await this.policy.roomFacts(who as Principal, { roomId });
    if (!facts) throw new AppError('not_found', 'No such room.');
    if (!rules.canJoinLive(facts)) {
      throw rules.refusal(facts, who) === 'forbidden'
        ? new AppError('forbidden', 'This room is for its members.')
        : new AppError('not_found', 'No such room.');
    }
    const room = await this.room(roomId);
    if (!room) throw new AppError('not_found', 'No such room.');
    return room;
  }

  async room(roomId: string): Promise<LiveRoom | null> {
    const { db } = this.store;
    const room = await db
      .selectFrom('rooms')
      .select(['id', 'program_id', 'kind', 'title'])
      .where('id', '=', roomId)
      .executeTakeFirst();
    if (!room) return null;
    const rows = await db
      .selectFrom('room_members as rm')
      .innerJoin('users as u', 'u.id', 'rm.user_id')
      .leftJoin('profiles as p', 'p.user_id', 'rm.user_id')
      .select(['rm.user_id', 'rm.role', 'u.display_name', 'p.data'])
      .where('rm.room_id', '=', roomId)
      .where('rm.removed_at', 'is', null)
      .orderBy('rm.added_at')
      .orderBy('rm.user_id')
      .execute();
    return {
      id: room.id,
      programId: room.program_id,
      kind: room.kind,
      title: room.title,
      members: rows.map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        role: r.role,
        ...profilePlace(r.data),
      })),
    };
  }
}
