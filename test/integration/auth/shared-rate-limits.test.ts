import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrivateRedis } from '../../helpers/redis';
import { startScaledOut, type ScaledOut } from '../../helpers/scaled-out';
import type { TestServer } from '../../helpers/server';

// Two servers on one database and one Redis: as two processes behind a balancer.
let cluster: ScaledOut;
let redis: PrivateRedis;
let one: TestServer;
let two: TestServer;

beforeAll(async () => {
  cluster = await startScaledOut();
  ({ redis, one, two } = cluster);
});
afterAll(() => cluster?.stop());

async function signInStatus(server: TestServer, email: string): Promise<number> {
  const res = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin },
    body: JSON.stringify({ email, password: 'not her password', sharedDevice: false }),
  });
  return res.status;
}

async function attempts(server: TestServer, email: string, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push(await signInStatus(server, email));
  return statuses;
}

describe('sign-in limits scaled out over Redis', () => {
  it('count attempts on an account across processes: 5 on one and 5 on the other use up its 10', async () => {
    const email = 'amina.shared-limit@example.org';
    expect(await attempts(one, email, 5)).toEqual(Array(5).fill(401));
    expect(await attempts(two, email, 5)).toEqual(Array(5).fill(401));
    expect(await signInStatus(one, email)).toBe(429);
    expect(await signInStatus(two, email)).toBe(429);
    // Another account is not touched.
    expect(await signInStatus(two, 'sofia.shared-limit@example.org')).toBe(401);
  });

  it('keep no email address in Redis: keys are digests', async () => {
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const keys = await client.keys('*');
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((key) => key.includes('@') || key.includes('sign-in'))).toEqual([]);
      expect(keys.every((key) => key.startsWith('mutua:rate:'))).toBe(true);
    } finally {
      await client.quit();
    }
  });

  it('while Redis is down, still answer every attempt and count them in each process', async () => {
    await redis.kill();
    const email = 'fatou.redis-down@example.org';
    // Refused at the eleventh on this process: the limit holds per process, nothing fails.
    expect(await attempts(one, email, 10)).toEqual(Array(10).fill(401));
    expect(await signInStatus(one, email)).toBe(429);
    expect(await signInStatus(two, email)).toBe(401);
    await redis.restart();
  });
});
