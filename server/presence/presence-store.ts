import type { PersonPresence, PresenceStatus } from '../../shared/schemas/live';

/** One connection (one browser tab) of one person in one room. */
export interface ConnectionPresence {
  roomId: string;
  userId: string;
  connId: string;
  status: Extract<PresenceStatus, 'online' | 'idle' | 'away'>;
  focusedCardId: string | null;
}

export interface PresenceTimings {
  /** A dropped connection shows `reconnecting` this long before she counts as gone. */
  graceMs: number;
  /** A live connection not refreshed by a heartbeat for this long has gone (crashed process). */
  ttlMs: number;
}

export interface RoomPresenceList {
  people: PersonPresence[];
  /** True when only this process's own connections could be read. */
  degraded: boolean;
}

/**
 * Who is in which room, per person: two tabs are one presence. Implementations: in
 * process (`MemoryPresenceStore`) and shared between processes (`RedisPresenceStore`);
 * one contract suite (test/integration/live/presence-contract.ts) runs against both.
 */
export interface PresenceStore {
  /** Adds or updates a live connection. */
  put(conn: ConnectionPresence): Promise<void>;
  /** The connection dropped: `reconnecting` for graceMs unless another one is live. */
  drop(roomId: string, userId: string, connId: string): Promise<void>;
  /** The connection left on purpose: gone at once. */
  remove(roomId: string, userId: string, connId: string): Promise<void>;
  /** Every connection of hers in the room (she was removed from it). */
  removeUser(roomId: string, userId: string): Promise<void>;
  list(roomId: string): Promise<RoomPresenceList>;
  /** Refreshes the TTL of this process's live connections; call every heartbeat. */
  heartbeat(): Promise<void>;
  close(): Promise<void>;
}

/** A stored connection entry, as both implementations keep it. */
export interface PresenceEntry extends ConnectionPresence {
  updatedAt: number;
  /** Set when the connection dropped. */
  droppedAt: number | null;
  /** After this server time the entry means nothing. */
  expiresAt: number;
}

const RANK: Record<ConnectionPresence['status'], number> = { online: 3, idle: 2, away: 1 };

/** Folds connection entries and last-seen times into one presence per person. */
export function mergePresence(
  entries: Iterable<PresenceEntry>,
  lastSeen: Map<string, number>,
  graceMs: number,
  now: number,
): PersonPresence[] {
  const live = new Map<string, PresenceEntry[]>();
  const dropped = new Map<string, number>();
  for (const e of entries) {
    if (e.expiresAt <= now) continue;
    if (e.droppedAt === null) live.set(e.userId, [...(live.get(e.userId) ?? []), e]);
    else if (e.droppedAt + graceMs > now)
      dropped.set(e.userId, Math.max(dropped.get(e.userId) ?? 0, e.droppedAt));
  }
  const people = new Map<string, PersonPresence>();
  for (const [userId, seen] of lastSeen) {
    people.set(userId, { userId, status: 'offline', focusedCardId: null, lastSeen: seen });
  }
  for (const [userId, droppedAt] of dropped) {
    if (live.has(userId)) continue;
    const seen = Math.max(droppedAt, lastSeen.get(userId) ?? 0);
    people.set(userId, { userId, status: 'reconnecting', focusedCardId: null, lastSeen: seen });
  }
  for (const [userId, conns] of live) {
    const best = conns.reduce((a, b) => (RANK[b.status] > RANK[a.status] ? b : a));
    const newest = conns.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
    people.set(userId, {
      userId,
      status: best.status,
      focusedCardId: newest.focusedCardId,
      lastSeen: now,
    });
  }
  return [...people.values()].sort((a, b) => a.userId.localeCompare(b.userId));
}

export const entryKey = (userId: string, connId: string) => `${userId}|${connId}`;
