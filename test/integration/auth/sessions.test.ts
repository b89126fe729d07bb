import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../../shared/protocol';
import { FIXTURE_PASSWORD, createPerson, type Person } from '../../helpers/people';
import { startServer, type TestServer } from '../../helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

async function signIn(
  email: string,
  password: string,
  extra: Record<string, unknown> = {},
  ip?: string,
) {
  const res = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: server.origin,
      ...(ip ? { 'x-forwarded-for': ip } : {}),
    },
    body: JSON.stringify({ email, password, ...extra }),
  });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const token = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(setCookie)?.[1];
  return { res, setCookie, cookie: token ? `${SESSION_COOKIE}=${token}` : '' };
}

const me = (headers: Record<string, string>) => fetch(`${server.url}/api/me`, { headers });
const post = (path: string, cookie: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('sign-in sessions', () => {
  let person: Person;
  beforeAll(async () => {
    person = await createPerson(server.mutua, { name: 'Awa Diop' });
  });

  it('sets an HttpOnly, SameSite=Lax session cookie and stores only its hash', async () => {
    const { res, setCookie, cookie } = await signIn(person.email, FIXTURE_PASSWORD);
    expect(res.status).toBe(200);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Max-Age=\d+/);
    const raw = cookie.split('=')[1]!;
    const rows = await server.mutua.store.db
      .selectFrom('auth_sessions')
      .select('id_hash')
      .execute();
    expect(rows.some((r) => r.id_hash === raw)).toBe(false);
    expect((await me({ cookie })).status).toBe(200);
  });

  it('gives one answer for an unknown address and a wrong password', async () => {
    const wrong = await signIn(person.email, 'not the password');
    const unknown = await signIn('nobody@example.org', 'not the password');
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    expect(await wrong.res.json()).toEqual(await unknown.res.json());
  });

  it('on a shared computer the cookie lives only as long as the browser', async () => {
    const { res, setCookie } = await signIn(person.email, FIXTURE_PASSWORD, { sharedDevice: true });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { sharedDevice: boolean }).sharedDevice).toBe(true);
    expect(setCookie).not.toMatch(/Max-Age|Expires/i);
  });

  it('signing out ends that session and asks the browser to clear its stored data', async () => {
    const { cookie } = await signIn(person.email, FIXTURE_PASSWORD);
    const out = await post('/api/auth/sign-out', cookie);
    expect(out.status).toBe(200);
    expect(out.headers.get('clear-site-data')).toContain('storage');
    expect((await me({ cookie })).status).toBe(401);
  });

  it('signing out everywhere ends every session of the account', async () => {
    const one = await signIn(person.email, FIXTURE_PASSWORD);
    const two = await signIn(person.email, FIXTURE_PASSWORD);
    expect((await post('/api/auth/sign-out-everywhere', one.cookie)).status).toBe(200);
    expect((await me({ cookie: one.cookie })).status).toBe(401);
    expect((await me({ cookie: two.cookie })).status).toBe(401);
  });

  it('changing the password ends her other sessions and keeps this one', async () => {
    const someone = await createPerson(server.mutua);
    const here = await signIn(someone.email, FIXTURE_PASSWORD);
    const elsewhere = await signIn(someone.email, FIXTURE_PASSWORD);
    const wrong = await post('/api/me/password', here.cookie, {
      currentPassword: 'nope',
      newPassword: 'a new long password',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      fields: { currentPassword: 'current_password_wrong' },
    });
    const changed = await post('/api/me/password', here.cookie, {
      currentPassword: FIXTURE_PASSWORD,
      newPassword: 'a new long password',
    });
    expect(changed.status).toBe(200);
    expect((await me({ cookie: here.cookie })).status).toBe(200);
    expect((await me({ cookie: elsewhere.cookie })).status).toBe(401);
    expect((await signIn(someone.email, 'a new long password')).res.status).toBe(200);
  });

  it('an expired session is refused', async () => {
    const { cookie } = await signIn(person.email, FIXTURE_PASSWORD);
    await server.mutua.store.db
      .updateTable('auth_sessions')
      .set({ idle_expires_at: Date.now() - 1 })
      .execute();
    expect((await me({ cookie })).status).toBe(401);
  });

  it('a request from a foreign Origin cannot act with her cookie', async () => {
    const { cookie } = await signIn(person.email, FIXTURE_PASSWORD);
    const res = await fetch(`${server.url}/api/auth/sign-out-everywhere`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', cookie },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'origin_not_allowed' });
    expect((await me({ cookie })).status).toBe(200);
  });
});

describe('personal API tokens', () => {
  it('work as Bearer, are listed without the secret, and stop working once revoked', async () => {
    const person = await createPerson(server.mutua);
    const created = await post('/api/me/tokens', person.cookie, { name: 'my script' });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(200);
    const list = await fetch(`${server.url}/api/me/tokens`, { headers: { cookie: person.cookie } });
    const body = JSON.stringify(await list.json());
    expect(body).toContain('my script');
    expect(body).not.toContain(token);
    const revoked = await fetch(`${server.url}/api/me/tokens/${id}`, {
      method: 'DELETE',
      headers: { cookie: person.cookie, origin: server.origin },
    });
    expect(revoked.status).toBe(200);
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('cannot be used to make more tokens: a leaked token cannot outlive itself', async () => {
    const person = await createPerson(server.mutua);
    const before = await server.mutua.auth.tokens.list(person.userId);
    const res = await fetch(`${server.url}/api/me/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${person.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'copy' }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'forbidden' });
    const after = await server.mutua.auth.tokens.list(person.userId);
    expect(after.map((t) => t.id)).toEqual(before.map((t) => t.id));
  });

  it('an empty token name gets a per-field error and nothing is stored', async () => {
    const person = await createPerson(server.mutua);
    const before = await server.mutua.auth.tokens.list(person.userId);
    const res = await post('/api/me/tokens', person.cookie, { name: '   ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'validation_failed',
      fields: { name: 'token_name_required' },
    });
    expect(await server.mutua.auth.tokens.list(person.userId)).toEqual(before);
  });
});

describe('sign-in rate limits', () => {
  it('refuses a burst of attempts on one account with rate_limited, even with the right password', async () => {
    const person = await createPerson(server.mutua);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await signIn(person.email, 'wrong password')).res.status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect((await signIn(person.email, FIXTURE_PASSWORD)).res.status).toBe(429);
  });
});
