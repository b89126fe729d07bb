import {
  type ConnectionPresence,
  entryKey,
  mergePresence,
  type PresenceEntry,
  type PresenceStore,
  type PresenceTimings,
  type RoomPresenceList,
} from './presence-store';

/** Presence held in this process: the default, and the Redis store's local mirror. */
export class MemoryPresenceStore implements PresenceStore {
  private readonly rooms = new Map<string, Map<string, PresenceEntry>>();
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(
    private readonly timings: PresenceTimings,
    private readonly now: () => number = Date.now,
  ) {}

  async put(conn: ConnectionPresence): Promise<void> {
    const now = this.now();
    this.room(conn.roomId).set(entryKey(conn.userId, conn.connId), {
      ...conn,
      updatedAt: now,
      droppedAt: null,
      expiresAt: now + this.timings.ttlMs,
    });
    this.markSeen(conn.roomId, conn.userId, now);
  }

  async drop(roomId: string, userId: string, connId: string): Promise<void> {
    const now = this.now();
    const entry = this.rooms.get(roomId)?.get(entryKey(userId, connId));
    if (entry) Object.assign(entry, { droppedAt: now, expiresAt: now + this.timings.graceMs });
    this.markSeen(roomId, userId, now);
  }

  async remove(roomId: string, userId: string, connId: string): Promise<void> {
    this.rooms.get(roomId)?.delete(entryKey(userId, connId));
    this.markSeen(roomId, userId, this.now());
  }

  async removeUser(roomId: string, userId: string): Promise<void> {
    const room = this.rooms.get(roomId);
    for (const [key, entry] of room ?? []) if (entry.userId === userId) room?.delete(key);
    this.markSeen(roomId, userId, this.now());
  }

  async list(roomId: string): Promise<RoomPresenceList> {
    const now = this.now();
    const room = this.rooms.get(roomId);
    for (const [key, entry] of room ?? []) if (entry.expiresAt <= now) room?.delete(key);
    if (room?.size === 0) this.rooms.delete(roomId);
    const people = mergePresence(
      room?.values() ?? [],
      this.seen.get(roomId) ?? new Map(),
      this.timings.graceMs,
      now,
    );
    return { people, degraded: false };
  }

  async heartbeat(): Promise<void> {
    const expiresAt = this.now() + this.timings.ttlMs;
    for (const room of this.rooms.values()) {
      for (const entry of room.values()) if (entry.droppedAt === null) entry.expiresAt = expiresAt;
    }
  }

  async close(): Promise<void> {
    this.rooms.clear();
  }

  /** Every entry still held, with the room's last-seen times (for the Redis store). */
  snapshot(): { entries: PresenceEntry[]; seen: { roomId: string; userId: string; at: number }[] } {
    const entries = [...this.rooms.values()].flatMap((room) => [...room.values()]);
    const seen = [...this.seen].flatMap(([roomId, users]) =>
      [...users].map(([userId, at]) => ({ roomId, userId, at })),
    );
    return { entries, seen };
  }

  /** One connection's entry, if held. */
  entry(roomId: string, userId: string, connId: string): PresenceEntry | undefined {
    return this.rooms.get(roomId)?.get(entryKey(userId, connId));
  }

  private room(roomId: string) {
    let room = this.rooms.get(roomId);
    if (!room) this.rooms.set(roomId, (room = new Map()));
    return room;
  }

  private markSeen(roomId: string, userId: string, at: number) {
    let users = this.seen.get(roomId);
    if (!users) this.seen.set(roomId, (users = new Map()));
    users.set(userId, at);
  }
}
