import { PostgresAdapter, type Kysely } from 'kysely';

/** Binary column type of the dialect behind db: `bytea` on PostgreSQL, `blob` on SQLite. */
export function binaryType(db: Kysely<unknown>): 'bytea' | 'blob' {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
}
