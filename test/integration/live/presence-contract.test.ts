import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { MemoryPresenceStore } from '../../../server/presence/memory-presence-store';
import { RedisPresenceStore } from '../../../server/presence/redis-presence-store';
import { startRedis, type PrivateRedis } from '../../helpers/redis';
import { FakeClock, presenceContract, TIMINGS } from './presence-contract';

let redis: PrivateRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.stop());

type Client = ReturnType<typeof createClient>;
const clients: Client[] = [];
async function redisClient() {
  const client = createClient({ url: redis.url, disableOfflineQueue: true });
  client.on('error', () => undefined);
  await client.connect();
  clients.push(client);
  return client;
}
async function closeClients() {
  for (const c of clients.splice(0)) if (c.isOpen) await c.close();
}

presenceContract('in process', () => ({
  make: async (clock) => new MemoryPresenceStore(TIMINGS, clock.now),
}));

presenceContract('Redis', () => ({
  make: async (clock) => new RedisPresenceStore(await redisClient(), TIMINGS, clock.now),
  cleanup: closeClients,
}));

describe('RedisPresenceStore across processes', () => {
  it('shows a person connected through one process to another process', async () => {
    const clock = new FakeClock();
    const one = new RedisPresenceStore(await redisClient(), TIMINGS, clock.now);
    const two = new RedisPresenceStore(await redisClient(), TIMINGS, clock.now);
    await one.put({
      roomId: 'shared-room',
      userId: 'amina',
      connId: 'a',
      status: 'online',
      focusedCardId: null,
    });
    await two.put({
      roomId: 'shared-room',
      userId: 'sofia',
      connId: 'b',
      status: 'away',
      focusedCardId: null,
    });
    const seen = (await two.list('shared-room')).people.map((p) => [p.userId, p.status]);
    expect(seen).toEqual([
      ['amina', 'online'],
      ['sofia', 'away'],
    ]);
    // Process one crashes: no more heartbeats; its entry lapses after the TTL.
    clock.advance(TIMINGS.ttlMs + 1);
    await two.heartbeat();
    const after = (await two.list('shared-room')).people.map((p) => [p.userId, p.status]);
    expect(after).toEqual([
      ['amina', 'offline'],
      ['sofia', 'away'],
    ]);
    await two.close();
    await closeClients();
  });

  it('answers from its own connections, marked degraded, while Redis is unreachable', async () => {
    const clock = new FakeClock();
    const client = await redisClient();
    const store = new RedisPresenceStore(client, TIMINGS, clock.now);
    await store.put({
      roomId: 'r-degraded',
      userId: 'amina',
      connId: 'a',
      status: 'online',
      focusedCardId: null,
    });
    client.destroy();
    await store.put({
      roomId: 'r-degraded',
      userId: 'sofia',
      connId: 'b',
      status: 'online',
      focusedCardId: null,
    });
    const list = await store.list('r-degraded');
    expect(list.degraded).toBe(true);
    expect(list.people.map((p) => p.userId)).toEqual(['amina', 'sofia']);
    await closeClients();
  });
});
