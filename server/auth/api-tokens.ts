import type { Store } from '../store/database';
import { PRINCIPAL_COLUMNS, principalOf, type Principal } from './principal';
import { hashSecret, newId, newSecret } from './secrets';

export interface ApiTokenHooks {
  now(): number;
  /** Records a use; a failed write is reported there and does not refuse the token. */
  touch(write: Promise<unknown>): Promise<void>;
  /** Some token of hers stopped working: open connections re-check theirs. */
  revoked(userId: string): void;
}

/**
 * Personal API tokens, for her scripts: shown once, stored as SHA-256, listed by name and
 * last use, revoked one by one or all at once (account recovery).
 */
export class ApiTokens {
  constructor(
    private readonly store: Store,
    private readonly hooks: ApiTokenHooks,
  ) {}

  async create(userId: string, name: string): Promise<{ id: string; token: string }> {
    const token = `mutua_${newSecret()}`;
    const id = newId();
    await this.store.db
      .insertInto('api_tokens')
      .values({
        id,
        user_id: userId,
        name,
        token_hash: hashSecret(token),
        created_at: this.hooks.now(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return { id, token };
  }

  async revoke(userId: string, tokenId: string): Promise<boolean> {
    const result = await this.store.db
      .updateTable('api_tokens')
      .set({ revoked_at: this.hooks.now() })
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const revoked = Number(result.numUpdatedRows) === 1;
    if (revoked) this.hooks.revoked(userId);
    return revoked;
  }

  /** Account recovery: every token of hers stops working (returns how many). */
  async revokeAll(userId: string): Promise<number> {
    const result = await this.store.db
      .updateTable('api_tokens')
      .set({ revoked_at: this.hooks.now() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    this.hooks.revoked(userId);
    return Number(result.numUpdatedRows);
  }

  async list(userId: string) {
    return this.store.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'created_at', 'last_used_at'])
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .execute();
  }

  /** The principal behind a token, recording its use; null when unknown or revoked. */
  async resolve(token: string): Promise<Principal | null> {
    const row = await this.store.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([...PRINCIPAL_COLUMNS, 'api_tokens.id as token_id', 'api_tokens.token_hash'])
      .where('api_tokens.token_hash', '=', hashSecret(token))
      .where('api_tokens.revoked_at', 'is', null)
      .where('users.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    await this.hooks.touch(
      this.store.db
        .updateTable('api_tokens')
        .set({ last_used_at: this.hooks.now() })
        .where('id', '=', row.token_id)
        .execute(),
    );
    return principalOf(row, 'token', { credentialHash: row.token_hash });
  }

  /** Whether a token an open connection was accepted with still works. */
  async isLive(tokenHash: string): Promise<boolean> {
    const row = await this.store.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select('api_tokens.id')
      .where('api_tokens.token_hash', '=', tokenHash)
      .where('api_tokens.revoked_at', 'is', null)
      .where('users.deleted_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }
}
