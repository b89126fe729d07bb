import type { Store } from '../store/database';
import type { ProgramRole, RoomKind } from '../store/schema';
import { newId } from '../auth/secrets';
import { AppError } from '../errors';
import { SqlBoardStore } from '../boards/sql-board-store';

export interface NewProgram {
  name: string;
  description: string;
  languages: string[];
  startsOn: string | null;
  endsOn: string | null;
  isDemo?: boolean;
}

/** Programs, their members, and rooms with their boards. Transport-free. */
export class RoomsService {
  private readonly boards: SqlBoardStore;

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {
    this.boards = new SqlBoardStore(store);
  }

  async createProgram(createdBy: string, program: NewProgram): Promise<string> {
    const id = newId();
    await this.store.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('programs')
        .values({
          id,
          name: program.name,
          description: program.description,
          languages: JSON.stringify(program.languages),
          starts_on: program.startsOn,
          ends_on: program.endsOn,
          is_demo: program.isDemo ? 1 : 0,
          created_by: createdBy,
          created_at: this.now(),
          archived_at: null,
        })
        .execute();
      await tx
        .insertInto('program_members')
        .values({
          program_id: id,
          user_id: createdBy,
          role: 'facilitator',
          joined_at: this.now(),
          removed_at: null,
        })
        .execute();
    });
    return id;
  }

  async addProgramMember(programId: string, userId: string, role: ProgramRole, db = this.store.db) {
    const existing = await db
      .selectFrom('program_members')
      .select('role')
      .where('program_id', '=', programId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (existing) {
      await db
        .updateTable('program_members')
        .set({ role, removed_at: null })
        .where('program_id', '=', programId)
        .where('user_id', '=', userId)
        .execute();
      return;
    }
    await db
      .insertInto('program_members')
      .values({
        program_id: programId,
        user_id: userId,
        role,
        joined_at: this.now(),
        removed_at: null,
      })
      .execute();
  }

  /**
   * A pair room holds exactly two participants of the program; a circle holds one or more
   * facilitators and 3 to 20 participants. The room's board is created with it.
   */
  async createRoom(input: {
    programId: string;
    kind: RoomKind;
    title: string;
    createdBy: string;
    memberIds: string[];
  }): Promise<{ roomId: string; boardId: string }> {
    const members = [...new Set(input.memberIds)];
    const roles = await this.store.db
      .selectFrom('program_members')
      .select(['user_id', 'role'])
      .where('program_id', '=', input.programId)
      .where('removed_at', 'is', null)
      .where('user_id', 'in', members.length ? members : [''])
      .execute();
    const roleOf = new Map(roles.map((r) => [r.user_id, r.role]));
    const outsiders = members.filter((m) => !roleOf.has(m));
    if (outsiders.length)
      throw new AppError('validation_failed', 'Every member must belong to the program.', {
        memberIds: 'not_in_program',
      });
    const participants = members.filter((m) => roleOf.get(m) === 'participant');
    const facilitators = members.filter((m) => roleOf.get(m) === 'facilitator');
    if (input.kind === 'pair' && (participants.length !== 2 || facilitators.length !== 0)) {
      throw new AppError('validation_failed', 'A pair room holds exactly two participants.', {
        memberIds: 'pair_needs_two',
      });
    }
    if (
      input.kind === 'circle' &&
      (participants.length < 3 || participants.length > 20 || facilitators.length < 1)
    ) {
      throw new AppError(
        'validation_failed',
        'A circle holds facilitators and 3 to 20 participants.',
        {
          memberIds: 'circle_size',
        },
      );
    }
    const roomId = newId();
    const boardId = newId();
    await this.store.db.transaction().execute(async (tx) => {
      await this.boards.create(boardId, input.kind, tx);
      await tx
        .insertInto('rooms')
        .values({
          id: roomId,
          program_id: input.programId,
          kind: input.kind,
          title: input.title,
          board_id: boardId,
          created_by: input.createdBy,
          created_at: this.now(),
          archived_at: null,
        })
        .execute();
      await tx
        .insertInto('room_members')
        .values(
          members.map((userId) => ({
            room_id: roomId,
            user_id: userId,
            role: roleOf.get(userId)!,
            added_at: this.now(),
            removed_at: null,
          })),
        )
        .execute();
    });
    return { roomId, boardId };
  }

  async removeRoomMember(roomId: string, userId: string) {
    await this.store.db
      .updateTable('room_members')
      .set({ removed_at: this.now() })
      .where('room_id', '=', roomId)
      .where('user_id', '=', userId)
      .execute();
  }

  async setArchived(roomId: string, archived: boolean) {
    await this.store.db
      .updateTable('rooms')
      .set({ archived_at: archived ? this.now() : null })
      .where('id', '=', roomId)
      .execute();
  }

  async setSharedWithFacilitators(roomId: string, shared: boolean) {
    await this.store.db
      .updateTable('rooms')
      .set({ shared_with_facilitators: shared ? 1 : 0 })
      .where('id', '=', roomId)
      .execute();
  }
}
