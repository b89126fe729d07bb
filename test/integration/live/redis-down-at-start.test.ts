import { afterAll, describe, expect, it } from 'vitest';
import type { RoomPresence, RoomSnapshot } from '../../../shared/schemas/live';
import { createPairRoom } from '../../helpers/people';
import { startRedis, type PrivateRedis } from '../../helpers/redis';
import { connectAs, type LiveServer, ok, record, startLiveServer } from './live-helpers';

let redis: PrivateRedis | undefined;
let server: LiveServer | undefined;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);

afterAll(async () => {
  await server?.stop();
  await redis?.stop();
  process.off('unhandledRejection', onUnhandled);
});

describe('Redis unreachable when the server starts', () => {
  it('starts anyway, serves rooms with degraded presence, and recovers when Redis appears', async () => {
    redis = await startRedis();
    await redis.kill();
    const startedAt = Date.now();
    server = await startLiveServer({
      env: { REDIS_URL: redis.url },
      live: { heartbeatMs: 200, ttlMs: 1_000, graceMs: 1_500 },
    });
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    const { roomId, a } = await createPairRoom(server.mutua);
    const amina = await connectAs(server, a);
    const presence = record<RoomPresence>(amina, 'presence:changed');
    const snapshot = await ok<RoomSnapshot>(amina, 'room:join', { roomId });
    expect(snapshot.presence.degraded).toBe(true);
    await ok(amina, 'chat:send', { roomId, text: 'Works without Redis' });

    await redis.restart();
    await expect.poll(() => presence.at(-1)?.degraded, { timeout: 10_000 }).toBe(false);
    expect(presence.at(-1)?.people.find((p) => p.userId === a.userId)?.status).toBe('online');
    amina.close();
    expect(unhandled).toEqual([]);
  });
});
