import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ChatMessage,
  MentoringSessionState,
  RoomPresence,
} from '../../../shared/schemas/live';
import { createPairRoom } from '../../helpers/people';
import { startRedis, type PrivateRedis } from '../../helpers/redis';
import { tempDir } from '../../helpers/temp-dir';
import { connectAs, nextEvent, type LiveServer, ok, record, startLiveServer } from './live-helpers';

// Two servers on different ports, one Redis, one database: as two processes behind a balancer.
const LIVE = { graceMs: 1_500, heartbeatMs: 200, ttlMs: 1_000 };
let redis: PrivateRedis;
let one: LiveServer;
let two: LiveServer;
const data = tempDir();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  redis = await startRedis();
  const env = { REDIS_URL: redis.url };
  one = await startLiveServer({ env, dataDir: data.path, live: LIVE });
  two = await startLiveServer({ env, dataDir: data.path, live: LIVE });
});
afterAll(async () => {
  await one.stop();
  await two.stop();
  await redis.stop();
  data.remove();
  process.off('unhandledRejection', onUnhandled);
});

const person = (p: RoomPresence | undefined, userId: string) =>
  p?.people.find((x) => x.userId === userId);

describe('two server processes sharing Redis', () => {
  it('share presence, chat and turns, and ride out a Redis outage', async () => {
    const { roomId, a, b } = await createPairRoom(one.mutua);
    const amina = await connectAs(one, a);
    const sofiaOnTwo = await connectAs(two, b);
    const sofiaOnOne = await connectAs(one, b);
    await ok(amina, 'room:join', { roomId });
    const presence = record<RoomPresence>(sofiaOnTwo, 'presence:changed');
    const local = record<RoomPresence>(sofiaOnOne, 'presence:changed');
    const chat = record<ChatMessage>(sofiaOnTwo, 'chat:message');
    const chatOnOne = record<ChatMessage>(sofiaOnOne, 'chat:message');
    const states = record<MentoringSessionState>(amina, 'session:state');
    await ok(sofiaOnTwo, 'room:join', { roomId });
    await ok(sofiaOnOne, 'room:join', { roomId });

    // Presence: Amina is on process one, Sofía sees her from process two within 1 s.
    await ok(amina, 'presence:update', { roomId, status: 'away' });
    await expect
      .poll(() => person(presence.at(-1), a.userId)?.status, { timeout: 1_000 })
      .toBe('away');
    // Chat and turns cross processes.
    const sent = await ok<ChatMessage>(amina, 'chat:send', { roomId, text: 'Across the ocean' });
    await expect.poll(() => chat.map((m) => m.id), { timeout: 1_000 }).toContain(sent.id);
    const started = await ok<MentoringSessionState>(sofiaOnTwo, 'session:start', { roomId });
    await expect.poll(() => states.at(-1)?.id, { timeout: 1_000 }).toBe(started.id);

    // Redis dies: each process carries on with its own members; presence says degraded.
    await redis.kill();
    await expect.poll(() => local.at(-1)?.degraded, { timeout: 5_000 }).toBe(true);
    const during = await ok<ChatMessage>(amina, 'chat:send', { roomId, text: 'Redis is down' });
    await expect.poll(() => chatOnOne.map((m) => m.id), { timeout: 1_000 }).toContain(during.id);
    const next = await ok<MentoringSessionState>(amina, 'session:next', { roomId });
    expect(next.current).toBe(1);

    // Redis returns: presence is whole again and messages cross processes again.
    await redis.restart();
    await expect
      .poll(
        () => {
          const p = presence.at(-1);
          return p && !p.degraded && person(p, a.userId)?.status;
        },
        { timeout: 10_000 },
      )
      .toBe('away');
    await expect.poll(() => local.at(-1)?.degraded, { timeout: 5_000 }).toBe(false);
    const after = await ok<ChatMessage>(amina, 'chat:send', { roomId, text: 'Back again' });
    await expect.poll(() => chat.map((m) => m.id), { timeout: 5_000 }).toContain(after.id);

    // A removal on process one reaches her socket on process two within a second.
    const evicted = nextEvent(sofiaOnTwo, 'room:evicted', 1_000);
    await one.mutua.live.evictMember(roomId, b.userId);
    expect(await evicted).toEqual({ roomId, reason: 'removed' });
    expect(unhandled).toEqual([]);
    for (const s of [amina, sofiaOnOne, sofiaOnTwo]) s.close();
  });
});
