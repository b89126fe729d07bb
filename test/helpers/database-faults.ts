import { sql } from 'kysely';
import type { Mutua } from '../../server/app';

/**
 * Makes the server's SQLite connection refuse every write with SQLite's own error, as a
 * read-only file or a full disk would (SQLITE_READONLY); reads keep working.
 */
export async function refuseWrites(mutua: Mutua, refuse: boolean): Promise<void> {
  await sql.raw(`PRAGMA query_only = ${refuse ? 'ON' : 'OFF'}`).execute(mutua.store.db);
}
