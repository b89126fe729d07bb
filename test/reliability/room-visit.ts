import * as Y from 'yjs';
import { addCard, initBoard } from '../../shared/board';
import type { Person } from '../helpers/people';
import { once } from '../helpers/wait';
import { openProvider } from '../integration/board/board-clients';
import { connectAs, ok } from '../integration/live/live-helpers';
import type { PairRoom } from './seed-rooms';

/** A board that does not sync within this long counts as a failed visit. */
const SYNC_MS = 10_000;

/**
 * One visit, as a tab opened then closed: Socket.IO (join the room, change presence, and on
 * every third visit say something in the chat) and, at the same time, the room's board over
 * y-websocket (sync, then add a card). Both close at the end, whatever happened. Resolves
 * with the card's id; rejects with the step that failed.
 */
export async function visitRoom(
  baseUrl: string,
  room: PairRoom,
  person: Person,
  visit: number,
): Promise<string> {
  const socket = await connectAs({ url: baseUrl }, person);
  const doc = new Y.Doc();
  let provider: ReturnType<typeof openProvider>['provider'] | undefined;
  try {
    const { roomId } = room;
    await ok(socket, 'room:join', { roomId });
    await ok(socket, 'presence:update', { roomId, status: visit % 2 ? 'away' : 'idle' });
    if (visit % 3 === 0) await ok(socket, 'chat:send', { roomId, text: `Visit ${visit}` });
    provider = openProvider(baseUrl, room.boardId, person.token, doc).provider;
    await once(provider, 'sync', SYNC_MS);
    const owners = [room.a.userId, room.b.userId];
    initBoard(doc, { title: 'Churn', kind: 'pair', owners }, 'visit');
    return addCard(
      doc,
      { kind: 'lesson', text: `Visit ${visit}`, author: person.userId, lang: 'en' },
      'visit',
    );
  } finally {
    // The update above is queued on the socket before its close frame: it reaches the server.
    provider?.destroy();
    doc.destroy();
    socket.close();
  }
}
