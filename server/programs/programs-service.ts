import type { Principal } from '../auth/principal';
import { AppError } from '../errors';
import type { AccessPolicy } from '../policy/access-policy';
import type { MembershipEvents } from '../rooms/membership-events';
import type { RoomsService } from '../rooms/rooms-service';
import type { Store } from '../store/database';
import type { Program, ProgramInput } from '../../shared/schemas/programs';

interface ProgramRow {
  id: string;
  name: string;
  description: string;
  languages: string;
  starts_on: string | null;
  ends_on: string | null;
  is_demo: number;
}

/** Programs as their members and admins see them. Transport-free. */
export class ProgramsService {
  constructor(
    private readonly store: Store,
    private readonly policy: AccessPolicy,
    private readonly rooms: RoomsService,
    private readonly membership: MembershipEvents,
  ) {}

  private async counts(programIds: string[]) {
    if (programIds.length === 0) return new Map<string, { participants: number; rooms: number }>();
    const { db } = this.store;
    const participants = await db
      .selectFrom('program_members')
      .select(['program_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('program_id', 'in', programIds)
      .where('role', '=', 'participant')
      .where('removed_at', 'is', null)
      .groupBy('program_id')
      .execute();
    const rooms = await db
      .selectFrom('rooms')
      .select(['program_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('program_id', 'in', programIds)
      .groupBy('program_id')
      .execute();
    const out = new Map(programIds.map((id) => [id, { participants: 0, rooms: 0 }]));
    for (const r of participants) out.get(r.program_id)!.participants = Number(r.n);
    for (const r of rooms) out.get(r.program_id)!.rooms = Number(r.n);
    return out;
  }

  private toProgram(
    row: ProgramRow,
    myRole: Program['myRole'],
    counts: { participants: number; rooms: number },
  ): Program {
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      languages: JSON.parse(row.languages) as string[],
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      isDemo: row.is_demo === 1,
      myRole,
      participantCount: counts.participants,
      roomCount: counts.rooms,
    };
  }

  async list(principal: Principal): Promise<Program[]> {
    const { db } = this.store;
    const base = db
      .selectFrom('programs')
      .leftJoin('program_members as pm', (j) =>
        j
          .onRef('pm.program_id', '=', 'programs.id')
          .on('pm.user_id', '=', principal.userId)
          .on('pm.removed_at', 'is', null),
      )
      .select([
        'programs.id',
        'name',
        'description',
        'languages',
        'starts_on',
        'ends_on',
        'is_demo',
        'pm.role as role',
      ])
      .where('programs.archived_at', 'is', null)
      .orderBy('programs.created_at', 'desc');
    const rows = await (principal.isAdmin ? base : base.where('pm.role', 'is not', null)).execute();
    const counts = await this.counts(rows.map((r) => r.id));
    return rows.map((r) => this.toProgram(r, r.role ?? null, counts.get(r.id)!));
  }

  async create(
    principal: Principal,
    input: ProgramInput & {
      languages: string[];
      description: string;
      startsOn: string | null;
      endsOn: string | null;
    },
  ) {
    if (!principal.isFacilitator)
      throw new AppError('forbidden', 'Only facilitators create programs.');
    const id = await this.rooms.createProgram(principal.userId, input);
    return this.get(principal, id);
  }

  async get(principal: Principal, programId: string): Promise<Program> {
    const role = await this.policy.programMembership(principal, programId);
    if (!role && !principal.isAdmin) throw new AppError('not_found', 'No such program.');
    const row = await this.store.db
      .selectFrom('programs')
      .select(['id', 'name', 'description', 'languages', 'starts_on', 'ends_on', 'is_demo'])
      .where('id', '=', programId)
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No such program.');
    return this.toProgram(row, role, (await this.counts([programId])).get(programId)!);
  }

  /** Throws unless she facilitates the program (or is an admin). */
  async requireFacilitator(principal: Principal, programId: string): Promise<void> {
    const role = await this.policy.programMembership(principal, programId);
    if (role === 'facilitator' || principal.isAdmin) {
      const exists = await this.store.db
        .selectFrom('programs')
        .select('id')
        .where('id', '=', programId)
        .executeTakeFirst();
      if (exists) return;
      throw new AppError('not_found', 'No such program.');
    }
    throw new AppError(
      role ? 'forbidden' : 'not_found',
      role ? 'Only its facilitators can do this.' : 'No such program.',
    );
  }

  async members(principal: Principal, programId: string) {
    await this.requireFacilitator(principal, programId);
    const rows = await this.store.db
      .selectFrom('program_members as pm')
      .innerJoin('users', 'users.id', 'pm.user_id')
      .leftJoin('profiles', 'profiles.user_id', 'pm.user_id')
      .select(['users.id', 'users.display_name', 'pm.role', 'profiles.data'])
      .where('pm.program_id', '=', programId)
      .where('pm.removed_at', 'is', null)
      .where('users.deleted_at', 'is', null)
      .orderBy('users.display_name')
      .execute();
    return rows.map((r) => {
      const profile = r.data
        ? (JSON.parse(r.data) as {
            country?: string | null;
            city?: string | null;
            offers?: string[];
            wants?: string[];
            timeZone?: string | null;
            languages?: string[];
          })
        : {};
      return {
        userId: r.id,
        displayName: r.display_name,
        role: r.role,
        country: profile.country ?? null,
        city: profile.city ?? null,
        profileComplete: Boolean(
          profile.timeZone &&
          profile.languages?.length &&
          profile.offers?.length &&
          profile.wants?.length,
        ),
      };
    });
  }

  async facilitatorIds(programId: string): Promise<string[]> {
    const rows = await this.store.db
      .selectFrom('program_members')
      .select('user_id')
      .where('program_id', '=', programId)
      .where('role', '=', 'facilitator')
      .where('removed_at', 'is', null)
      .execute();
    return rows.map((r) => r.user_id);
  }

  /** Removes her from the program and each of its rooms; live connections end at once. */
  async removeMember(principal: Principal, programId: string, userId: string) {
    await this.requireFacilitator(principal, programId);
    const now = Date.now();
    const rooms = await this.store.db.transaction().execute(async (tx) => {
      const done = await tx
        .updateTable('program_members')
        .set({ removed_at: now })
        .where('program_id', '=', programId)
        .where('user_id', '=', userId)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1)
        throw new AppError('not_found', 'Not a member of this program.');
      const affected = await tx
        .selectFrom('room_members')
        .innerJoin('rooms', 'rooms.id', 'room_members.room_id')
        .select(['rooms.id', 'rooms.board_id'])
        .where('rooms.program_id', '=', programId)
        .where('room_members.user_id', '=', userId)
        .where('room_members.removed_at', 'is', null)
        .execute();
      // A facilitator also reads the boards pairs shared with her: every room of the program.
      const programRooms = await tx
        .selectFrom('rooms')
        .select(['id', 'board_id'])
        .where('program_id', '=', programId)
        .execute();
      if (affected.length) {
        await tx
          .updateTable('room_members')
          .set({ removed_at: now })
          .where('user_id', '=', userId)
          .where(
            'room_id',
            'in',
            affected.map((r) => r.id),
          )
          .execute();
      }
      return programRooms;
    });
    for (const room of rooms)
      this.membership.emit('removed', { roomId: room.id, boardId: room.board_id, userId });
  }
}
