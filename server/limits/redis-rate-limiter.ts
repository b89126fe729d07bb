import { createHash } from 'node:crypto';
import type { Logger } from '../logger';
import type { RedisConnection } from '../presence/redis-connection';
import { MemoryRateLimiter, type RateLimiter } from './rate-limiter';

/**
 * One hit, atomically: count it, start the window's expiry with the first hit, and answer
 * the count and the time left. A key left without expiry (it cannot happen through this
 * script, but a window must never become permanent) gets one.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return {count, left}
`;

/** A hit Redis has not answered by then is counted here instead. */
const REDIS_WAIT_MS = 500;

/**
 * Fixed windows counted in Redis, so every process sharing it shares the counts: an account
 * gets its 10 sign-in attempts per window across the deployment, not per process. Keys are
 * SHA-256 digests, so Redis does not list the email and IP addresses they count. A digest is
 * not a secret: whoever reads Redis can test a candidate address against it.
 *
 * While Redis does not answer, hits are counted in this process (`MemoryRateLimiter`): the
 * limits then hold per process, as without Redis, rather than failing open or refusing
 * every sign-in.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly local = new MemoryRateLimiter();
  private degraded = false;

  constructor(
    private readonly redis: RedisConnection,
    private readonly logger: Logger,
    private readonly prefix = 'mutua:rate:',
  ) {}

  async hit(key: string, limit: number, windowMs: number) {
    const shared = await this.sharedHit(key, windowMs);
    if (shared === null) return this.local.hit(key, limit, windowMs);
    const allowed = shared.count <= limit;
    return { allowed, retryAfterMs: allowed ? 0 : shared.leftMs };
  }

  private async sharedHit(
    key: string,
    windowMs: number,
  ): Promise<{ count: number; leftMs: number } | null> {
    if (!this.redis.isReady) return this.fallBack('redis not ready');
    const digest = createHash('sha256').update(key).digest('base64url');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), REDIS_WAIT_MS);
    });
    try {
      const reply = await Promise.race([
        this.redis.eval(HIT_SCRIPT, {
          keys: [`${this.prefix}${digest}`],
          arguments: [String(windowMs)],
        }),
        late,
      ]);
      if (reply === 'late') return this.fallBack('redis too slow');
      const [count, leftMs] = reply as [number, number];
      if (this.degraded) this.logger.info('rate limits shared through redis again');
      this.degraded = false;
      return { count, leftMs };
    } catch (err) {
      return this.fallBack((err as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  private fallBack(reason: string): null {
    if (!this.degraded) {
      this.logger.warn({ reason }, 'rate limits counted in this process until redis answers');
    }
    this.degraded = true;
    return null;
  }
}
