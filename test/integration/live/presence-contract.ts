import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PresenceStore, PresenceTimings } from '../../../server/presence/presence-store';

/** A clock the test moves by hand, so that TTL and grace run without waiting. */
export class FakeClock {
  at = 1_700_000_000_000;
  now = () => this.at;
  advance(ms: number) {
    this.at += ms;
  }
}

export const TIMINGS: PresenceTimings = { graceMs: 12_000, ttlMs: 20_000 };

export interface PresenceHarness {
  /** A store as one process holds it; calls share the backend (Redis) when it has one. */
  make(clock: FakeClock): Promise<PresenceStore>;
  cleanup?(): Promise<void>;
}

let roomCounter = 0;

/** The behaviour every PresenceStore must show; run against each implementation. */
export function presenceContract(name: string, harness: () => PresenceHarness) {
  describe(`PresenceStore contract: ${name}`, () => {
    let clock: FakeClock;
    let store: PresenceStore;
    let h: PresenceHarness;
    let room: string;
    const conn = (userId: string, connId: string, extra = {}) => ({
      roomId: room,
      userId,
      connId,
      status: 'online' as const,
      focusedCardId: null,
      ...extra,
    });
    const statusOf = async (userId: string, s = store) =>
      (await s.list(room)).people.find((p) => p.userId === userId)?.status;

    beforeEach(async () => {
      h = harness();
      clock = new FakeClock();
      store = await h.make(clock);
      room = `room-${process.pid}-${(roomCounter += 1)}-${Date.now()}`;
    });
    afterEach(async () => {
      await store.close();
      await h.cleanup?.();
    });

    it('shows two tabs of one person as one presence, with the best status and newest card', async () => {
      await store.put(conn('amina', 't1', { status: 'away' }));
      clock.advance(10);
      await store.put(conn('amina', 't2', { status: 'idle', focusedCardId: 'card-0001' }));
      const { people, degraded } = await store.list(room);
      expect(degraded).toBe(false);
      expect(people).toEqual([
        { userId: 'amina', status: 'idle', focusedCardId: 'card-0001', lastSeen: clock.at },
      ]);
    });

    it('keeps her online when one of two tabs drops', async () => {
      await store.put(conn('amina', 't1'));
      await store.put(conn('amina', 't2'));
      await store.drop(room, 'amina', 't1');
      expect(await statusOf('amina')).toBe('online');
    });

    it('shows reconnecting during the grace period, then offline with her last-seen time', async () => {
      await store.put(conn('amina', 't1'));
      clock.advance(1_000);
      await store.drop(room, 'amina', 't1');
      const droppedAt = clock.at;
      clock.advance(TIMINGS.graceMs - 1);
      expect(await statusOf('amina')).toBe('reconnecting');
      clock.advance(2);
      const { people } = await store.list(room);
      expect(people).toEqual([
        { userId: 'amina', status: 'offline', focusedCardId: null, lastSeen: droppedAt },
      ]);
    });

    it('is online again when she reconnects within the grace period', async () => {
      await store.put(conn('amina', 't1'));
      await store.drop(room, 'amina', 't1');
      clock.advance(5_000);
      await store.put(conn('amina', 't9'));
      clock.advance(TIMINGS.graceMs);
      expect(await statusOf('amina')).toBe('online');
    });

    it('shows offline at once when she leaves on purpose or is removed', async () => {
      await store.put(conn('amina', 't1'));
      await store.put(conn('sofia', 't1'));
      await store.put(conn('sofia', 't2'));
      await store.remove(room, 'amina', 't1');
      await store.removeUser(room, 'sofia');
      expect(await statusOf('amina')).toBe('offline');
      expect(await statusOf('sofia')).toBe('offline');
    });

    it('lets entries lapse after the TTL without heartbeats, and keeps them with heartbeats', async () => {
      await store.put(conn('amina', 't1'));
      for (let i = 0; i < 3; i += 1) {
        clock.advance(TIMINGS.ttlMs - 1_000);
        await store.heartbeat();
      }
      expect(await statusOf('amina')).toBe('online');
      clock.advance(TIMINGS.ttlMs + 1);
      expect(await statusOf('amina')).toBe('offline');
    });

    it('keeps rooms apart', async () => {
      await store.put(conn('amina', 't1'));
      await store.put({ ...conn('sofia', 't1'), roomId: `${room}-other` });
      expect((await store.list(room)).people.map((p) => p.userId)).toEqual(['amina']);
    });
  });
}
