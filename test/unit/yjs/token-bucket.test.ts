import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../server/yjs/token-bucket';

describe('TokenBucket', () => {
  it('allows a full burst, then refuses until tokens flow back in', () => {
    let now = 0;
    const bucket = new TokenBucket(3, 3_000, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    now += 999;
    expect(bucket.take()).toBe(false);
    now += 1;
    expect(bucket.take()).toBe(true);
  });

  it('never holds more than its capacity after a long pause', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 1_000, () => now);
    now += 60_000;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });
});
