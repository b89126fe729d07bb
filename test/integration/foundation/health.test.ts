import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { startRedis, type PrivateRedis } from '../../helpers/redis';

describe('health and readiness', () => {
  let server: TestServer;
  let redis: PrivateRedis;

  beforeAll(async () => {
    redis = await startRedis();
    server = await startServer({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await server.stop();
    await redis.stop();
  });

  it('answers /healthz with 200 and status ok', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('reports ready when the database and Redis answer', async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ready',
      checks: [
        { name: 'database', ok: true },
        { name: 'redis', ok: true },
      ],
    });
  });

  it('reports not ready with 503 while Redis is down, and ready again once it is back', async () => {
    await redis.kill();
    const down = await fetch(`${server.url}/readyz`);
    expect(down.status).toBe(503);
    expect(
      ((await down.json()) as { checks: { name: string; ok: boolean }[] }).checks,
    ).toContainEqual({
      name: 'redis',
      ok: false,
    });
    await redis.restart();
    await expect
      .poll(async () => (await fetch(`${server.url}/readyz`)).status, {
        timeout: 10_000,
        interval: 100,
      })
      .toBe(200);
  });

  it('answers an unknown API path with a JSON not_found error', async () => {
    const res = await fetch(`${server.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('refuses a JSON body over the size limit with payload_too_large and keeps serving', async () => {
    const res = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.org', password: 'x'.repeat(100_000) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'payload_too_large' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('answers malformed JSON with bad_request', async () => {
    const res = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'bad_request' });
  });

  it('sends security headers with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${server.url}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,64}$/);
  });
});
