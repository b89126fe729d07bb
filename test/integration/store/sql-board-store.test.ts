import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqlBoardStore } from '../../../server/boards/sql-board-store';
import { UnknownBoardError } from '../../../server/yjs/board-store';
import { openStore, type Store } from '../../../server/store/database';
import { migrateToLatest } from '../../../server/store/migrate';
import { createTempDatabase } from '../../helpers/postgres';
import { tempDir } from '../../helpers/temp-dir';

function textUpdate(doc: Y.Doc, insert: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('text').insert(doc.getText('text').length, insert);
  return Y.encodeStateAsUpdate(doc, before);
}

async function storedText(boards: SqlBoardStore, boardId: string): Promise<string> {
  const doc = new Y.Doc();
  for (const update of (await boards.load(boardId))!.updates) Y.applyUpdate(doc, update);
  return doc.getText('text').toString();
}

/**
 * On SQLite the board log runs prepared statements on the connection Kysely also uses. A
 * Kysely transaction stays open across promises; an append made meanwhile must not end up
 * inside it (its rollback would take a reported-as-stored update with it).
 */
describe('the SQLite board log next to Kysely transactions', () => {
  const dir = tempDir();
  let store: Store;
  let boards: SqlBoardStore;
  beforeEach(async () => {
    store = openStore({ dataDir: dir.path, databaseUrl: undefined });
    await migrateToLatest(store.db);
    boards = new SqlBoardStore(store);
    await boards.create('b1', 'pair');
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('keeps an append made while a Kysely transaction waits out of that transaction', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let began!: () => void;
    const begun = new Promise<void>((resolve) => (began = resolve));
    const rolledBack = store.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('boards')
        .values({ id: 'b2', kind: 'pair', last_seq: 0, created_at: 0 })
        .execute();
      began();
      await held;
      throw new Error('roll back');
    });
    await begun;
    expect(store.sqlite?.inTransaction).toBe(true);
    const doc = new Y.Doc();
    const appended = boards.appendMany([{ boardId: 'b1', updates: [textUpdate(doc, 'kept')] }]);
    const single = boards.append('b1', [textUpdate(doc, ' too')]);
    release();
    await expect(rolledBack).rejects.toThrow('roll back');
    expect((await appended)[0]?.ok).toBe(true);
    await single;
    expect(await storedText(boards, 'b1')).toBe('kept too');
    expect(await boards.load('b2')).toBeNull();
  });

  it('reads what Kysely wrote and Kysely reads what it wrote', async () => {
    const doc = new Y.Doc();
    const seq = await boards.append('b1', [textUpdate(doc, 'a'), textUpdate(doc, 'b')]);
    const rows = await store.db
      .selectFrom('board_updates')
      .select(['seq'])
      .where('board_id', '=', 'b1')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.seq)).toEqual([seq - 1, seq]);
    await store.db
      .insertInto('board_updates')
      .values({ board_id: 'b1', seq: seq + 1, data: textUpdate(doc, 'c') })
      .execute();
    expect(await storedText(boards, 'b1')).toBe('abc');
    expect(await boards.updateCount('b1')).toBe(3);
    expect((await boards.load('b1'))?.throughSeq).toBe(seq + 1);
    // On SQLite the next seq follows the highest stored row, whoever wrote it.
    expect(await boards.append('b1', [textUpdate(doc, 'd')])).toBe(seq + 2);
  });

  it('numbers appends the same way on both paths, before and after a compaction', async () => {
    const doc = new Y.Doc();
    const first = await boards.append('b1', [textUpdate(doc, 'a')]);
    // While a Kysely transaction holds the connection, an append takes the Kysely path.
    let began!: () => void;
    const begun = new Promise<void>((resolve) => (began = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const other = store.db.transaction().execute(async () => {
      began();
      await held;
    });
    await begun;
    expect(store.sqlite?.inTransaction).toBe(true);
    const inside = boards.append('b1', [textUpdate(doc, 'b'), textUpdate(doc, 'c')]);
    release();
    await other;
    expect(await inside).toBe(first + 2);
    const log = (await boards.load('b1'))!;
    await boards.compact('b1', log.updates.at(-1)!, log.throughSeq);
    expect(await boards.append('b1', [textUpdate(doc, 'd')])).toBe(first + 3);
    expect((await boards.load('b1'))?.throughSeq).toBe(first + 3);
  });

  it('compacts in one synchronous step, so appends never wait behind a compaction', async () => {
    const doc = new Y.Doc();
    const through = await boards.append('b1', [textUpdate(doc, 'a'), textUpdate(doc, 'b')]);
    const snapshot = Y.encodeStateAsUpdate(doc);
    await boards.append('b1', [textUpdate(doc, 'c')]);
    const compacted = boards.compact('b1', snapshot, through);
    // Done before the promise settles: no transaction is left open on the shared connection.
    expect(store.sqlite?.inTransaction).toBe(false);
    await compacted;
    expect(await boards.updateCount('b1')).toBe(2);
    expect(await storedText(boards, 'b1')).toBe('abc');
    await expect(boards.compact('nope', snapshot, 1)).rejects.toThrow(UnknownBoardError);
  });

  it('refuses a whole batch while the database refuses writes, and stores it once it accepts them', async () => {
    store.sqlite!.pragma('query_only = ON');
    const doc = new Y.Doc();
    const batch = [{ boardId: 'b1', updates: [textUpdate(doc, 'later')] }];
    await expect(boards.appendMany(batch)).rejects.toThrow();
    store.sqlite!.pragma('query_only = OFF');
    expect((await boards.appendMany(batch))[0]?.ok).toBe(true);
    expect(await storedText(boards, 'b1')).toBe('later');
  });
});

/**
 * Scaled out, two processes may compact one board through the same seq at once. On
 * PostgreSQL the second one's delete waits for the first's row locks and then cannot see
 * the first's snapshot, so its insert meets it: that must not fail the compaction.
 */
describe('two compactions of one board at once on PostgreSQL', () => {
  it('both succeed and one snapshot stands', async () => {
    const database = await createTempDatabase();
    const store = openStore({ dataDir: '', databaseUrl: database.url });
    const other = new pg.Client({ connectionString: database.url });
    const watcher = new pg.Client({ connectionString: database.url });
    try {
      await migrateToLatest(store.db);
      const boards = new SqlBoardStore(store);
      await boards.create('b1', 'pair');
      const doc = new Y.Doc();
      for (const letter of 'abc') await boards.append('b1', [textUpdate(doc, letter)]);
      const { throughSeq } = (await boards.load('b1'))!;
      const snapshot = Y.encodeStateAsUpdate(doc);

      // The first process's compaction, held open before its commit.
      await other.connect();
      await watcher.connect();
      await other.query('BEGIN');
      await other.query('DELETE FROM board_updates WHERE board_id = $1 AND seq <= $2', [
        'b1',
        throughSeq,
      ]);
      await other.query('INSERT INTO board_updates (board_id, seq, data) VALUES ($1, $2, $3)', [
        'b1',
        throughSeq,
        Buffer.from(snapshot),
      ]);
      // The second one starts meanwhile: its delete waits for the first's locks.
      const second = boards.compact('b1', snapshot, throughSeq);
      await expect
        .poll(async () => {
          const { rows } = await watcher.query<{ wait_event_type: string | null }>(
            `select wait_event_type from pg_stat_activity where query like 'delete from "board_updates"%'`,
          );
          return rows.map((r) => r.wait_event_type);
        })
        .toContain('Lock');
      await other.query('COMMIT');
      await second;

      expect(await boards.updateCount('b1')).toBe(1);
      expect(await storedText(boards, 'b1')).toBe('abc');
    } finally {
      await other.end().catch(() => undefined);
      await watcher.end().catch(() => undefined);
      await store.close();
      await database.drop();
    }
  });
});
