/**
 * Classic token bucket: `capacity` tokens, refilled continuously so that an empty bucket is
 * full again after `refillMs`. One message costs one token.
 */
export class TokenBucket {
  private tokens: number;
  private lastRefill: number;

  constructor(
    private readonly capacity: number,
    private readonly refillMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.lastRefill = now();
  }

  /** Takes one token; false when the bucket is empty (the caller refuses the message). */
  take(): boolean {
    const now = this.now();
    const refilled = ((now - this.lastRefill) * this.capacity) / this.refillMs;
    this.tokens = Math.min(this.capacity, this.tokens + refilled);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
