import type { ChatMessage } from '../../shared/schemas/live';
import { ChatService } from '../../server/live/chat-service';
import { openStore } from '../../server/store/database';

const PAGE = 500;

/**
 * Acknowledged messages that the rooms' chat history does not hold, read through the chat
 * service from the data folder with no server running.
 */
export async function missingMessages(
  dataDir: string,
  acked: readonly ChatMessage[],
): Promise<number> {
  const store = openStore({ dataDir, databaseUrl: undefined });
  try {
    const chat = new ChatService(store);
    const stored = new Map<number, string>();
    for (const roomId of new Set(acked.map((m) => m.roomId))) {
      let after = 0;
      for (;;) {
        const page = await chat.since(roomId, after, PAGE);
        for (const m of page.messages) stored.set(m.id, m.text);
        if (!page.hasMore || page.messages.length === 0) break;
        after = page.messages.at(-1)!.id;
      }
    }
    return acked.filter((m) => stored.get(m.id) !== m.text).length;
  } finally {
    await store.close();
  }
}
