import type { Kysely } from 'kysely';

/**
 * The id a client gives a chat message it sends: a retried or doubled send of the same
 * message is stored once. Unique per room and author; messages without one (older clients,
 * scripts) stay apart, as NULLs are distinct in unique indexes on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('live_chat_messages').addColumn('client_message_id', 'text').execute();
  await db.schema
    .createIndex('live_chat_messages_client_id')
    .on('live_chat_messages')
    .columns(['room_id', 'author_id', 'client_message_id'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('live_chat_messages_client_id').execute();
  await db.schema.alterTable('live_chat_messages').dropColumn('client_message_id').execute();
}
