import type { AuthService } from '../auth/auth-service';
import { newSecret } from '../auth/secrets';
import { AppError } from '../errors';
import type { MembershipEvents } from '../rooms/membership-events';
import type { Store } from '../store/database';
import {
  EMPTY_PROFILE,
  type Profile,
  type ProfileInput,
  type PersonalExport,
} from '../../shared/schemas/profile';

type ProfileData = Omit<ProfileInput, 'displayName'>;

/** Her profile, her data export and the deletion of her account. Transport-free. */
export class ProfileService {
  constructor(
    private readonly store: Store,
    private readonly auth: AuthService,
    private readonly membership: MembershipEvents,
    private readonly now: () => number = Date.now,
  ) {}

  async get(userId: string): Promise<Profile> {
    const row = await this.store.db
      .selectFrom('users')
      .leftJoin('profiles', 'profiles.user_id', 'users.id')
      .select(['users.display_name', 'profiles.data', 'profiles.updated_at'])
      .where('users.id', '=', userId)
      .executeTakeFirstOrThrow();
    const data = row.data ? (JSON.parse(row.data) as Partial<ProfileData>) : {};
    return {
      ...EMPTY_PROFILE,
      ...data,
      displayName: row.display_name,
      userId,
      updatedAt: row.updated_at ?? null,
    };
  }

  /** Stores the given fields over what she had; the rest stays. */
  async save(userId: string, fields: Partial<ProfileData>, db = this.store.db): Promise<void> {
    const current = await db
      .selectFrom('profiles')
      .select('data')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const merged = {
      ...EMPTY_PROFILE,
      ...(current ? (JSON.parse(current.data) as Partial<ProfileData>) : {}),
      ...fields,
    };
    const data = JSON.stringify(merged);
    const updatedAt = this.now();
    if (current) {
      await db
        .updateTable('profiles')
        .set({ data, updated_at: updatedAt })
        .where('user_id', '=', userId)
        .execute();
    } else {
      await db
        .insertInto('profiles')
        .values({ user_id: userId, data, updated_at: updatedAt })
        .execute();
    }
  }

  async put(userId: string, input: ProfileInput): Promise<Profile> {
    const { displayName, ...fields } = input;
    await this.store.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({ display_name: displayName })
        .where('id', '=', userId)
        .execute();
      await this.save(userId, fields, tx);
    });
    return this.get(userId);
  }

  async export(userId: string): Promise<PersonalExport> {
    const { db } = this.store;
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    const profile = await db
      .selectFrom('profiles')
      .select('data')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const programs = await db
      .selectFrom('program_members')
      .innerJoin('programs', 'programs.id', 'program_members.program_id')
      .select(['programs.id', 'programs.name', 'program_members.role', 'program_members.joined_at'])
      .where('program_members.user_id', '=', userId)
      .execute();
    const rooms = await db
      .selectFrom('room_members')
      .innerJoin('rooms', 'rooms.id', 'room_members.room_id')
      .select(['rooms.id', 'rooms.title', 'rooms.kind', 'rooms.board_id'])
      .where('room_members.user_id', '=', userId)
      .execute();
    const tokens = await this.auth.tokens.list(userId);
    const sessions = await db
      .selectFrom('auth_sessions')
      .select(['created_at', 'last_seen_at', 'shared_device'])
      .where('user_id', '=', userId)
      .execute();
    return {
      exportedAt: new Date(this.now()).toISOString(),
      account: {
        id: user.id,
        displayName: user.display_name,
        email: user.email,
        locale: user.locale,
        createdAt: user.created_at,
      },
      profile: profile ? (JSON.parse(profile.data) as Record<string, unknown>) : null,
      programs: programs.map((p) => ({
        id: p.id,
        name: p.name,
        role: p.role,
        joinedAt: p.joined_at,
      })),
      rooms: rooms.map((r) => ({ id: r.id, title: r.title, kind: r.kind, boardId: r.board_id })),
      apiTokens: tokens.map((t) => ({ name: t.name, createdAt: t.created_at })),
      sessions: sessions.map((s) => ({
        createdAt: s.created_at,
        lastSeenAt: s.last_seen_at,
        sharedDevice: s.shared_device === 1,
      })),
    };
  }

  /**
   * Erases her profile and identity; keeps the account row (renamed "former member") so
   * that what she wrote on shared boards and in chat stays attributed without naming her.
   */
  async deleteAccount(userId: string, email: string | null, password: string): Promise<void> {
    if (!email || (await this.auth.verifyCredentials(email, password)) !== userId) {
      throw new AppError('validation_failed', 'The password is not right.', {
        password: 'current_password_wrong',
      });
    }
    const now = this.now();
    const rooms = await this.store.db.transaction().execute(async (tx) => {
      const affected = await tx
        .selectFrom('room_members')
        .innerJoin('rooms', 'rooms.id', 'room_members.room_id')
        .select(['rooms.id', 'rooms.board_id'])
        .where('room_members.user_id', '=', userId)
        .where('room_members.removed_at', 'is', null)
        .execute();
      await tx.deleteFrom('profiles').where('user_id', '=', userId).execute();
      await tx.deleteFrom('auth_sessions').where('user_id', '=', userId).execute();
      await tx
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .execute();
      await tx
        .updateTable('room_members')
        .set({ removed_at: now })
        .where('user_id', '=', userId)
        .where('removed_at', 'is', null)
        .execute();
      await tx
        .updateTable('program_members')
        .set({ removed_at: now })
        .where('user_id', '=', userId)
        .where('removed_at', 'is', null)
        .execute();
      await tx
        .updateTable('users')
        .set({
          display_name: 'former member',
          email: null,
          password_hash: `deleted$${newSecret()}`,
          is_admin: 0,
          is_facilitator: 0,
          deleted_at: now,
        })
        .where('id', '=', userId)
        .execute();
      return affected;
    });
    this.auth.revocations.emit('revoked', userId);
    for (const room of rooms)
      this.membership.emit('removed', { roomId: room.id, boardId: room.board_id, userId });
  }
}
