import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomPresence, RoomSnapshot } from '../../../shared/schemas/live';
import { createPairRoom } from '../../helpers/people';
import { connectAs, nextEvent, type LiveServer, ok, record, startLiveServer } from './live-helpers';

// Scaled down from the defaults (grace 12 s, heartbeat 5 s, TTL 20 s).
const GRACE_MS = 1_500;
let server: LiveServer;
let fixture: Awaited<ReturnType<typeof createPairRoom>>;

beforeAll(async () => {
  server = await startLiveServer({ live: { graceMs: GRACE_MS, heartbeatMs: 200, ttlMs: 1_000 } });
  fixture = await createPairRoom(server.mutua);
});
afterAll(() => server.stop());

const statusIn = (events: RoomPresence[], userId: string) =>
  events.map((e) => e.people.find((p) => p.userId === userId)?.status);

describe('presence in a live room', () => {
  it('shows her arrival, her idle state and the card she looks at to the other within 1 s', async () => {
    const { roomId, a, b } = fixture;
    const sofia = await connectAs(server, b);
    await ok(sofia, 'room:join', { roomId });
    const seen = record<RoomPresence>(sofia, 'presence:changed');
    const amina = await connectAs(server, a);
    const snapshot = await ok<RoomSnapshot>(amina, 'room:join', { roomId });
    expect(snapshot.members.map((m) => m.displayName).sort()).toEqual(['Amina', 'Sofía']);
    expect(snapshot.presence.people.find((p) => p.userId === b.userId)?.status).toBe('online');
    await expect.poll(() => statusIn(seen, a.userId), { timeout: 1_000 }).toContain('online');
    await ok(amina, 'presence:update', { roomId, status: 'idle', focusedCardId: 'card-123456' });
    await expect
      .poll(() => seen.at(-1)?.people.find((p) => p.userId === a.userId), { timeout: 1_000 })
      .toMatchObject({ status: 'idle', focusedCardId: 'card-123456' });
    amina.close();
    sofia.close();
  });

  it('announces a status once: a repeated heartbeat that changes nothing sends nothing', async () => {
    const { roomId, a, b } = fixture;
    const sofia = await connectAs(server, b);
    await ok(sofia, 'room:join', { roomId });
    const amina = await connectAs(server, a);
    const seen = record<RoomPresence>(sofia, 'presence:changed');
    await ok(amina, 'room:join', { roomId });
    await ok(amina, 'presence:update', { roomId, status: 'idle' });
    await expect.poll(() => statusIn(seen, a.userId).at(-1), { timeout: 1_000 }).toBe('idle');
    const before = seen.length;
    await ok(amina, 'presence:update', { roomId, status: 'idle' });
    await ok(amina, 'presence:update', { roomId, status: 'idle' });
    await ok(amina, 'presence:update', { roomId, status: 'online' });
    await expect.poll(() => statusIn(seen, a.userId).at(-1), { timeout: 1_000 }).toBe('online');
    // Events keep their order: nothing came for the two repeats before the change.
    expect(statusIn(seen.slice(before), a.userId)).toEqual(['online']);
    amina.close();
    sofia.close();
  });

  it('counts two tabs as one presence: closing one keeps her online', async () => {
    const { roomId, a, b } = fixture;
    const sofia = await connectAs(server, b);
    await ok(sofia, 'room:join', { roomId });
    const tab1 = await connectAs(server, a);
    const tab2 = await connectAs(server, a);
    await ok(tab1, 'room:join', { roomId });
    const snapshot = await ok<RoomSnapshot>(tab2, 'room:join', { roomId });
    expect(snapshot.presence.people.filter((p) => p.userId === a.userId)).toHaveLength(1);
    const seen = record<RoomPresence>(sofia, 'presence:changed');
    tab1.close();
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    expect(statusIn(seen, a.userId).at(-1)).toBe('online');
    tab2.close();
    sofia.close();
  });

  it('shows a short drop as reconnecting and never announces a departure', async () => {
    const { roomId, a, b } = fixture;
    const sofia = await connectAs(server, b);
    const amina = await connectAs(server, a);
    await ok(sofia, 'room:join', { roomId });
    await ok(amina, 'room:join', { roomId });
    const seen = record<RoomPresence>(sofia, 'presence:changed');
    const droppedAt = Date.now();
    amina.io.engine.close();
    await expect.poll(() => statusIn(seen, a.userId), { timeout: 1_000 }).toContain('reconnecting');
    amina.connect();
    await nextEvent(amina, 'connect');
    await ok(amina, 'room:join', { roomId });
    await expect.poll(() => statusIn(seen, a.userId).at(-1)).toBe('online');
    // Well past the grace period: still no departure announced.
    await expect
      .poll(() => Date.now() - droppedAt, { timeout: GRACE_MS * 3 })
      .toBeGreaterThan(GRACE_MS + 600);
    expect(statusIn(seen, a.userId)).not.toContain('offline');
    amina.close();
    sofia.close();
  });

  it('announces a departure only once a drop outlasts the grace period', async () => {
    const { roomId, a, b } = fixture;
    const sofia = await connectAs(server, b);
    const amina = await connectAs(server, a);
    await ok(sofia, 'room:join', { roomId });
    await ok(amina, 'room:join', { roomId });
    const seen = record<RoomPresence>(sofia, 'presence:changed');
    const times: number[] = [];
    sofia.on('presence:changed', () => times.push(Date.now()));
    const droppedAt = Date.now();
    amina.io.engine.close();
    await expect
      .poll(() => statusIn(seen, a.userId), { timeout: GRACE_MS * 3 })
      .toContain('offline');
    const announcedAt = times[statusIn(seen, a.userId).indexOf('offline')]!;
    expect(announcedAt - droppedAt).toBeGreaterThanOrEqual(GRACE_MS);
    expect(announcedAt - droppedAt).toBeLessThan(GRACE_MS + 1_000);
    const last = seen.at(-1)!.people.find((p) => p.userId === a.userId)!;
    expect(last.lastSeen).toBeGreaterThanOrEqual(droppedAt);
    sofia.close();
  });
});
