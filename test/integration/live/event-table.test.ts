import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AckResult } from '../../../shared/events';
import { createPairRoom } from '../../helpers/people';
import { connectAs, type LiveServer, ok, request, startLiveServer } from './live-helpers';

let server: LiveServer;
let fixture: Awaited<ReturnType<typeof createPairRoom>>;

beforeAll(async () => {
  // A budget of 1 event a second, bursts of 2: counted by hand, with a second of slack.
  server = await startLiveServer({ live: { eventsPerSecond: 1 } });
  fixture = await createPairRoom(server.mutua);
});
afterAll(() => server.stop());

describe('the live events every socket shares', () => {
  it('serves every event through one listener per socket, with no listener per event', async () => {
    const { roomId, a } = fixture;
    const amina = await connectAs(server, a);
    await ok(amina, 'room:join', { roomId });
    const [socket] = await server.mutua.io.in(`user:${a.userId}`).fetchSockets();
    const local = server.mutua.io.sockets.sockets.get(socket!.id)!;
    expect(local.listenersAny()).toHaveLength(1);
    expect(local.listeners('presence:update' as never)).toHaveLength(0);
    expect(local.listeners('clock:sync' as never)).toHaveLength(0);
    amina.close();
  });

  it('ignores names that are not events without spending the budget, and still answers the rest in order', async () => {
    const { roomId, b } = fixture;
    const sofia = await connectAs(server, b);
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) {
      (sofia as unknown as { emit(e: string, p: unknown, ack: () => void): void }).emit(
        `not:an-event-${i}`,
        { roomId },
        () => answers.push(`answered not:an-event-${i}`),
      );
    }
    const clock = await request<{ clientTime: number }>(sofia, 'clock:sync', { clientTime: 42 });
    // Sent after the ten: had any been answered, its ack would have come first.
    expect(clock).toMatchObject({ ok: true, data: { clientTime: 42 } });
    expect(answers).toEqual([]);
    // The clock took one of the burst of two: one more passes, the next does not.
    const results: AckResult<unknown>[] = [];
    for (let i = 0; i < 2; i++) results.push(await request(sofia, 'clock:sync', { clientTime: i }));
    expect(results[0]).toMatchObject({ ok: true });
    expect(results[1]).toMatchObject({ ok: false, code: 'rate_limited' });
    sofia.close();
  });

  it('validates each payload against its own event’s schema before the handler runs', async () => {
    const { a } = fixture;
    const amina = await connectAs(server, a);
    expect(await request(amina, 'clock:sync', { clientTime: 'noon' })).toMatchObject({
      ok: false,
      code: 'validation_failed',
    });
    expect(
      await request(amina, 'presence:update', { roomId: 'x', status: 'asleep' }),
    ).toMatchObject({ ok: false, code: 'validation_failed' });
    amina.close();
  });
});
