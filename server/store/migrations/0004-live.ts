import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Live rooms: chat, mentoring sessions and their turns. Tables are typed in server/live/.
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // A growing integer id orders a room's messages and lets a client ask "what came after".
  await db.schema
    .createTable('live_chat_messages')
    .addColumn('id', postgres ? 'bigint' : 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('live_chat_messages_room')
    .on('live_chat_messages')
    .columns(['room_id', 'id'])
    .execute();

  await db.schema
    .createTable('live_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('program_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    /** The live state (agenda, timer, hands) as JSON; `version` guards concurrent changes. */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // At most one session under way per room, whichever process starts it.
  await db.schema
    .createIndex('live_sessions_active_room')
    .on('live_sessions')
    .column('room_id')
    .unique()
    .where(sql.ref('ended_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('live_sessions_program')
    .on('live_sessions')
    .column('program_id')
    .execute();

  await db.schema
    .createTable('live_session_turns')
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('live_sessions.id').onDelete('cascade'),
    )
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('leader_id', 'text', (c) => c.notNull())
    .addColumn('goal_card_id', 'text')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('planned_ms', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint', (c) => c.notNull())
    .addColumn('actual_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_session_turns_pk', ['session_id', 'idx'])
    .execute();

  await db.schema
    .createTable('live_session_attendees')
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('live_sessions.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_session_attendees_pk', ['session_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'live_session_attendees',
    'live_session_turns',
    'live_sessions',
    'live_chat_messages',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
