import { EventEmitter } from 'node:events';
import type { Store } from '../store/database';
import type { Locale } from '../../shared/protocol';
import type { SetupRequest } from '../../shared/schemas/auth';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import { ApiTokens } from './api-tokens';
import { AuthError, PRINCIPAL_COLUMNS, principalOf, type Principal } from './principal';
import { hashSecret, newId, newSecret } from './secrets';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Session lifetimes: idle expiry slides with use, absolute expiry never moves. */
export const SESSION_LIMITS = {
  normal: { idleMs: 7 * DAY, absoluteMs: 30 * DAY },
  sharedDevice: { idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR },
  /** Sliding the idle expiry writes at most this often per session. */
  touchEveryMs: MINUTE,
  setupLinkMs: DAY,
} as const;

export interface NewSession {
  token: string;
  sharedDevice: boolean;
  /** Undefined for a shared device: the cookie then lives only as long as the browser. */
  cookieMaxAgeMs: number | undefined;
}

/** Accounts, sign-in sessions and the first-run setup link; API tokens in `tokens`. */
export class AuthService {
  /**
   * `revoked` (her user id): some session or token of hers just ended. Open connections
   * listen (`CredentialWatch`) and close those whose credential no longer holds.
   */
  readonly revocations = new EventEmitter<{ revoked: [userId: string] }>();
  private readonly now: () => number;
  private readonly onTouchFailed: (error: unknown) => void;

  /** Her personal API tokens: created, listed, revoked, and resolved to a principal. */
  readonly tokens: ApiTokens;

  constructor(
    private readonly store: Store,
    options: { now?: () => number; onTouchFailed?: (error: unknown) => void } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.onTouchFailed = options.onTouchFailed ?? (() => undefined);
    this.tokens = new ApiTokens(store, {
      now: this.now,
      touch: (write) => this.touch(write),
      revoked: (userId) => this.revocations.emit('revoked', userId),
    });
  }

  /**
   * "Last seen" bookkeeping must not lock people out when the database refuses writes
   * (disk full, read-only file): the credential was checked by the read, so a failed
   * touch is reported and the request goes on.
   */
  private async touch(write: Promise<unknown>): Promise<void> {
    try {
      await write;
    } catch (error) {
      this.onTouchFailed(error);
    }
  }

  private get db() {
    return this.store.db;
  }

  async hasAdmin(): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('is_admin', '=', 1)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Replaces any unused setup link by a new one, valid 24 h. Only while no admin exists. */
  async issueSetupToken(): Promise<string | null> {
    if (await this.hasAdmin()) return null;
    const token = newSecret();
    const now = this.now();
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
      await tx
        .insertInto('setup_tokens')
        .values({
          token_hash: hashSecret(token),
          created_at: now,
          expires_at: now + SESSION_LIMITS.setupLinkMs,
          used_at: null,
        })
        .execute();
    });
    return token;
  }

  /** Creates the first admin from a valid setup link; the link is then spent. */
  async completeSetup(request: SetupRequest): Promise<Principal> {
    const passwordHash = await hashPassword(request.password);
    const now = this.now();
    const id = newId();
    await this.db.transaction().execute(async (tx) => {
      const claimed = await tx
        .updateTable('setup_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', hashSecret(request.token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) {
        throw new AuthError('invalid_or_expired_link', 'This setup link is not valid any more.');
      }
      const admin = await tx
        .selectFrom('users')
        .select('id')
        .where('is_admin', '=', 1)
        .executeTakeFirst();
      if (admin) throw new AuthError('setup_already_done', 'Mutua is already set up.');
      await this.insertUser(tx, {
        id,
        email: request.email,
        displayName: request.displayName,
        passwordHash,
        isAdmin: true,
        locale: request.locale,
      });
    });
    return this.principalFor(id, 'session');
  }

  async createUser(input: {
    email: string;
    displayName: string;
    password: string;
    isAdmin: boolean;
    locale: Locale;
  }): Promise<string> {
    const id = newId();
    const passwordHash = await hashPassword(input.password);
    await this.insertUser(this.db, { id, passwordHash, ...input });
    return id;
  }

  async insertUser(
    db: Store['db'],
    user: {
      id: string;
      email: string;
      displayName: string;
      passwordHash: string;
      isAdmin: boolean;
      locale: Locale;
    },
  ): Promise<void> {
    await db
      .insertInto('users')
      .values({
        id: user.id,
        email: user.email,
        display_name: user.displayName,
        password_hash: user.passwordHash,
        is_admin: user.isAdmin ? 1 : 0,
        locale: user.locale,
        created_at: this.now(),
        deleted_at: null,
      })
      .execute();
  }

  async setPassword(userId: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', userId)
      .execute();
  }

  async findUserIdByEmail(email: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email.trim().toLowerCase())
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /**
   * Checks a password. Unknown accounts cost the same scrypt work as wrong passwords, so
   * the answer's timing does not tell whether an address has an account.
   */
  async verifyCredentials(email: string, password: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('users')
      .select(['id', 'password_hash'])
      .where('email', '=', email)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
    return ok && row ? row.id : null;
  }

  async createSession(userId: string, sharedDevice: boolean): Promise<NewSession> {
    const token = newSecret();
    const now = this.now();
    const limits = sharedDevice ? SESSION_LIMITS.sharedDevice : SESSION_LIMITS.normal;
    await this.db
      .insertInto('auth_sessions')
      .values({
        id_hash: hashSecret(token),
        user_id: userId,
        created_at: now,
        last_seen_at: now,
        idle_expires_at: now + limits.idleMs,
        absolute_expires_at: now + limits.absoluteMs,
        shared_device: sharedDevice ? 1 : 0,
      })
      .execute();
    return { token, sharedDevice, cookieMaxAgeMs: sharedDevice ? undefined : limits.absoluteMs };
  }

  /** The principal behind a session cookie, sliding its idle expiry; null when expired or unknown. */
  async resolveSession(token: string): Promise<Principal | null> {
    const idHash = hashSecret(token);
    const now = this.now();
    const row = await this.db
      .selectFrom('auth_sessions')
      .innerJoin('users', 'users.id', 'auth_sessions.user_id')
      .select([
        ...PRINCIPAL_COLUMNS,
        'auth_sessions.last_seen_at',
        'auth_sessions.idle_expires_at',
        'auth_sessions.absolute_expires_at',
        'auth_sessions.shared_device',
      ])
      .where('auth_sessions.id_hash', '=', idHash)
      .where('users.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row || row.idle_expires_at <= now || row.absolute_expires_at <= now) return null;
    const shared = row.shared_device === 1;
    await this.slideIdleExpiry(idHash, row, now);
    return principalOf(row, 'session', {
      sharedDevice: shared,
      sessionHash: idHash,
      credentialHash: idHash,
    });
  }

  /** Use of a session pushes its idle expiry back (at most once per `touchEveryMs`). */
  private async slideIdleExpiry(
    idHash: string,
    row: { last_seen_at: number; absolute_expires_at: number; shared_device: number },
    now: number,
  ): Promise<void> {
    if (now - row.last_seen_at < SESSION_LIMITS.touchEveryMs) return;
    const { idleMs } =
      row.shared_device === 1 ? SESSION_LIMITS.sharedDevice : SESSION_LIMITS.normal;
    await this.touch(
      this.db
        .updateTable('auth_sessions')
        .set({
          last_seen_at: now,
          idle_expires_at: Math.min(now + idleMs, row.absolute_expires_at),
        })
        .where('id_hash', '=', idHash)
        .execute(),
    );
  }

  /**
   * Whether a credential an open connection was accepted with still holds: the session
   * exists and has not expired, or the token is not revoked; the account is not deleted.
   */
  async credentialIsLive(via: Principal['via'], credentialHash: string): Promise<boolean> {
    const now = this.now();
    if (via === 'session') {
      const row = await this.db
        .selectFrom('auth_sessions')
        .innerJoin('users', 'users.id', 'auth_sessions.user_id')
        .select([
          'auth_sessions.last_seen_at',
          'auth_sessions.idle_expires_at',
          'auth_sessions.absolute_expires_at',
          'auth_sessions.shared_device',
        ])
        .where('auth_sessions.id_hash', '=', credentialHash)
        .where('users.deleted_at', 'is', null)
        .executeTakeFirst();
      if (!row || row.idle_expires_at <= now || row.absolute_expires_at <= now) return false;
      // An open page is a page in use: it keeps the session from idling out, as requests do.
      // The absolute limit (12 h on a shared computer) still ends it.
      await this.slideIdleExpiry(credentialHash, row, now);
      return true;
    }
    return this.tokens.isLive(credentialHash);
  }

  async revokeSession(token: string): Promise<void> {
    const ended = await this.db
      .deleteFrom('auth_sessions')
      .where('id_hash', '=', hashSecret(token))
      .returning('user_id')
      .executeTakeFirst();
    if (ended) this.revocations.emit('revoked', ended.user_id);
  }

  /** Signs her out everywhere, optionally keeping the session she is using. */
  async revokeAllSessions(userId: string, keepSessionHash?: string): Promise<void> {
    let query = this.db.deleteFrom('auth_sessions').where('user_id', '=', userId);
    if (keepSessionHash) query = query.where('id_hash', '!=', keepSessionHash);
    await query.execute();
    this.revocations.emit('revoked', userId);
  }

  async principalFor(userId: string, via: Principal['via']): Promise<Principal> {
    const row = await this.db
      .selectFrom('users')
      .select(PRINCIPAL_COLUMNS)
      .where('users.id', '=', userId)
      .executeTakeFirstOrThrow();
    return principalOf(row, via, {});
  }
}
