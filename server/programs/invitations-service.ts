import type { AuthService } from '../auth/auth-service';
import { hashPassword } from '../auth/passwords';
import type { Principal } from '../auth/principal';
import { hashSecret, newId, newSecret } from '../auth/secrets';
import { AppError } from '../errors';
import type { ProfileService } from '../account/profile-service';
import type { RoomsService } from '../rooms/rooms-service';
import type { Store } from '../store/database';
import type { InvitationsTable } from '../store/schema';
import type { Invitation, InvitationAccept, InvitationCreate } from '../../shared/schemas/programs';
import type { ProgramsService } from './programs-service';

const DAY = 24 * 60 * 60_000;

/** One answer for unknown, used, expired and revoked links: a link's state is not leaked. */
const invalidLink = () =>
  new AppError('invalid_or_expired_link', 'This invitation link is not valid any more.');

function statusOf(row: InvitationsTable, now: number): Invitation['status'] {
  if (row.revoked_at !== null) return 'revoked';
  if (row.used_at !== null) return 'used';
  return row.expires_at <= now ? 'expired' : 'pending';
}

function toInvitation(row: InvitationsTable, now: number): Invitation {
  return {
    id: row.id,
    programId: row.program_id,
    role: row.role,
    email: row.email,
    note: row.note,
    status: statusOf(row, now),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/**
 * Invitation links: 256 random bits, stored as SHA-256, single use, expiring, revocable,
 * bound to a program and a role. Redeeming claims the row with one conditional UPDATE, so
 * of many concurrent redemptions exactly one succeeds.
 */
export class InvitationsService {
  constructor(
    private readonly store: Store,
    private readonly auth: AuthService,
    private readonly programs: ProgramsService,
    private readonly rooms: RoomsService,
    private readonly profiles: ProfileService,
    private readonly now: () => number = Date.now,
  ) {}

  private async requireInviter(
    principal: Principal,
    programId: string | null,
    role: Invitation['role'],
  ) {
    if (programId === null) {
      if (!principal.isAdmin)
        throw new AppError('forbidden', 'Only admins invite facilitators to the organisation.');
      if (role !== 'facilitator') {
        throw new AppError('validation_failed', 'Participants are invited to a program.', {
          programId: 'program_required',
        });
      }
      return;
    }
    await this.programs.requireFacilitator(principal, programId);
  }

  async create(principal: Principal, input: Required<InvitationCreate>, baseUrl: string) {
    await this.requireInviter(principal, input.programId, input.role);
    const token = newSecret();
    const now = this.now();
    const row: InvitationsTable = {
      id: newId(),
      program_id: input.programId,
      role: input.role,
      token_hash: hashSecret(token),
      email: input.email,
      note: input.note,
      created_by: principal.userId,
      created_at: now,
      expires_at: now + input.validDays * DAY,
      used_at: null,
      used_by: null,
      revoked_at: null,
    };
    await this.store.db.insertInto('invitations').values(row).execute();
    // The token travels in the fragment: browsers never send it to servers or proxies.
    return { ...toInvitation(row, now), link: `${baseUrl}/invite#token=${token}` };
  }

  async list(principal: Principal, programId: string | undefined) {
    await this.requireInviter(principal, programId ?? null, 'facilitator');
    let query = this.store.db.selectFrom('invitations').selectAll().orderBy('created_at', 'desc');
    query = programId
      ? query.where('program_id', '=', programId)
      : query.where('program_id', 'is', null);
    const now = this.now();
    return (await query.execute()).map((r) => toInvitation(r, now));
  }

  async revoke(principal: Principal, invitationId: string) {
    const row = await this.store.db
      .selectFrom('invitations')
      .selectAll()
      .where('id', '=', invitationId)
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No such invitation.');
    await this.requireInviter(principal, row.program_id, row.role);
    const now = this.now();
    await this.store.db
      .updateTable('invitations')
      .set({ revoked_at: now })
      .where('id', '=', invitationId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    return toInvitation(
      { ...row, revoked_at: row.used_at === null ? (row.revoked_at ?? now) : row.revoked_at },
      now,
    );
  }

  private async pending(token: string) {
    const row = await this.store.db
      .selectFrom('invitations')
      .leftJoin('programs', 'programs.id', 'invitations.program_id')
      .innerJoin('users', 'users.id', 'invitations.created_by')
      .select([
        'invitations.role',
        'invitations.email',
        'invitations.used_at',
        'invitations.revoked_at',
        'invitations.expires_at',
        'programs.name as program_name',
        'users.display_name as invited_by',
      ])
      .where('invitations.token_hash', '=', hashSecret(token))
      .executeTakeFirst();
    if (!row || row.used_at !== null || row.revoked_at !== null || row.expires_at <= this.now())
      throw invalidLink();
    return row;
  }

  async preview(token: string) {
    const row = await this.pending(token);
    return {
      role: row.role,
      programName: row.program_name ?? null,
      invitedBy: row.invited_by,
      email: row.email,
    };
  }

  /**
   * Redeems a link for a new account, or for the signed-in one. The link is claimed first
   * with one conditional UPDATE (of concurrent redemptions exactly one wins, and the losers
   * cost no password hashing); if creating the account then fails, the claim is released.
   */
  async accept(
    input: InvitationAccept,
    signedIn: Principal | null,
  ): Promise<{ userId: string; created: boolean }> {
    if (!input.account && !signedIn) {
      throw new AppError('validation_failed', 'Create an account or sign in first.', {
        account: 'account_required',
      });
    }
    const tokenHash = hashSecret(input.token);
    const userId = input.account ? newId() : signedIn!.userId;
    const now = this.now();
    const claimed = await this.store.db
      .updateTable('invitations')
      .set({ used_at: now, used_by: userId })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['id', 'program_id', 'role'])
      .executeTakeFirst();
    if (!claimed) throw invalidLink();
    try {
      const passwordHash = input.account ? await hashPassword(input.account.password) : null;
      await this.store.db.transaction().execute(async (tx) => {
        if (input.account && passwordHash) {
          const taken = await tx
            .selectFrom('users')
            .select('id')
            .where('email', '=', input.account.email)
            .executeTakeFirst();
          if (taken) {
            throw new AppError(
              'conflict',
              'An account with this email exists: sign in, then open the link again.',
              {
                email: 'email_taken',
              },
            );
          }
          await this.auth.insertUser(tx, {
            id: userId,
            ...input.account,
            passwordHash,
            isAdmin: false,
          });
        }
        if (claimed.role === 'facilitator') {
          await tx
            .updateTable('users')
            .set({ is_facilitator: 1 })
            .where('id', '=', userId)
            .execute();
        }
        if (claimed.program_id)
          await this.rooms.addProgramMember(claimed.program_id, userId, claimed.role, tx);
        if (input.profile && input.account) await this.profiles.save(userId, input.profile, tx);
      });
    } catch (err) {
      await this.store.db
        .updateTable('invitations')
        .set({ used_at: null, used_by: null })
        .where('id', '=', claimed.id)
        .where('used_by', '=', userId)
        .execute();
      throw err;
    }
    return { userId, created: Boolean(input.account) };
  }
}
