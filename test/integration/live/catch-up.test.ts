import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ChatMessage,
  MentoringSessionState,
  RoomSnapshot,
} from '../../../shared/schemas/live';
import { createPairRoom } from '../../helpers/people';
import { connectAs, nextEvent, type LiveServer, ok, startLiveServer } from './live-helpers';

let server: LiveServer;

beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(() => server.stop());

describe('catching up after a dropped connection', () => {
  it('gives her the messages she missed and the current turn and timer when she rejoins', async () => {
    const { roomId, a, b } = await createPairRoom(server.mutua);
    const amina = await connectAs(server, a);
    const sofia = await connectAs(server, b, { reconnection: true });
    await ok(amina, 'room:join', { roomId });
    await ok<ChatMessage>(amina, 'chat:send', { roomId, text: 'seen before the drop' });
    const before = await ok<RoomSnapshot>(sofia, 'room:join', { roomId });
    const lastMessageId = before.chat.messages.at(-1)!.id;
    await ok(amina, 'session:start', { roomId });

    const dropped = nextEvent(sofia, 'disconnect');
    sofia.io.engine.close();
    await dropped;
    const back = nextEvent(sofia, 'connect');
    const missed = [];
    for (const text of ['one', 'two', 'three'])
      missed.push(await ok<ChatMessage>(amina, 'chat:send', { roomId, text }));
    const turn = await ok<MentoringSessionState>(amina, 'session:next', { roomId });

    // The client library reconnects by itself; the room page rejoins with what it has.
    await back;
    const after = await ok<RoomSnapshot>(sofia, 'room:join', { roomId, lastMessageId });
    expect(after.chat).toEqual({ messages: missed, hasMore: false });
    expect(after.session).toMatchObject({
      id: turn.id,
      current: 1,
      version: turn.version,
      timer: turn.timer,
    });
    expect(after.session!.serverTime).toBeGreaterThanOrEqual(turn.serverTime);
    amina.close();
    sofia.close();
  });
});
