/**
 * Counts events per key in fixed windows. One interface so that a Redis implementation
 * can share counters between processes when scaled out.
 */
export interface RateLimiter {
  /** Records one event for key; tells whether it is within `limit` per `windowMs`. */
  hit(
    key: string,
    limit: number,
    windowMs: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, limit: number, windowMs: number) {
    const now = this.now();
    this.sweep(now, windowMs);
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const allowed = window.count <= limit;
    return { allowed, retryAfterMs: allowed ? 0 : window.start + windowMs - now };
  }

  /** Drops finished windows now and then, so that memory stays bounded by active keys. */
  private sweep(now: number, windowMs: number) {
    if (now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) {
      if (now - window.start >= windowMs) this.windows.delete(key);
    }
  }
}

/** Explicit limits in force; docs/security.md lists them. */
export const LIMITS = {
  jsonBodyBytes: 64 * 1024,
  signInPerAddress: { limit: 100, windowMs: 15 * 60_000 },
  signInPerAccount: { limit: 10, windowMs: 15 * 60_000 },
  socketEventsPerSecond: 30,
  socketMaxPayloadBytes: 64 * 1024,
} as const;
