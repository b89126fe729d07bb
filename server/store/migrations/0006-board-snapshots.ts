import type { Kysely } from 'kysely';
import { binaryType } from '../column-types';

/** Named snapshots of boards (one per mentoring session, or taken by a member). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('board_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('data', binaryType(db), (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('board_snapshots_board')
    .on('board_snapshots')
    .columns(['board_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('board_snapshots').execute();
}
