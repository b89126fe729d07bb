import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /**
   * The SQLite connection under `db` (null on PostgreSQL), for the few hot paths that run
   * prepared statements directly (the board update log). It is the same connection Kysely
   * uses: code using it must run synchronously and only when `inTransaction` is false, so
   * it can never interleave with a Kysely transaction that is waiting on a promise.
   */
  sqlite: SQLite.Database | null;
  /** Answers whether the database takes a query right now. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

// int8 columns hold millisecond times and counters, all far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface StoreOptions {
  dataDir: string;
  databaseUrl: string | undefined;
}

/** Opens PostgreSQL when a URL is given, else the embedded SQLite file under dataDir. */
export function openStore(options: StoreOptions): Store {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return wrap(db, 'postgres', null);
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = new SQLite(path.join(options.dataDir, 'mutua.sqlite'));
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
  return wrap(db, 'sqlite', file);
}

function wrap(db: Kysely<Database>, dialect: Dialect, sqlite: SQLite.Database | null): Store {
  return {
    db,
    dialect,
    sqlite,
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
