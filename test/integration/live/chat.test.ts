import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ChatPage, RoomSnapshot } from '../../../shared/schemas/live';
import { createPairRoom } from '../../helpers/people';
import { connectAs, type LiveServer, ok, record, request, startLiveServer } from './live-helpers';

let server: LiveServer;
let fixture: Awaited<ReturnType<typeof createPairRoom>>;

beforeAll(async () => {
  server = await startLiveServer();
  fixture = await createPairRoom(server.mutua);
});
afterAll(() => server.stop());

/** Both members joined to the fixture's room; what Sofía's socket receives is recorded. */
async function bothInRoom() {
  const { roomId, a, b } = fixture;
  const amina = await connectAs(server, a);
  const sofia = await connectAs(server, b);
  await ok(amina, 'room:join', { roomId });
  await ok(sofia, 'room:join', { roomId });
  return { amina, sofia, received: record<ChatMessage>(sofia, 'chat:message') };
}

describe('room chat', () => {
  it('delivers a message to the other member and keeps it in the history', async () => {
    const { roomId, a } = fixture;
    const { amina, sofia, received } = await bothInRoom();
    const sent = await ok<ChatMessage>(amina, 'chat:send', {
      roomId,
      text: '<b>Hola</b> https://x.example',
    });
    await expect.poll(() => received.map((m) => m.id)).toContain(sent.id);
    expect(received[0]).toMatchObject({
      authorId: a.userId,
      authorName: 'Amina',
      text: '<b>Hola</b> https://x.example',
    });
    const page = await ok<ChatPage>(sofia, 'chat:history', { roomId, limit: 10 });
    expect(page.messages.at(-1)).toEqual(sent);
    amina.close();
    sofia.close();
  });

  it('stores and announces once a message sent again under the same client id, and answers both sends with it', async () => {
    const { roomId, b } = fixture;
    const { amina, sofia, received } = await bothInRoom();
    const clientMessageId = 'c1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6';
    const payload = { roomId, text: 'Did my message go?', clientMessageId };
    // Two sends before any answer: a double press, or a retry after an answer was lost.
    const [first, again] = await Promise.all([
      ok<ChatMessage>(amina, 'chat:send', payload),
      ok<ChatMessage>(amina, 'chat:send', payload),
    ]);
    expect(again).toEqual(first);
    // Sofía's socket receives in order: once the next message is in, a repeat would be too.
    const next = await ok<ChatMessage>(amina, 'chat:send', { roomId, text: 'Yes it did' });
    await expect.poll(() => received.map((m) => m.id)).toContain(next.id);
    expect(received.map((m) => m.id)).toEqual([first.id, next.id]);
    const page = await ok<ChatPage>(sofia, 'chat:history', { roomId, limit: 5 });
    expect(page.messages.filter((m) => m.text === 'Did my message go?')).toHaveLength(1);
    // The id is hers alone: Sofía may use the same one for her own message.
    const hers = await ok<ChatMessage>(sofia, 'chat:send', { ...payload, text: 'Mine too' });
    expect(hers.id).not.toBe(first.id);
    expect(hers.authorId).toBe(b.userId);
    expect(await request(amina, 'chat:send', { ...payload, clientMessageId: 'no' })).toMatchObject({
      ok: false,
      code: 'validation_failed',
    });
    amina.close();
    sofia.close();
  });

  it('pages back through history, oldest first', async () => {
    const { roomId, a } = fixture;
    const amina = await connectAs(server, a);
    await ok(amina, 'room:join', { roomId });
    for (let i = 0; i < 7; i += 1) await ok(amina, 'chat:send', { roomId, text: `m${i}` });
    const first = await ok<ChatPage>(amina, 'chat:history', { roomId, limit: 3 });
    expect(first.messages.map((m) => m.text)).toEqual(['m4', 'm5', 'm6']);
    expect(first.hasMore).toBe(true);
    const second = await ok<ChatPage>(amina, 'chat:history', {
      roomId,
      limit: 3,
      before: first.messages[0]!.id,
    });
    expect(second.messages.map((m) => m.text)).toEqual(['m1', 'm2', 'm3']);
    const snapshot = await ok<RoomSnapshot>(amina, 'room:join', { roomId });
    expect(snapshot.chat.messages.at(-1)?.text).toBe('m6');
    amina.close();
  });

  it('refuses a message over 2,000 characters, and one from a socket that did not join', async () => {
    const { roomId, a } = fixture;
    const amina = await connectAs(server, a);
    const notJoined = await request(amina, 'chat:send', { roomId, text: 'hi' });
    expect(notJoined).toMatchObject({ ok: false, code: 'forbidden' });
    await ok(amina, 'room:join', { roomId });
    const long = await request(amina, 'chat:send', { roomId, text: 'x'.repeat(2_001) });
    expect(long).toMatchObject({ ok: false, code: 'validation_failed' });
    expect(await request(amina, 'chat:send', { roomId, text: 'x'.repeat(2_000) })).toMatchObject({
      ok: true,
    });
    amina.close();
  });

  it('refuses to let a non-member join the room', async () => {
    const { roomId, facilitator } = fixture;
    const fatou = await connectAs(server, facilitator);
    expect(await request(fatou, 'room:join', { roomId })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await request(fatou, 'room:join', { roomId: 'unknownroom123' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    fatou.close();
  });
});
