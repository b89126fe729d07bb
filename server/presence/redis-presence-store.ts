import type { RedisConnection } from './redis-connection';
import { MemoryPresenceStore } from './memory-presence-store';
import {
  type ConnectionPresence,
  entryKey,
  mergePresence,
  type PresenceEntry,
  type PresenceStore,
  type PresenceTimings,
  type RoomPresenceList,
} from './presence-store';

const entriesKey = (roomId: string) => `mutua:presence:${roomId}`;
const seenKey = (roomId: string) => `mutua:presence-seen:${roomId}`;
/** Last-seen times outlive connections; a room nobody opens for 30 days forgets them. */
const SEEN_KEEP_MS = 30 * 24 * 3_600_000;

function parseEntry(raw: string): PresenceEntry | null {
  try {
    const value = JSON.parse(raw) as PresenceEntry;
    return typeof value.userId === 'string' && typeof value.expiresAt === 'number' ? value : null;
  } catch {
    return null;
  }
}

/**
 * Presence shared by every process through Redis: one hash of connection entries per room
 * (field `userId|connId`, value JSON with its own expiry time) and one hash of last-seen
 * times. No KEYS or SCAN: a room's hash is found from its id. Each process refreshes its
 * own entries every heartbeat, so the entries of a crashed process lapse after the TTL;
 * readers skip lapsed entries and delete them. Every write goes to a local mirror first:
 * while Redis is unreachable, `list` answers from the mirror with `degraded: true`, and
 * the next heartbeat that reaches Redis writes the mirror back.
 */
export class RedisPresenceStore implements PresenceStore {
  private readonly mirror: MemoryPresenceStore;
  private pendingRemovals: { roomId: string; userId: string; connId: string | null }[] = [];
  /** A write failed: the next heartbeat that reaches Redis also writes last-seen times. */
  private unsynced = false;
  private readonly keyTtlMs: number;

  constructor(
    private readonly redis: RedisConnection,
    private readonly timings: PresenceTimings,
    private readonly now: () => number = Date.now,
  ) {
    this.mirror = new MemoryPresenceStore(timings, now);
    // The hash itself lapses when no process refreshes any entry of the room any more.
    this.keyTtlMs = Math.max(timings.ttlMs, timings.graceMs) * 4;
  }

  async put(conn: ConnectionPresence): Promise<void> {
    await this.mirror.put(conn);
    await this.write([conn.roomId], [this.own(conn.roomId, conn.userId, conn.connId)]);
  }

  async drop(roomId: string, userId: string, connId: string): Promise<void> {
    await this.mirror.drop(roomId, userId, connId);
    await this.write([roomId], [this.own(roomId, userId, connId)]);
  }

  async remove(roomId: string, userId: string, connId: string): Promise<void> {
    await this.mirror.remove(roomId, userId, connId);
    await this.removeInRedis({ roomId, userId, connId });
  }

  async removeUser(roomId: string, userId: string): Promise<void> {
    await this.mirror.removeUser(roomId, userId);
    await this.removeInRedis({ roomId, userId, connId: null });
  }

  async list(roomId: string): Promise<RoomPresenceList> {
    try {
      const [rawEntries, rawSeen] = await Promise.all([
        this.redis.hGetAll(entriesKey(roomId)),
        this.redis.hGetAll(seenKey(roomId)),
      ]);
      const now = this.now();
      const entries: PresenceEntry[] = [];
      const lapsed: string[] = [];
      for (const [field, raw] of Object.entries(rawEntries)) {
        const entry = parseEntry(raw);
        if (entry && entry.expiresAt > now) entries.push(entry);
        else lapsed.push(field);
      }
      if (lapsed.length) this.redis.hDel(entriesKey(roomId), lapsed).catch(() => undefined);
      const seen = new Map(Object.entries(rawSeen).map(([userId, at]) => [userId, Number(at)]));
      return { people: mergePresence(entries, seen, this.timings.graceMs, now), degraded: false };
    } catch {
      return { people: (await this.mirror.list(roomId)).people, degraded: true };
    }
  }

  /** Refreshes this process's entries, and writes back what an outage kept from Redis. */
  async heartbeat(): Promise<void> {
    await this.mirror.heartbeat();
    if (!this.redis.isReady) return;
    const { entries, seen } = this.mirror.snapshot();
    const pending = this.pendingRemovals;
    this.pendingRemovals = [];
    for (const removal of pending) await this.removeInRedis(removal);
    const multi = this.redis.multi();
    if (this.unsynced) for (const s of seen) multi.hSet(seenKey(s.roomId), s.userId, String(s.at));
    this.unsynced = false;
    for (const e of entries)
      multi.hSet(entriesKey(e.roomId), entryKey(e.userId, e.connId), JSON.stringify(e));
    for (const roomId of new Set(entries.map((e) => e.roomId))) {
      multi.pExpire(entriesKey(roomId), this.keyTtlMs);
      multi.pExpire(seenKey(roomId), SEEN_KEEP_MS);
    }
    if (entries.length || seen.length) {
      await multi.exec().catch(() => {
        this.unsynced = true;
      });
    }
  }

  async close(): Promise<void> {
    // A process that stops drops its connections: people show `reconnecting` elsewhere
    // while their clients find another process, instead of lingering until the TTL.
    for (const e of this.mirror.snapshot().entries) {
      if (e.droppedAt === null) await this.drop(e.roomId, e.userId, e.connId);
    }
    await this.mirror.close();
  }

  private own(roomId: string, userId: string, connId: string): PresenceEntry | undefined {
    return this.mirror.entry(roomId, userId, connId);
  }

  private async write(roomIds: string[], entries: (PresenceEntry | undefined)[]) {
    try {
      const multi = this.redis.multi();
      for (const e of entries) {
        if (!e) continue;
        multi.hSet(entriesKey(e.roomId), entryKey(e.userId, e.connId), JSON.stringify(e));
        multi.hSet(seenKey(e.roomId), e.userId, String(this.now()));
      }
      for (const roomId of roomIds) {
        multi.pExpire(entriesKey(roomId), this.keyTtlMs);
        multi.pExpire(seenKey(roomId), SEEN_KEEP_MS);
      }
      await multi.exec();
    } catch {
      // The mirror holds it; the next heartbeat that reaches Redis writes it.
      this.unsynced = true;
    }
  }

  private async removeInRedis(removal: { roomId: string; userId: string; connId: string | null }) {
    const { roomId, userId, connId } = removal;
    try {
      const key = entriesKey(roomId);
      const fields =
        connId !== null
          ? [entryKey(userId, connId)]
          : Object.keys(await this.redis.hGetAll(key)).filter((f) => f.startsWith(`${userId}|`));
      const multi = this.redis.multi();
      if (fields.length) multi.hDel(key, fields);
      multi.hSet(seenKey(roomId), userId, String(this.now()));
      await multi.exec();
    } catch {
      this.pendingRemovals.push(removal);
      this.unsynced = true;
    }
  }
}
