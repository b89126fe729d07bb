import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, RoomPresence, RoomSnapshot } from '../../../shared/schemas/live';
import { createPairRoom } from '../../helpers/people';
import {
  connectAs,
  nextEvent,
  type LiveServer,
  ok,
  record,
  request,
  startLiveServer,
} from './live-helpers';

let server: LiveServer;

beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(() => server.stop());

describe('removing a member from a room while she is connected', () => {
  it('takes her out of the live room within 1 s, and she cannot come back', async () => {
    const { roomId, rooms, a, b } = await createPairRoom(server.mutua);
    const amina = await connectAs(server, a);
    const sofia = await connectAs(server, b);
    await ok(amina, 'room:join', { roomId });
    await ok(sofia, 'room:join', { roomId });
    await ok(sofia, 'chat:send', { roomId, text: 'Before I go' });
    const presence = record<RoomPresence>(amina, 'presence:changed');
    const sofiaGot = record<ChatMessage>(sofia, 'chat:message');

    const evicted = nextEvent(sofia, 'room:evicted', 1_000);
    await rooms.removeRoomMember(roomId, b.userId);
    await server.mutua.live.evictMember(roomId, b.userId);
    expect(await evicted).toEqual({ roomId, reason: 'removed' });
    await expect
      .poll(() => presence.at(-1)?.people.find((p) => p.userId === b.userId)?.status, {
        timeout: 1_000,
      })
      .toBe('offline');

    await ok(amina, 'chat:send', { roomId, text: 'After she left' });
    expect(await request(sofia, 'chat:send', { roomId, text: 'still here?' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    // No longer hers to know of: answered as an unknown room.
    expect(await request(sofia, 'room:join', { roomId })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    const history = await ok<{ messages: ChatMessage[] }>(amina, 'chat:history', {
      roomId,
      limit: 10,
    });
    expect(history.messages.map((m) => [m.authorName, m.text])).toEqual([
      ['Sofía', 'Before I go'],
      ['Amina', 'After she left'],
    ]);
    expect(sofiaGot.map((m) => m.text)).not.toContain('After she left');
    amina.close();
    sofia.close();
  });

  it('follows a removal made through the REST API', async () => {
    const { roomId, facilitator, a, b } = await createPairRoom(server.mutua);
    const sofia = await connectAs(server, b);
    await ok(sofia, 'room:join', { roomId });
    const evicted = nextEvent(sofia, 'room:evicted', 1_000);
    const response = await fetch(`${server.url}/api/rooms/${roomId}/members/${b.userId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${facilitator.token}` },
    });
    expect(response.status).toBe(200);
    expect(await evicted).toEqual({ roomId, reason: 'removed' });
    expect(await request(sofia, 'room:join', { roomId })).toMatchObject({ code: 'not_found' });
    const amina = await connectAs(server, a);
    const snapshot = await ok<RoomSnapshot>(amina, 'room:join', { roomId });
    expect(snapshot.members.map((m) => m.userId)).toEqual([a.userId]);
    amina.close();
    sofia.close();
  });
});
