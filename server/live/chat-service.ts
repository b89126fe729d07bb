import type { Generated, Selectable } from 'kysely';
import type { ChatMessage, ChatPage } from '../../shared/schemas/live';
import type { Store } from '../store/database';

declare module '../store/schema' {
  interface Database {
    live_chat_messages: LiveChatMessagesTable;
  }
}

export interface LiveChatMessagesTable {
  id: Generated<number>;
  room_id: string;
  author_id: string;
  /** Plain text as she typed it; never HTML. */
  text: string;
  sent_at: number;
  /** The id her client gave the message; a send repeated with it is stored once. */
  client_message_id: string | null;
}

type Row = Omit<Selectable<LiveChatMessagesTable>, 'client_message_id'> & { author_name: string };

const toMessage = (r: Row): ChatMessage => ({
  id: r.id,
  roomId: r.room_id,
  authorId: r.author_id,
  authorName: r.author_name,
  text: r.text,
  sentAt: r.sent_at,
});

/** A room's chat: appended, paged back in time, or read forward after a reconnect. */
export class ChatService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Stores a message. With her client's id for it, a second send with the same id (a retry
   * after a lost answer, a double press) stores nothing and returns the message stored the
   * first time, with `created: false`: it is not to be announced again.
   */
  async send(
    roomId: string,
    author: { userId: string; displayName: string },
    text: string,
    clientMessageId?: string,
  ): Promise<{ message: ChatMessage; created: boolean }> {
    const sentAt = this.now();
    const row = await this.store.db
      .insertInto('live_chat_messages')
      .values({
        room_id: roomId,
        author_id: author.userId,
        text,
        sent_at: sentAt,
        client_message_id: clientMessageId ?? null,
      })
      .onConflict((conflict) =>
        conflict.columns(['room_id', 'author_id', 'client_message_id']).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (row) {
      const message: ChatMessage = {
        id: Number(row.id),
        roomId,
        authorId: author.userId,
        authorName: author.displayName,
        text,
        sentAt,
      };
      return { message, created: true };
    }
    const stored = await this.select(roomId)
      .where('m.author_id', '=', author.userId)
      .where('m.client_message_id', '=', clientMessageId!)
      .executeTakeFirstOrThrow();
    return { message: toMessage(stored), created: false };
  }

  /** The `limit` messages before `before` (or the newest), oldest first. */
  async history(roomId: string, limit: number, before?: number): Promise<ChatPage> {
    let query = this.select(roomId)
      .orderBy('m.id', 'desc')
      .limit(limit + 1);
    if (before !== undefined) query = query.where('m.id', '<', before);
    const rows = await query.execute();
    const hasMore = rows.length > limit;
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore };
  }

  /** Messages after `after`, oldest first, at most `limit`; hasMore when more were missed. */
  async since(roomId: string, after: number, limit: number): Promise<ChatPage> {
    const rows = await this.select(roomId)
      .where('m.id', '>', after)
      .orderBy('m.id', 'asc')
      .limit(limit + 1)
      .execute();
    return { messages: rows.slice(0, limit).map(toMessage), hasMore: rows.length > limit };
  }

  private select(roomId: string) {
    return this.store.db
      .selectFrom('live_chat_messages as m')
      .innerJoin('users as u', 'u.id', 'm.author_id')
      .select([
        'm.id',
        'm.room_id',
        'm.author_id',
        'm.text',
        'm.sent_at',
        'u.display_name as author_name',
      ])
      .where('m.room_id', '=', roomId);
  }
}
