import { LIMITS } from '../limits/rate-limiter';

/** Timings of live rooms. Tests scale them down; docs/protocol.md states the defaults. */
export interface LiveOptions {
  /** A dropped connection shows `reconnecting` this long before she is shown as gone. */
  graceMs: number;
  /** How often each process refreshes its presence entries and re-checks its rooms. */
  heartbeatMs: number;
  /** Presence entries not refreshed for this long lapse (a crashed process). */
  ttlMs: number;
  /** Per-socket event budget (bursts of twice as many). */
  eventsPerSecond: number;
}

export const LIVE_DEFAULTS: LiveOptions = {
  graceMs: 12_000,
  heartbeatMs: 5_000,
  ttlMs: 20_000,
  eventsPerSecond: LIMITS.socketEventsPerSecond,
};

/** Socket.IO rooms: a live room is named by its room id; every socket of one person joins this Socket.IO room. */
export const personChannel = (userId: string) => `user:${userId}`;
