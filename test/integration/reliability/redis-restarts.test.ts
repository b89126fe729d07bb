import { describe, expect, it } from 'vitest';
import { FAST, redisRestarts } from '../../reliability/redis-restarts';
import { missed, valueOf } from '../../reliability/scenario';

describe('Redis killed and restarted under two server processes', () => {
  it('crashes no process, loses no acknowledged message, and presence crosses again soon after', async () => {
    const result = await redisRestarts(FAST);
    expect(missed(result)).toEqual([]);
    expect(valueOf(result, 'server crashes')).toBe(0);
    expect(valueOf(result, 'errors seen by clients')).toBe(0);
    expect(valueOf(result, 'restarts after which presence did not recover')).toBe(0);
    expect(valueOf(result, 'presence recovery after a restart, max')).toBeLessThanOrEqual(10_000);
    expect(valueOf(result, 'chat messages acknowledged while Redis was down')).toBeGreaterThan(0);
    expect(valueOf(result, 'chat messages acknowledged and missing from history')).toBe(0);
  }, 90_000);
});
